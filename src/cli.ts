#!/usr/bin/env node
// The `lead-triage` executable: everything lives in cli/program.ts so tests can drive it in-process too.
import { setFlagsFromString } from "node:v8";
import { main } from "./cli/program.js";

// A command lives for seconds: V8's optimising compiler spent more CPU on PGlite's WebAssembly (1.3 s of a
// 3.4 s kept check, measured) than it saved, and a 20,000-row file ran no slower without it. The baseline
// compiler alone runs it (the app does the same). Set before any WebAssembly is compiled (the database opens
// inside main).
setFlagsFromString("--liftoff-only");
// A file's rows allocate fast: V8 then lets the heap grow to four times what is live before collecting, and a
// 100,000-row file peaked at 430-450 MB. Growing by at most twice keeps it near 310 MB at the same speed
// (bench/RESULTS.md). Not a cap: the heap still grows as far as the work needs.
setFlagsFromString("--heap-growing-percent=100");

// A closed pipe (`lead-triage check --file big.csv | head`) ends the run quietly, not with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
});
process.exitCode = await main(process.argv.slice(2));
