-- Installations of the app in distribution mode (OAuth: "Add to Slack"): one per workspace, or one per Enterprise
-- Grid organisation for an org-wide install ("key" is the team id, or the enterprise id for an org-wide one).
-- The table came with the first schema, holding Slack's installation as JSON in clear; nothing wrote it. Now
-- everything Slack gives at install, tokens included, is kept sealed (AES-256-GCM) in "sealed", and "keyId"
-- names the key that sealed it, so keys can rotate; the other columns are what lookups and admins need, no
-- secret. Rows of the old shape (none were ever written) would hold tokens in clear and are removed.
DELETE FROM "Installation";
ALTER TABLE "Installation" DROP COLUMN "data";
ALTER TABLE "Installation" ADD COLUMN "enterpriseId" TEXT;
ALTER TABLE "Installation" ADD COLUMN "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Installation" ADD COLUMN "botUserId" TEXT;
ALTER TABLE "Installation" ADD COLUMN "scopes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Installation" ADD COLUMN "installerUserId" TEXT;
ALTER TABLE "Installation" ADD COLUMN "appId" TEXT;
ALTER TABLE "Installation" ADD COLUMN "sealed" TEXT NOT NULL;
ALTER TABLE "Installation" ADD COLUMN "keyId" TEXT NOT NULL;
