-- Each erasure ("forget" a person, a domain or a whole workspace) leaves an audit row: who asked, what kind of
-- subject, how much was removed, when. Never the subject itself (the email or domain is what was forgotten).
-- Not tied to the Workspace row: forgetting a whole workspace deletes that row and keeps this one.
CREATE TABLE "Erasure" (
    "id" UUID NOT NULL,
    "workspaceId" TEXT,
    "subjectKind" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "checks" INTEGER NOT NULL DEFAULT 0,
    "texts" INTEGER NOT NULL DEFAULT 0,
    "summaries" INTEGER NOT NULL DEFAULT 0,
    "outcomeNotes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Erasure_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Erasure_workspaceId_createdAt_idx" ON "Erasure"("workspaceId", "createdAt");
