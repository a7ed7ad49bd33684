/** The processes a benchmark starts: the built app (dist/main.js) and the fake Slack Web API in processes of their
 * own, so the load generator's event loop measures only its own requests. */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { FakeGrant } from "../test/support/fakeSlack.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function startFakeSlack() {
  const child = fork(fileURLToPath(new URL("./fakeSlackProcess.js", import.meta.url)), [], {
    stdio: "inherit",
  });
  let chain: Promise<unknown> = Promise.resolve();
  // One question at a time: answers carry no id.
  const ask = <T>(message: unknown) => {
    const answer = chain.then(
      () =>
        new Promise<T>((resolve) => {
          child.once("message", (m) => resolve(m as T));
          child.send(message as object);
        }),
    );
    chain = answer.catch(() => undefined);
    return answer;
  };
  const ready = new Promise<string>((resolve) =>
    child.once("message", (m) => resolve((m as { url: string }).url)),
  );
  type Call = {
    at: number;
    token?: string;
    channel?: string;
    threadTs?: string;
    triggerId?: string;
    privateMetadata?: string;
    digest: boolean;
  };
  return {
    ready,
    calls: async (method: string) => (await ask<{ calls: Call[] }>({ type: "calls", method })).calls,
    grant: (code: string, grant: FakeGrant) => ask({ type: "grant", code, grant }),
    stop: () => child.send({ type: "stop" }),
  };
}

/** Starts the built app on `port`; resolves once it logs that it is running. Error-level lines go to `onError`. */
export function startApp(
  port: number,
  env: Record<string, string>,
  onError: (message: string) => void = () => undefined,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("../../../dist/main.js", import.meta.url))], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let partial = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      const lines = (partial + String(chunk)).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        if (out.length < 100_000) out += `${line}\n`;
        const level = /"level":(\d+)/.exec(line);
        if (level && Number(level[1]) >= 50) onError(/"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 200));
        if (line.includes('"msg":"Lead Triage is running"')) resolve(child);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[instance :${port}] ${chunk}`));
    child.on("exit", (code) =>
      reject(new Error(`instance on ${port} exited with ${code}: ${out.slice(-500)}`)),
    );
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
