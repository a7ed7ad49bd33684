import { describe, expect, it } from "vitest";
import { validateSchedule } from "../../src/domain/digest/schedule.js";
import { ERROR_CODES, EXIT_USAGE, UserError, userFacingError } from "../../src/domain/errors.js";

describe("one family of errors meant for people", () => {
  it("lists each code once", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it("gives a digest schedule's problem to the person as it is, with its code and the usage exit code", () => {
    let thrown: unknown;
    try {
      validateSchedule("every monday", "Europe/Berlin");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).code).toBe("digest_schedule");
    const { message, exitCode } = userFacingError(thrown);
    expect(message).not.toContain("unexpected error");
    expect(message.split("\n")).toHaveLength(1);
    expect(exitCode).toBe(EXIT_USAGE);
  });
});
