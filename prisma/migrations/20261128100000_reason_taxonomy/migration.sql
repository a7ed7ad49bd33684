-- A workspace's own reason taxonomy: the reasons its admins added, and the default ones they renamed. The
-- defaults live in code; a row here overrides or extends them. The primary key settles two admins adding the
-- same reason at once.
CREATE TABLE "ReasonChange" (
    "workspaceId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "words" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "changedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReasonChange_pkey" PRIMARY KEY ("workspaceId", "id")
);
ALTER TABLE "ReasonChange" ADD CONSTRAINT "ReasonChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
