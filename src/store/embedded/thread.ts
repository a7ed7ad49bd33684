import { type MessagePort, Worker } from "node:worker_threads";
import { installPaths } from "../../installPaths.js";
import type { EmbeddedWorkerData, WorkerEvent, WorkerRequest } from "./worker.js";

/** Compiled (dist/) or run from source under tsx: the worker file has the same extension as this one. */
const WORKER_FILE = installPaths.worker("store/embedded/worker");

/** Run from the TypeScript sources (tsx, vitest), the thread registers tsx itself before loading its module:
 * Node 20's loader hooks do not reach worker threads. */
function spawnWorker(data: EmbeddedWorkerData): Worker {
  if (!WORKER_FILE.pathname.endsWith(".ts")) return new Worker(WORKER_FILE, { workerData: data });
  const load = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;
  return new Worker(load, { eval: true, workerData: data });
}

/** The embedded database running in its own thread (worker.ts). */
export interface DatabaseThread {
  /** Hands the thread one end of a new connection (PortStream calls this). */
  connect(port: MessagePort): void;
  /** Closes the database (checkpointing it) and ends the thread. */
  close(): Promise<void>;
}

/** Starts PGlite on `pgdata` in a worker thread; resolves once it accepts connections. `onCrash` hears of a
 * thread that died on its own: every query from then on fails, so the process should stop. */
export async function startDatabaseThread(
  data: EmbeddedWorkerData,
  onCrash: (error: Error) => void,
): Promise<DatabaseThread> {
  const worker = spawnWorker(data);
  let closing: Promise<void> | undefined;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      worker.off("message", onMessage);
      reject(error);
    };
    const onMessage = (event: WorkerEvent) => {
      if (event.type === "ready") {
        worker.off("error", fail);
        worker.off("message", onMessage);
        resolve();
      } else if (event.type === "failed") {
        fail(new Error(event.message));
        void worker.terminate();
      }
    };
    worker.on("message", onMessage);
    worker.once("error", fail);
  });
  worker.on("error", (error) => {
    if (closing === undefined) onCrash(error);
  });
  worker.on("exit", (code) => {
    if (closing === undefined)
      onCrash(new Error(`the embedded database's thread stopped (exit code ${code})`));
  });
  const send = (request: WorkerRequest, transfer: MessagePort[] = []) =>
    worker.postMessage(request, transfer);
  return {
    connect(port) {
      send({ type: "connect", port }, [port]);
    },
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => {
          worker.on("message", (event: WorkerEvent) => {
            if (event.type === "closed") resolve();
          });
          worker.once("exit", () => resolve());
        });
        send({ type: "close" });
        await closed;
        await worker.terminate();
      })();
      return closing;
    },
  };
}
