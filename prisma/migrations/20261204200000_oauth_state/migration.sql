-- An install begun on one instance ("Add to Slack") may come back to another: the OAuth state lives here, not in
-- one process. "stateHash" is an HMAC of the state Slack carries (keyed with SLACK_STATE_SECRET), so rows read
-- from the database cannot be replayed; each state is taken once and expires after ten minutes.
CREATE TABLE "OAuthState" (
    "stateHash" TEXT NOT NULL,
    "installOptions" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("stateHash")
);
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

-- A workspace of an Enterprise Grid organisation that installed the app org-wide is served by the organisation's
-- installation: the jobs that post on their own (the digest) find it through this.
ALTER TABLE "Workspace" ADD COLUMN "enterpriseId" TEXT;
CREATE INDEX "Installation_teamId_idx" ON "Installation"("teamId");
