-- Lead Triage: initial schema (written in Prisma Migrate's layout and style; applied by src/store/migrate.ts).

CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "retentionDays" INTEGER NOT NULL DEFAULT 90,
    "digestDay" INTEGER NOT NULL DEFAULT 1,
    "digestHour" INTEGER NOT NULL DEFAULT 9,
    "activeRuleSetVersion" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RuleSet" (
    "id" UUID NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "author" TEXT,
    "note" TEXT,
    "provenance" TEXT NOT NULL DEFAULT 'manual',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RuleSet_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Check" (
    "id" UUID NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT,
    "channelId" TEXT,
    "messageTs" TEXT,
    "threadTs" TEXT,
    "inputKind" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "decision" TEXT NOT NULL,
    "risk" INTEGER NOT NULL,
    "matchedRules" TEXT[],
    "missing" TEXT[],
    "ruleSetVersion" INTEGER NOT NULL,
    "rawText" TEXT,
    "rawTextExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Check_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Outcome" (
    "id" UUID NOT NULL,
    "checkId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "repWords" TEXT,
    "userId" TEXT,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Outcome_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Suggestion" (
    "id" UUID NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ruleRef" TEXT,
    "proposal" JSONB NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DigestSubscription" (
    "id" UUID NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DigestSubscription_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DigestRun" (
    "id" UUID NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "messageTs" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

CREATE TABLE "Installation" (
    "key" TEXT NOT NULL,
    "teamId" TEXT,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Installation_pkey" PRIMARY KEY ("key")
);

CREATE UNIQUE INDEX "RuleSet_workspaceId_version_key" ON "RuleSet"("workspaceId", "version");
CREATE INDEX "Check_workspaceId_createdAt_idx" ON "Check"("workspaceId", "createdAt");
CREATE INDEX "Check_workspaceId_decision_createdAt_idx" ON "Check"("workspaceId", "decision", "createdAt");
CREATE INDEX "Check_channelId_messageTs_idx" ON "Check"("channelId", "messageTs");
CREATE INDEX "Check_rawTextExpiresAt_idx" ON "Check"("rawTextExpiresAt");
CREATE INDEX "Outcome_checkId_idx" ON "Outcome"("checkId");
-- One current outcome per check; older ones stay as history.
CREATE UNIQUE INDEX "Outcome_checkId_current_key" ON "Outcome"("checkId") WHERE "isCurrent";
CREATE INDEX "Suggestion_workspaceId_status_idx" ON "Suggestion"("workspaceId", "status");
CREATE UNIQUE INDEX "DigestSubscription_workspaceId_channelId_key" ON "DigestSubscription"("workspaceId", "channelId");
CREATE UNIQUE INDEX "DigestRun_channelId_period_key" ON "DigestRun"("channelId", "period");
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

ALTER TABLE "RuleSet" ADD CONSTRAINT "RuleSet_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Check" ADD CONSTRAINT "Check_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DigestSubscription" ADD CONSTRAINT "DigestSubscription_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
