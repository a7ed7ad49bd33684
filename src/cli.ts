#!/usr/bin/env node
// The `lead-triage` executable: everything lives in cli/program.ts so tests can drive it in-process too.
import { setFlagsFromString } from "node:v8";
import { main } from "./cli/program.js";

// A command lives for seconds: V8's optimising compiler spent more CPU on PGlite's WebAssembly (1.3 s of a
// 3.4 s kept check, measured) than it saved, and a 20,000-row file ran no slower without it. The baseline
// compiler alone runs it. Set before any WebAssembly is compiled (the database opens inside main).
setFlagsFromString("--liftoff-only");

// A closed pipe (`lead-triage check --file big.csv | head`) ends the run quietly, not with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
});
process.exitCode = await main(process.argv.slice(2));
