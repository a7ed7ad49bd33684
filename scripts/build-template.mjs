#!/usr/bin/env node
// Builds dist/pgdata-template/: an embedded database directory with every migration applied, made once at
// install (with the installed PGlite, so it always matches). A new data directory is a copy of it: no initdb,
// no migrations and no archive to unpack on the user's machine, so the very first `lead-triage check` opens
// the database as fast as any later one.
import { existsSync, rmSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../dist/store/migrate.js";
import { pgliteConnection } from "../dist/store/sql.js";

const out = process.argv[2] ?? "dist/pgdata-template";
if (existsSync(out)) rmSync(out, { recursive: true });
// A template left by an older build was an archive.
rmSync("dist/pgdata-template.tgz", { force: true });
const db = await PGlite.create(out);
await migrate(pgliteConnection(db));
await db.close();
