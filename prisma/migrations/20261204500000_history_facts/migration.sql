-- What the team's memory said of a lead when it was checked (prior checks, the latest outcome and its reason, how
-- long ago, whether the company is a customer), as the rules saw it: a backtest replays these, never a history
-- read later. NULL: the check was made without the memory (before it existed, or it did not answer in time).
ALTER TABLE "Check" ADD COLUMN "history" JSONB;
