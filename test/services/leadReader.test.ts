import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";

/** The thread loads the built modules: dist/, built from the sources by the suites' global set-up. */
const load = async () =>
  (await import(
    pathToFileURL(resolve("dist/services/leadReader.js")).href
  )) as typeof import("../../src/services/leadReader.js");

describe("reading leads on a thread of their own (the built app)", () => {
  it("reads what the main thread reads, in order, crafted leads too", async () => {
    const { ThreadLeadReader } = await load();
    const reader = new ThreadLeadReader({ budgetMs: 5_000, maxWaiting: 100 });
    try {
      const texts = [
        "Priya Raman, VP of Sales at Northwind (400 employees), priya@northwind.com, Chicago",
        `x\n${" ".repeat(19_997)}a`,
        "1".repeat(20_000),
        "Sam, owner of a 3-person agency, cheapest plan please",
      ];
      const read = await Promise.all(texts.map((t) => reader.read(t)));
      expect(read).toEqual(texts.map((t) => JSON.parse(JSON.stringify(parseLead(t)))));
    } finally {
      await reader.close();
    }
  });

  it("gives up a lead past its budget, replaces the thread, and reads the leads behind it", async () => {
    const { ThreadLeadReader } = await load();
    // 20,000 characters of "1." take over 5 ms to read (13 ms here); the budget counts from a loaded thread.
    const reader = new ThreadLeadReader({ budgetMs: 1, maxWaiting: 100 });
    try {
      await expect(reader.read("1.".repeat(10_000))).rejects.toMatchObject({ code: "lead_too_slow" });
      expect(reader.replaced).toBe(1);
    } finally {
      await reader.close();
    }
    const patient = new ThreadLeadReader({ budgetMs: 5_000, maxWaiting: 3 });
    try {
      const reads = [
        patient.read("CTO at Initech"),
        patient.read("CFO at Globex"),
        patient.read("COO at Hooli"),
      ];
      // Three wait while the thread loads; a fourth is refused at once instead of queued without end.
      await expect(patient.read("CEO at Acme")).rejects.toMatchObject({ code: "reader_busy" });
      const leads = await Promise.all(reads);
      expect(leads.map((l) => l.facts.title?.value)).toEqual(["CTO", "CFO", "COO"]);
      await patient.close();
      await expect(patient.read("CEO at Acme")).rejects.toThrow("closed");
    } finally {
      await patient.close();
    }
  });
});
