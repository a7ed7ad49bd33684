#!/usr/bin/env node
// The `lead-triage` executable: everything lives in cli/program.ts so tests can drive it in-process too.
import { main } from "./cli/program.js";

process.exitCode = await main(process.argv.slice(2));
