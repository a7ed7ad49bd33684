import { EXIT_FAILURE, UserError } from "../domain/errors.js";

export { EXIT_PARTIAL, EXIT_USAGE } from "../domain/errors.js";

/** An error the CLI reports as one clear line on stderr, with its exit code, never as a stack trace. */
export class CliError extends UserError {
  constructor(message: string, exitCode = EXIT_FAILURE) {
    super(message, "cli", exitCode);
  }
}
