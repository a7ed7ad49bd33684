import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, errorSummary } from "../src/logger.js";

describe("logging", () => {
  it("keeps only the first line of an error, where ORMs quote arguments on later lines", () => {
    const e = Object.assign(
      new Error(
        '\nInvalid `prisma.check.create()` invocation:\n\n{ rawText: "jane@gmail.com is a student" }',
      ),
      {
        name: "PrismaClientValidationError",
        code: "P2009",
      },
    );
    expect(errorSummary(e)).toEqual({
      name: "PrismaClientValidationError",
      code: "P2009",
      message: "Invalid `prisma.check.create()` invocation:",
    });
  });

  it("redacts lead text, emails and tokens passed to a log call", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    createLogger("info", sink).info(
      { text: "Jane, student", email: "jane@gmail.com", token: "xoxb-1", check: "c1" },
      "x",
    );
    const line = lines.join("");
    expect(line).toContain('"check":"c1"');
    expect(line).not.toContain("jane@gmail.com");
    expect(line).not.toContain("Jane, student");
    expect(line).not.toContain("xoxb-1");
  });
});
