/** An error the CLI reports as one clear line on stderr, with its exit code, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const EXIT_USAGE = 2;
