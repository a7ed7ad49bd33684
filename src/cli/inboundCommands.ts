import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { signedHeaders } from "../services/inbound/signatures.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { withServices } from "./runtime.js";

export interface InboundSendOptions {
  workspace?: string;
  endpoint?: string;
  secret?: string;
  url?: string;
  idempotencyKey?: string;
}

const ENDPOINT = /^ep_[A-Za-z0-9]{20}$/;

/** The endpoint and its secret: as given, or looked up in the database (the workspace's only live endpoint, or
 * the one named). */
async function endpointAndSecret(o: InboundSendOptions): Promise<{ id: string; secret: string }> {
  if (o.endpoint !== undefined && !ENDPOINT.test(o.endpoint))
    throw new CliError(
      `--endpoint ${o.endpoint}: an endpoint id looks like ep_ and 20 letters or digits`,
      EXIT_USAGE,
    );
  if (o.endpoint && o.secret) return { id: o.endpoint, secret: o.secret };
  if (o.workspace === undefined)
    throw new CliError("name the workspace (--workspace T…), or give --endpoint and --secret", EXIT_USAGE);
  const workspace = o.workspace;
  return withServices(async ({ inbound }) => {
    const live = await inbound.list(workspace);
    const chosen = o.endpoint
      ? live.find((e) => e.id === o.endpoint)
      : live.length === 1
        ? live[0]
        : undefined;
    if (chosen === undefined)
      throw new CliError(
        live.length === 0
          ? `workspace ${workspace} has no lead endpoint: an admin makes one with /triage inbound setup #channel`
          : o.endpoint
            ? `workspace ${workspace} has no live endpoint ${o.endpoint}`
            : `workspace ${workspace} has ${live.length} endpoints: name one with --endpoint (${live.map((e) => e.id).join(", ")})`,
        EXIT_USAGE,
      );
    const secret = o.secret ?? (await inbound.secretOf(workspace, chosen.id));
    if (secret === undefined) throw new CliError(`endpoint ${chosen.id} has no secret any more`, EXIT_USAGE);
    return { id: chosen.id, secret };
  });
}

/** `lead-triage inbound send FILE.json`: signs a lead as a form would and posts it to a running app, to test a
 * form's wiring; prints the app's answer and exits non-zero when it refused. */
export async function inboundSendCommand(file: string, o: InboundSendOptions): Promise<void> {
  let body: string;
  try {
    body = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `${file}: ${code === "ENOENT" ? "file not found" : `cannot read (${code})`}`,
      EXIT_USAGE,
    );
  }
  try {
    JSON.parse(body);
  } catch {
    throw new CliError(`${file}: not JSON (send a JSON object of lead fields)`, EXIT_USAGE);
  }
  const { id, secret } = await endpointAndSecret(o);
  const base = (o.url ?? process.env.PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(
    /\/+$/,
    "",
  );
  const url = `${base}/leads/${id}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": o.idempotencyKey ?? randomUUID(),
        ...signedHeaders(secret, body),
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new CliError(
      `could not reach ${url}: ${(e as Error).message} (is the app running? --url sets its address)`,
    );
  }
  const answer = (await res.text()).trim();
  process.stdout.write(`${res.status} ${answer}\n`);
  if (res.status >= 400) throw new CliError(`${url} refused the lead (HTTP ${res.status})`);
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerInboundCommands(program: Command): void {
  program
    .command("inbound")
    .description("leads posted by web forms and CRMs")
    .command("send")
    .description("sign a lead (a JSON file) as a form would and post it to a running app; prints its answer")
    .argument("<file>", "a JSON object of lead fields, or - for standard input")
    .option(
      "--workspace <id>",
      "the Slack team id (T…) whose endpoint to use (its secret is read from the database)",
    )
    .option("--endpoint <id>", "the endpoint (ep_…), when the workspace has several")
    .option("--secret <secret>", "the endpoint's secret (then the database is not opened)")
    .option("--url <address>", "the app's address (default: PUBLIC_URL, else http://127.0.0.1:$PORT)")
    .option("--idempotency-key <key>", "send the same key again to test retries (default: a new one)")
    .action(inboundSendCommand);
}
