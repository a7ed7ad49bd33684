-- Facts the optional LLM read from the lead's text (grounded in quoted words) and the rules then judged. They
-- are kept in "facts" for the verdict; refinement and backtests subtract them, so personas learn only from
-- facts the lead stated.
ALTER TABLE "Check" ADD COLUMN "inferredFacts" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
