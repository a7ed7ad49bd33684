-- The optional LLM's summary of a lead (written from redacted text), kept with its check so the verdict keeps
-- showing it when an outcome is recorded; purged with the lead's text at the end of retention.
ALTER TABLE "Check" ADD COLUMN "summary" TEXT;
