import { Command, CommanderError } from "commander";
import { userFacingError } from "../domain/errors.js";
import { registerCheckCommand } from "./checkCommands.js";
import { registerDigestCommands } from "./digestCommands.js";
import { EXIT_USAGE } from "./errors.js";
import { registerForgetCommand } from "./forgetCommands.js";
import { registerInboundCommands } from "./inboundCommands.js";
import { registerOutboundCommands } from "./outboundCommands.js";
import { registerOutcomeCommands } from "./outcomeCommands.js";
import { registerReasonCommands } from "./reasonCommands.js";
import { registerRefineCommand } from "./refineCommands.js";
import { registerRuleCommands } from "./ruleCommands.js";
import { registerMigrateCommand } from "./schemaCommands.js";
import { registerStatsCommand } from "./statsCommands.js";
import { registerSuggestionCommands } from "./suggestionCommands.js";
import { registerTokenCommands } from "./tokenCommands.js";

/** The command line: each group of commands declares its own in its file (`register…`), listed here in the
 * order of the help. */
export function buildProgram(): Command {
  const program = new Command("lead-triage")
    .description("Triage sales leads against your anti-personas, with the reasons behind every verdict.")
    .showHelpAfterError()
    .exitOverride();

  registerCheckCommand(program);
  registerStatsCommand(program);
  registerOutcomeCommands(program);
  registerReasonCommands(program);
  registerRefineCommand(program);
  registerSuggestionCommands(program);
  registerDigestCommands(program);
  registerMigrateCommand(program);
  registerRuleCommands(program);
  registerForgetCommand(program);
  registerInboundCommands(program);
  registerOutboundCommands(program);
  registerTokenCommands(program);
  return program;
}

/** Runs the CLI; resolves to the exit code. Every error becomes one line on stderr (see userFacingError). */
export async function main(argv: string[]): Promise<number> {
  try {
    process.exitCode = undefined;
    await buildProgram().parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    // The reader went away (`| head`): nothing more to say to it.
    if ((e as NodeJS.ErrnoException).code === "EPIPE") return 0;
    const { message, exitCode } = userFacingError(e);
    process.stderr.write(`lead-triage: ${message}\n`);
    return exitCode;
  }
}
