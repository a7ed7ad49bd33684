-- Lead memory: each check keeps who it was about, in a form that finds earlier checks without keeping the
-- person's address. "personKey" is an HMAC-SHA256 of the normalised email (the key in "AppSecret", made once per
-- database); "companyKey" is the registrable domain of a company address ("d:northwind.com") or, for a
-- free-mail lead, the exact company name ("n:northwind"), as domains and company facts are kept today.
-- "repeatOf" names the same person's check within 30 days before this one.
ALTER TABLE "Check" ADD COLUMN "personKey" TEXT;
ALTER TABLE "Check" ADD COLUMN "companyKey" TEXT;
ALTER TABLE "Check" ADD COLUMN "repeatOf" UUID;
CREATE INDEX "Check_workspaceId_personKey_createdAt_idx" ON "Check"("workspaceId", "personKey", "createdAt");
CREATE INDEX "Check_workspaceId_companyKey_createdAt_idx" ON "Check"("workspaceId", "companyKey", "createdAt");

-- Secrets the app makes for itself, once per database (the first instance to start wins; the others read it).
CREATE TABLE "AppSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AppSecret_pkey" PRIMARY KEY ("name")
);
