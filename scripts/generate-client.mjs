#!/usr/bin/env node
// Generates the Prisma client offline.
//
// `prisma generate` needs no schema engine, but Prisma's CLI still tries to download one, from a host that
// installs here (and on many locked-down CI machines) cannot reach. Pointing PRISMA_SCHEMA_ENGINE_BINARY at
// any existing file stops the download. It is set for `generate` only: with it set, the migrate commands
// silently do nothing, and our migrations run through src/store/migrate.ts anyway.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
