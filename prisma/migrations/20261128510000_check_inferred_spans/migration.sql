-- Where in the lead's text each fact the LLM read rests (start and end offsets, two per name of
-- "inferredFacts", in the same order): a verdict shown again later (an outcome recorded on it) quotes the
-- same words and gives the same verdict.
ALTER TABLE "Check" ADD COLUMN "inferredSpans" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
