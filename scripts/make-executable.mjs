#!/usr/bin/env node
// tsc writes files without the executable bit; the `lead-triage` bin needs it for `npx lead-triage`.
import { chmodSync } from "node:fs";

for (const file of process.argv.slice(2)) chmodSync(file, 0o755);
