-- An outcome reported by a reply in a verdict's thread remembers that message, so editing the reply updates
-- the outcome and deleting it withdraws it.
ALTER TABLE "Outcome" ADD COLUMN "sourceTs" TEXT;
CREATE INDEX "Outcome_sourceTs_idx" ON "Outcome"("sourceTs");
