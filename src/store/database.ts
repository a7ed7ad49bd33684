import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { StorageConfig } from "../config.js";
import type { Repositories } from "../services/ports/index.js";
import { EMBEDDED_PARAMS, openLocked, seedFromTemplate } from "./embedded/dataDir.js";
import { PortStream } from "./embedded/portStream.js";
import { startDatabaseThread } from "./embedded/thread.js";
import { StoreError } from "./errors.js";
import { PrismaClient } from "./generated/client.js";
import { createStore } from "./index.js";
import { type MigrationResult, migrate } from "./migrate.js";
import { pgConnection, pgliteConnection, type SqlConnection } from "./sql.js";

export type Engine = "pglite" | "postgres";

export interface Database {
  engine: Engine;
  /** The repositories: what services use. */
  store: Repositories;
  /** The ORM itself, for the store's own tests and tools; services never see it. */
  prisma: PrismaClient;
  /** Plain SQL on the same database (the repositories' bulk writes), for the same tests and tools. */
  sql: SqlConnection;
  migrations: MigrationResult;
  /** True when the database answers (for /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "the configured server";
  }
}

/** Turns driver errors into one line the operator can act on (never the password in the URL). */
function connectionError(url: string, e: unknown): StoreError {
  const err = e as NodeJS.ErrnoException & { code?: string };
  const where = describeUrl(url);
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused: is PostgreSQL running there?",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name lookup failed",
    ETIMEDOUT: "connection timed out",
    "28P01": "password authentication failed",
    "3D000": "database does not exist",
    "28000": "this role may not connect",
  };
  const reason = (err.code && reasons[err.code]) || err.message;
  return new StoreError(`cannot connect to the database at ${where} (DATABASE_URL): ${reason}`, { cause: e });
}

export interface OpenOptions {
  /** Who opens the embedded database, written in its lock so a refused process knows what to stop. */
  command?: string;
  /** Run the embedded database in a thread of its own (the app: its event loop must stay free to ack). The
   * callback hears of the thread dying on its own; a one-off command (the CLI) keeps it in-process, where it
   * starts faster. */
  thread?: { onCrash: (error: Error) => void };
}

async function openPostgres(url: string): Promise<Database> {
  let valid: URL;
  try {
    valid = new URL(url);
  } catch {
    throw new StoreError(
      "DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database",
    );
  }
  if (!/^postgres(ql)?:$/.test(valid.protocol)) {
    throw new StoreError("DATABASE_URL must start with postgres:// or postgresql://");
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw connectionError(url, e);
  }
  return overDriver("postgres", client, { connectionString: url }, async () => undefined);
}

/** A database the PostgreSQL driver reaches (a server, or the embedded one's thread): migrated through the
 * connected `client` (which this ends), then Prisma on a pool with `connection`'s settings. Closing twice is
 * closing once; `afterClose` runs once the pool is gone. */
async function overDriver(
  engine: Engine,
  client: pg.Client,
  connection: pg.PoolConfig,
  afterClose: () => Promise<void>,
): Promise<Database> {
  let migrations: MigrationResult;
  try {
    migrations = await migrate(pgConnection(client));
  } finally {
    await client.end().catch(() => undefined);
  }
  // One pool for Prisma and the plain SQL; Prisma ends it when it disconnects, if it ever connected.
  const pool = new pg.Pool(connection);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  const sql = pgConnection(pool);
  let closed: Promise<void> | undefined;
  return {
    engine,
    store: createStore(prisma, sql),
    prisma,
    sql,
    migrations,
    ping: async () => {
      try {
        await prisma.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: () => {
      closed ??= prisma
        .$disconnect()
        .then(() => (pool.ended ? undefined : pool.end()))
        .then(afterClose);
      return closed;
    },
  };
}

/** Migrates an open PGlite instance and puts Prisma on it. `schema` isolates tests sharing one instance. */
export async function attachPglite(
  db: PGlite,
  options: { schema?: string; onClose?: () => Promise<void> | void } = {},
): Promise<Database> {
  if (options.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema))
      throw new StoreError(`invalid schema name ${options.schema}`);
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}`);
  }
  const migrations = await migrate(pgliteConnection(db));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  const sql = pgliteConnection(db);
  return {
    engine: "pglite",
    store: createStore(prisma, sql),
    prisma,
    sql,
    migrations,
    ping: async () => {
      try {
        await db.query("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await options.onClose?.();
    },
  };
}

/** PGlite's start parameters with ours (see EMBEDDED_PARAMS). */
const EMBEDDED_START = [...PGlite.defaultStartParams, ...EMBEDDED_PARAMS];

async function openEmbedded(dataDir: string, command: string): Promise<Database> {
  const { opened: db, unlock } = await openLocked(dataDir, command, (pgdata) => {
    seedFromTemplate(pgdata);
    return PGlite.create(pgdata, { startParams: EMBEDDED_START });
  });
  try {
    return await attachPglite(db, {
      onClose: async () => {
        await db.close();
        unlock();
      },
    });
  } catch (e) {
    await db.close().catch(() => undefined);
    unlock();
    throw e;
  }
}

/** The embedded database in its own thread (embedded/worker.ts), reached with the PostgreSQL driver over
 * MessagePorts: the same driver and adapter as a PostgreSQL server, one connection (PGlite is one backend). */
async function openEmbeddedThread(
  dataDir: string,
  command: string,
  onCrash: (error: Error) => void,
): Promise<Database> {
  // The thread seeds a new directory from the template itself: 40 MB copied off the main thread.
  const { opened: thread, unlock } = await openLocked(dataDir, command, (pgdata) =>
    startDatabaseThread({ pgdata, extraParams: EMBEDDED_PARAMS, seed: true }, onCrash),
  );
  const connection: pg.PoolConfig = {
    stream: () => new PortStream((port) => thread.connect(port)),
    user: "postgres",
    database: "postgres",
    max: 1,
  };
  try {
    const client = new pg.Client(connection);
    await client.connect();
    return await overDriver("pglite", client, connection, async () => {
      await thread.close();
      unlock();
    });
  } catch (e) {
    await thread.close().catch(() => undefined);
    unlock();
    throw e;
  }
}

/** Opens the configured database and brings its schema up to date: embedded PostgreSQL (PGlite) under
 * DATA_DIR when DATABASE_URL is unset, a PostgreSQL server otherwise. */
export async function openDatabase(config: StorageConfig, options: OpenOptions = {}): Promise<Database> {
  const command = options.command ?? process.argv.slice(1).join(" ");
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return options.thread
    ? openEmbeddedThread(config.dataDir, command, options.thread.onCrash)
    : openEmbedded(config.dataDir, command);
}
