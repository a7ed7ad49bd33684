#!/usr/bin/env node
// The `lead-triage` executable: everything lives in cli/program.ts so tests can drive it in-process too.
import { main } from "./cli/program.js";

// A closed pipe (`lead-triage check --file big.csv | head`) ends the run quietly, not with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
});
process.exitCode = await main(process.argv.slice(2));
