-- Leads that arrive by themselves: endpoints web forms and CRMs post to, and the leads they posted, kept
-- before the sender hears 202 and claimed by one instance at a time (FOR UPDATE SKIP LOCKED).
CREATE TABLE "InboundEndpoint" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "sealedSecret" TEXT NOT NULL,
    "fieldMap" JSONB,
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    CONSTRAINT "InboundEndpoint_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "InboundEndpoint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "InboundEndpoint_workspaceId_idx" ON "InboundEndpoint"("workspaceId");

CREATE TABLE "InboundLead" (
    "id" UUID NOT NULL,
    "endpointId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "sourceKey" TEXT,
    "text" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMPTZ(3),
    "checkId" UUID,
    "messageTs" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" TIMESTAMPTZ(3),
    CONSTRAINT "InboundLead_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "InboundLead_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "InboundLead_endpointId_sourceKey_key" ON "InboundLead"("endpointId", "sourceKey");
CREATE INDEX "InboundLead_status_dueAt_idx" ON "InboundLead"("status", "dueAt");
CREATE INDEX "InboundLead_createdAt_idx" ON "InboundLead"("createdAt");
