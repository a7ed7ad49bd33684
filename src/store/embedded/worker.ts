/** The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs here, so a long query
 * never holds the main thread's event loop, where Slack's requests are acked. The main thread talks to it with
 * the ordinary PostgreSQL driver over a MessagePort per connection (see thread.ts); this side cuts the bytes
 * into whole messages and runs them, one connection at a time. */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { seedFromTemplate } from "./dataDir.js";
import { type Frame, WireReader } from "./wire.js";

export interface EmbeddedWorkerData {
  pgdata: string;
  /** Added to PGlite's own start parameters. */
  extraParams: string[];
  /** Make a new data directory a copy of the install-time template first (off the main thread: 40 MB). */
  seed: boolean;
}

/** Parent → worker. */
export type WorkerRequest = { type: "connect"; port: MessagePort } | { type: "close" };
/** Worker → parent. */
export type WorkerEvent = { type: "ready" } | { type: "failed"; message: string } | { type: "closed" };

type Job = { connection: Connection; frame: Frame } | { connection: undefined; frame: { kind: "rollback" } };

/** A simple-protocol Query message: what the thread sends on a departed client's behalf. */
function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}
const ROLLBACK = queryMessage("ROLLBACK");

class Connection {
  private readonly reader = new WireReader();
  closed = false;
  constructor(
    readonly port: MessagePort,
    private readonly server: Server,
  ) {
    port.on("message", (chunk: Uint8Array) => {
      if (this.closed) return;
      let frames: Frame[];
      try {
        frames = this.reader.push(chunk);
      } catch {
        this.close();
        return;
      }
      for (const frame of frames) server.enqueue({ connection: this, frame });
    });
    port.on("close", () => this.close());
  }

  send(bytes: Uint8Array): void {
    if (this.closed) return;
    // A copy of exactly these bytes, moved rather than cloned: PGlite hands out views of its own receive
    // buffer, which the next message overwrites (and cloning a view would copy the whole buffer).
    const copy = bytes.slice();
    this.port.postMessage(copy, [copy.buffer]);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server.forget(this);
    this.port.close();
  }
}

/** Runs the connections' messages in arrival order, except that while a transaction is open only the
 * connection that opened it is served: PGlite is one backend, and another client's statement must never run
 * inside someone else's transaction. */
class Server {
  private readonly queue: Job[] = [];
  private running = false;
  private owner: Connection | undefined;

  constructor(private readonly db: PGlite) {}

  enqueue(job: Job): void {
    this.queue.push(job);
    if (!this.running) void this.drain();
  }

  forget(connection: Connection): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]?.connection === connection) this.queue.splice(i, 1);
    }
    if (this.owner === connection && this.db.isInTransaction()) {
      // A client that went away mid-transaction: its work is rolled back, as a server would on disconnect.
      this.owner = undefined;
      this.queue.unshift({ connection: undefined, frame: { kind: "rollback" } });
      if (!this.running) void this.drain();
    }
  }

  private next(): Job | undefined {
    if (this.owner !== undefined && this.db.isInTransaction()) {
      const i = this.queue.findIndex((job) => job.connection === this.owner);
      return i === -1 ? undefined : this.queue.splice(i, 1)[0];
    }
    return this.queue.shift();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let job = this.next(); job !== undefined; job = this.next()) {
        await this.run(job);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(job: Job): Promise<void> {
    if (job.connection === undefined) {
      await this.db.execProtocolRawStream(ROLLBACK, { onRawData: () => undefined }).catch(() => undefined);
      return;
    }
    const { connection, frame } = job;
    if (connection.closed) return;
    switch (frame.kind) {
      case "ssl":
        connection.send(Buffer.from("N"));
        return;
      case "cancel":
        return;
      case "terminate":
        connection.close();
        return;
      default:
        try {
          await this.db.execProtocolRawStream(frame.bytes, { onRawData: (data) => connection.send(data) });
          this.owner = connection;
        } catch {
          connection.close();
        }
    }
  }
}

async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error("the embedded database's worker must run in a worker thread");
  const { pgdata, extraParams, seed } = workerData as EmbeddedWorkerData;
  let db: PGlite;
  try {
    if (seed) seedFromTemplate(pgdata);
    db = await PGlite.create(pgdata, { startParams: [...PGlite.defaultStartParams, ...extraParams] });
  } catch (e) {
    port.postMessage({ type: "failed", message: (e as Error).message } satisfies WorkerEvent);
    return;
  }
  const server = new Server(db);
  port.on("message", (request: WorkerRequest) => {
    if (request.type === "connect") {
      new Connection(request.port, server);
    } else if (request.type === "close") {
      void db.close().finally(() => {
        port.postMessage({ type: "closed" } satisfies WorkerEvent);
        port.close();
      });
    }
  });
  port.postMessage({ type: "ready" } satisfies WorkerEvent);
}

await start();
