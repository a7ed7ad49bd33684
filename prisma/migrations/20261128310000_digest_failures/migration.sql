-- A subscription whose channel keeps failing (archived, app removed) backs off, then pauses after repeated
-- failures; admins see it on the Home tab. Subscribing again resets it.
ALTER TABLE "DigestSubscription" ADD COLUMN "failures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DigestSubscription" ADD COLUMN "lastError" TEXT;
ALTER TABLE "DigestSubscription" ADD COLUMN "retryAfter" TIMESTAMPTZ(3);
ALTER TABLE "DigestSubscription" ADD COLUMN "pausedAt" TIMESTAMPTZ(3);
