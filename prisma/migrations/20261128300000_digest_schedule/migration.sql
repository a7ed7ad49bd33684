-- Each digest subscription has its own schedule (a cron expression) and timezone; a claimed run remembers
-- when it was claimed, so a claim whose instance died can be taken over, and a failed post released.
ALTER TABLE "DigestSubscription" ADD COLUMN "schedule" TEXT NOT NULL DEFAULT '0 9 * * 1';
ALTER TABLE "DigestSubscription" ADD COLUMN "timezone" TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE "DigestRun" ADD COLUMN "claimedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
CREATE INDEX "Outcome_createdAt_idx" ON "Outcome"("createdAt");
