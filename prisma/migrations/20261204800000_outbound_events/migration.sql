-- Verdicts and outcomes flow out: a workspace's outbound URL, and the events to send it. Events are written by
-- triggers in the transaction that keeps the check or the outcome (a transactional outbox): an event can be late,
-- never missing, and never sent for something that was rolled back. CRM imports send nothing back.
CREATE TABLE "OutboundTarget" (
    "workspaceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "sealedSecret" TEXT NOT NULL,
    "includeText" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboundTarget_pkey" PRIMARY KEY ("workspaceId"),
    CONSTRAINT "OutboundTarget_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "OutboundEvent" (
    "id" UUID NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "checkId" UUID NOT NULL,
    "detail" JSONB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "triesSince" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMPTZ(3),
    CONSTRAINT "OutboundEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OutboundEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutboundEvent_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "OutboundEvent_status_dueAt_idx" ON "OutboundEvent"("status", "dueAt");
CREATE INDEX "OutboundEvent_workspaceId_status_createdAt_idx" ON "OutboundEvent"("workspaceId", "status", "createdAt");
CREATE INDEX "OutboundEvent_checkId_idx" ON "OutboundEvent"("checkId");

-- A verdict: every check but a CRM import's, when the workspace has an outbound URL (one primary-key probe).
CREATE FUNCTION outbound_verdict_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."inputKind" <> 'import'
     AND EXISTS (SELECT 1 FROM "OutboundTarget" t WHERE t."workspaceId" = NEW."workspaceId") THEN
    INSERT INTO "OutboundEvent" ("id", "workspaceId", "type", "checkId")
    VALUES (gen_random_uuid(), NEW."workspaceId", 'verdict.created', NEW."id");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Check_outbound_event" AFTER INSERT ON "Check"
  FOR EACH ROW EXECUTE FUNCTION outbound_verdict_event();

-- An outcome reported, or withdrawn (its thread reply deleted). A check deleted with its workspace is gone
-- before its outcomes' rows are, so erasing a workspace sends nothing.
CREATE FUNCTION outbound_outcome_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o "Outcome";
  ws TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN o := NEW; ELSE o := OLD; END IF;
  SELECT c."workspaceId" INTO ws FROM "Check" c
  WHERE c."id" = o."checkId" AND c."inputKind" <> 'import'
    AND EXISTS (SELECT 1 FROM "OutboundTarget" t WHERE t."workspaceId" = c."workspaceId");
  IF ws IS NOT NULL THEN
    INSERT INTO "OutboundEvent" ("id", "workspaceId", "type", "checkId", "detail")
    VALUES (gen_random_uuid(), ws,
      CASE WHEN TG_OP = 'INSERT' THEN 'outcome.recorded' ELSE 'outcome.withdrawn' END,
      o."checkId",
      jsonb_build_object('outcomeId', o."id", 'kind', o."kind", 'reason', o."reason",
        'reportedBy', o."userId", 'reportedAt', o."createdAt"));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Outcome_outbound_event" AFTER INSERT OR DELETE ON "Outcome"
  FOR EACH ROW EXECUTE FUNCTION outbound_outcome_event();
