-- Facts read in a mail's body from a sentence that was not the sender speaking of themselves (they may be
-- about someone else): kept in "facts" for the verdict, where red flags on them count at part weight.
-- Refinement subtracts them like the LLM's facts, so personas learn only from what a lead said of itself; a
-- backtest replaying stored facts marks them again, so rules weigh them as the live verdict did.
ALTER TABLE "Check" ADD COLUMN "secondHandFacts" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
