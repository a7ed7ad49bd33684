import type { Command } from "commander";
import { UserError } from "../domain/errors.js";
import { erasureSubject, erasureSummary } from "../services/erasure.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { withServices } from "./runtime.js";

export interface ForgetOptions {
  email?: string;
  domain?: string;
  workspace?: string;
  all?: boolean;
  json?: boolean;
}

const USAGE =
  "give --email <address> or --domain <domain> (optionally --workspace T…), or --workspace T… --all for everything of one workspace";

/** `lead-triage forget --email x | --domain y [--workspace T…]` and `forget --workspace T… --all`: erasure on
 * request, with an audit row that keeps who asked ("cli") and how much went, never the subject. */
export async function forgetCommand(options: ForgetOptions): Promise<void> {
  const given = [options.email, options.domain, options.all ? "all" : undefined].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1) throw new CliError(USAGE, EXIT_USAGE);
  if (options.all) {
    const workspaceId = options.workspace;
    if (!workspaceId)
      throw new CliError("--all needs --workspace T…: the one workspace to forget", EXIT_USAGE);
    const result = await withServices(({ erasure }) => erasure.forgetWorkspace(workspaceId, "cli"));
    if (options.json) process.stdout.write(`${JSON.stringify({ workspace: workspaceId, ...result })}\n`);
    else
      process.stdout.write(
        `Forgot workspace ${workspaceId}: ${result.checks} check(s) with their outcomes, rules, reasons, suggestions and digests${result.installation ? ", and its installation" : ""}. The request is logged.\n`,
      );
    return;
  }
  let subject: ReturnType<typeof erasureSubject>;
  try {
    subject = erasureSubject(options.email ?? options.domain ?? "");
  } catch (e) {
    throw new CliError(e instanceof UserError ? e.message : String(e), EXIT_USAGE);
  }
  if (options.email !== undefined && subject.kind !== "email")
    throw new CliError(
      "--email needs an email address, e.g. priya@northwind.com (or use --domain)",
      EXIT_USAGE,
    );
  if (options.domain !== undefined && subject.kind !== "domain")
    throw new CliError("--domain needs a domain, e.g. northwind.com (or use --email)", EXIT_USAGE);
  const counts = await withServices(({ erasure }) => erasure.forget(subject, options.workspace, "cli"));
  const name = subject.kind === "email" ? subject.email : subject.domain;
  if (options.json)
    process.stdout.write(
      `${JSON.stringify({ [subject.kind]: name, workspace: options.workspace ?? null, ...counts })}\n`,
    );
  else
    process.stdout.write(
      `${erasureSummary(name, counts, options.workspace ? `in workspace ${options.workspace}` : "in any workspace")}\n`,
    );
}

/** Declares this group's commands on the program (program.ts lists the groups in the order of the help). */
export function registerForgetCommand(program: Command): void {
  program
    .command("forget")
    .description(
      "erase what names a person or a domain (their words, summaries, naming facts, outcome notes; the counts stay), or everything of one workspace",
    )
    .option("--email <address>", "one person")
    .option("--domain <domain>", "everyone at a domain (and its subdomains)")
    .option("--workspace <id>", "only this Slack team id (T…); without it, every workspace")
    .option("--all", "with --workspace: everything of that workspace (after an uninstall)")
    .option("--json", "print the machine-readable counts")
    .action(forgetCommand);
}
