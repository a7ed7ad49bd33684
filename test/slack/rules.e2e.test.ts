import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { testEngines } from "../support/databases.js";
import { commandFields, type Harness, startHarness } from "./harness.js";
import { verdictIn } from "./outcomeSteps.js";

const engine = testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>;
let h: Harness;

beforeAll(async () => {
  h = await startHarness(engine, { config: { adminUserIds: ["UADMIN"] } });
});
afterAll(async () => {
  await h?.stop();
  await engine.dispose();
});

async function command(text: string, user = "U2147483697") {
  const id = `rules-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(commandFields(text, h.fake, { user_id: user, response_url: h.fake.responseUrl(id) }));
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000)).body;
}

describe("/triage rules", () => {
  it("lists the rules in force with their hits and how those leads ended", async () => {
    const first = await verdictIn(h, "CRULES1");
    await verdictIn(h, "CRULES2");
    await h.db.store.outcomes.record({
      checkId: first.check.id,
      kind: "lost",
      reason: "price",
      userId: "U1",
    });
    const listed = await command("rules");
    expect(listed).toMatchObject({ response_type: "ephemeral" });
    const text = JSON.stringify(listed.blocks);
    expect(text).toContain("*Rules v1* (default pack)");
    expect(text).toContain("`micro-team` w40 — 2 hit(s), 1 with an outcome: 100% lost or disqualified");
    expect(text).toContain("`competitor-domain` exclude — 0 hit(s)");
    expect((listed.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it("shows the history and diffs; only an admin restores, as a new version", async () => {
    const pack = await loadRuleFile();
    const small = pack.personas.find((p) => p.id === "too-small")?.rules[0];
    if (small) small.weight = 70;
    const { version: _, ...document } = pack;
    await h.db.store.ruleSets.publish("T0001", { document, author: "UADMIN", note: "tiny teams cost us" });

    const history = await command("rules history");
    expect(String(history.text)).toContain("*v2* (in force)");
    expect(String(history.text)).toContain("by <@UADMIN>: tiny teams cost us");
    const diff = await command("rules diff 1 2");
    expect(String(diff.text)).toContain("~ rule too-small/micro-team: weight 40 → weight 70");

    const refused = await command("rules restore 1", "UREP");
    expect(String(refused.text)).toContain("Only admins can restore a rule version: <@UADMIN>");
    const restored = await command("rules restore v1", "UADMIN");
    expect(String(restored.text)).toContain("Restored v1 as *v3* (1 change(s))");
    expect(
      await h.db.prisma.ruleSet.findUniqueOrThrow({
        where: { workspaceId_version: { workspaceId: "T0001", version: 3 } },
      }),
    ).toMatchObject({
      author: "UADMIN",
      note: "restored from v1",
    });
    const again = await command("rules restore 1", "UADMIN");
    expect(String(again.text)).toContain("Nothing to publish");
    expect(String((await command("rules diff 9")).text)).toContain("There is no rule set v9");
    expect(String((await command("rules frobnicate")).text)).toContain("`/triage rules history`");
  });
});
