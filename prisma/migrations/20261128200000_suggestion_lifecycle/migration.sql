-- A suggestion is known by what it proposes (its key), so a refresh updates the open one instead of adding
-- another, two refreshes at once cannot both add it, and a dismissal is remembered until the evidence
-- changes materially.
ALTER TABLE "Suggestion" ADD COLUMN "key" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Suggestion" ADD COLUMN "ruleSetVersion" INTEGER;
ALTER TABLE "Suggestion" ADD COLUMN "decisionNote" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "publishedVersion" INTEGER;
CREATE UNIQUE INDEX "Suggestion_workspaceId_key_open_key" ON "Suggestion"("workspaceId", "key") WHERE "status" = 'open';
CREATE INDEX "Suggestion_workspaceId_key_idx" ON "Suggestion"("workspaceId", "key");
