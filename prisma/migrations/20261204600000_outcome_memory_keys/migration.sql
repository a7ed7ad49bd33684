-- The lead memory's outcome lookups, one index descent each: an outcome carries its check's workspace and memory
-- keys, so "the latest outcome at this company" and "was a lead here won" no longer probe every recent check of the
-- company. The database keeps them equal to the check's: filled when an outcome is written, and changed with the
-- check's keys (erasure clears them), whichever code path writes.
ALTER TABLE "Outcome" ADD COLUMN "workspaceId" TEXT;
ALTER TABLE "Outcome" ADD COLUMN "personKey" TEXT;
ALTER TABLE "Outcome" ADD COLUMN "companyKey" TEXT;

UPDATE "Outcome" o SET "workspaceId" = c."workspaceId", "personKey" = c."personKey", "companyKey" = c."companyKey"
FROM "Check" c WHERE c."id" = o."checkId";

CREATE INDEX "Outcome_company_current_idx" ON "Outcome"("workspaceId", "companyKey", "createdAt") WHERE "isCurrent";
CREATE INDEX "Outcome_person_current_idx" ON "Outcome"("workspaceId", "personKey", "createdAt") WHERE "isCurrent";
CREATE INDEX "Outcome_company_won_idx" ON "Outcome"("workspaceId", "companyKey") WHERE "isCurrent" AND "kind" = 'won';

CREATE FUNCTION "outcome_takes_check_keys"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c."workspaceId", c."personKey", c."companyKey" INTO NEW."workspaceId", NEW."personKey", NEW."companyKey"
  FROM "Check" c WHERE c."id" = NEW."checkId";
  RETURN NEW;
END $$;
CREATE TRIGGER "Outcome_takes_check_keys" BEFORE INSERT ON "Outcome"
  FOR EACH ROW EXECUTE FUNCTION "outcome_takes_check_keys"();

CREATE FUNCTION "check_keys_reach_outcomes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Outcome" SET "personKey" = NEW."personKey", "companyKey" = NEW."companyKey" WHERE "checkId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Check_keys_reach_outcomes" AFTER UPDATE OF "personKey", "companyKey" ON "Check"
  FOR EACH ROW WHEN (OLD."personKey" IS DISTINCT FROM NEW."personKey" OR OLD."companyKey" IS DISTINCT FROM NEW."companyKey")
  EXECUTE FUNCTION "check_keys_reach_outcomes"();

-- What the workspace's earlier checks (before `before`, NULL: all) know of a person and a company: the query a verdict waits
-- on, in a function so each session plans it once (planning the nine parts took longer than running them). Counts
-- stop at 1,000 (MEMORY_COUNT_CAP); each part is one index range read or descent; a NULL key reads nothing.
CREATE FUNCTION "lead_history"(ws text, pk text, ck text, before timestamptz)
RETURNS TABLE("personCount" int, "personFirst" timestamptz, "personLatest" json, "personOutcome" json,
  "companyCount" int, "companyFirst" timestamptz, "companyLatest" json, "companyOutcome" json, "companyWon" boolean)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY SELECT
    (SELECT count(*)::int FROM (SELECT 1 FROM "Check" WHERE "workspaceId" = ws AND "personKey" = pk
      AND "createdAt" < COALESCE(before, 'infinity') LIMIT 1000) x),
    (SELECT c."createdAt" FROM "Check" c WHERE c."workspaceId" = ws AND c."personKey" = pk
      AND c."createdAt" < COALESCE(before, 'infinity') ORDER BY c."createdAt" ASC LIMIT 1),
    (SELECT row_to_json(l) FROM (SELECT c."id", c."createdAt", c."userId", c."decision", c."channelId", c."messageTs" FROM "Check" c
      WHERE c."workspaceId" = ws AND c."personKey" = pk AND c."createdAt" < COALESCE(before, 'infinity')
      ORDER BY c."createdAt" DESC LIMIT 1) l),
    (SELECT row_to_json(l) FROM (SELECT o."kind", o."reason", o."userId", o."createdAt", c."channelId", c."messageTs"
      FROM (SELECT x."checkId", x."kind", x."reason", x."userId", x."createdAt" FROM "Outcome" x
        WHERE x."workspaceId" = ws AND x."personKey" = pk AND x."isCurrent" AND x."createdAt" < COALESCE(before, 'infinity')
        ORDER BY x."createdAt" DESC LIMIT 1) o JOIN "Check" c ON c."id" = o."checkId") l),
    (SELECT count(*)::int FROM (SELECT 1 FROM "Check" WHERE "workspaceId" = ws AND "companyKey" = ck
      AND "createdAt" < COALESCE(before, 'infinity') LIMIT 1000) x),
    (SELECT c."createdAt" FROM "Check" c WHERE c."workspaceId" = ws AND c."companyKey" = ck
      AND c."createdAt" < COALESCE(before, 'infinity') ORDER BY c."createdAt" ASC LIMIT 1),
    (SELECT row_to_json(l) FROM (SELECT c."id", c."createdAt", c."userId", c."decision", c."channelId", c."messageTs" FROM "Check" c
      WHERE c."workspaceId" = ws AND c."companyKey" = ck AND c."createdAt" < COALESCE(before, 'infinity')
      ORDER BY c."createdAt" DESC LIMIT 1) l),
    (SELECT row_to_json(l) FROM (SELECT o."kind", o."reason", o."userId", o."createdAt", c."channelId", c."messageTs"
      FROM (SELECT x."checkId", x."kind", x."reason", x."userId", x."createdAt" FROM "Outcome" x
        WHERE x."workspaceId" = ws AND x."companyKey" = ck AND x."isCurrent" AND x."createdAt" < COALESCE(before, 'infinity')
        ORDER BY x."createdAt" DESC LIMIT 1) o JOIN "Check" c ON c."id" = o."checkId") l),
    EXISTS (SELECT 1 FROM "Outcome" x WHERE x."workspaceId" = ws AND x."companyKey" = ck AND x."isCurrent"
      AND x."kind" = 'won' AND x."createdAt" < COALESCE(before, 'infinity'));
END $$;
