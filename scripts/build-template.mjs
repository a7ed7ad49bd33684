#!/usr/bin/env node
// Builds dist/pgdata-template.tgz: an embedded database with every migration applied, made once at install
// (with the installed PGlite, so it always matches). A first run loads it instead of running initdb and the
// migrations on the user's machine (seconds saved on the very first `lead-triage check`).
import { writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../dist/store/migrate.js";
import { pgliteConnection } from "../dist/store/sql.js";

const out = process.argv[2] ?? "dist/pgdata-template.tgz";
const db = await PGlite.create();
await migrate(pgliteConnection(db));
const dump = await db.dumpDataDir("gzip");
writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
await db.close();
