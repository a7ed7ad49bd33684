import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIGNING_SECRET } from "../slack/harness.js";

export interface AppProcess {
  child: ChildProcess;
  port: number;
  dataDir: string;
  /** Resolves when the process exits, with its code and when. */
  exited: Promise<{ code: number | null; at: number }>;
}

/** `npm start` (dist/main.js, built from the sources by the suites' global set-up; it reads leads and runs the
 * embedded database on threads of their own) in HTTP mode on an embedded database of its own, talking to a fake Slack Web
 * API; resolves once it logs that it is running. */
export async function startAppProcess(
  slackApiUrl: string,
  options: { env?: Record<string, string> } = {},
): Promise<AppProcess> {
  const dataDir = join(mkdtempSync(join(tmpdir(), "lead-triage-app-")), "data");
  const args = ["dist/main.js"];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: "xoxb-app-process",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: slackApiUrl,
      PORT: "0",
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, at: Date.now() })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += String(chunk);
      const m = /"port":(\d+).*"msg":"Lead Triage is running"/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`app exited with ${code}`)));
  });
  return { child, port, dataDir, exited };
}
