import { describe, expect, it } from "vitest";
import { commandFields, useSlackHarness } from "./harness.js";

const h = useSlackHarness({ config: { adminUserIds: ["U0ADMIN01"] } });

async function slash(text: string, overrides: Record<string, string>) {
  const id = `forget-${Math.random().toString(36).slice(2)}`;
  const r = await h.slack.command(
    commandFields(text, h.fake, { response_url: h.fake.responseUrl(id), ...overrides }),
  );
  expect(r.status).toBe(200);
  return { ack: r, reply: () => h.fake.waitFor(() => h.fake.responses.find((x) => x.id === id)) };
}

async function triaged(team: string, channel: string, lead: string) {
  await slash(lead, { team_id: team, channel_id: channel });
  await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === channel));
  await h.work.onIdle();
}

describe("/triage forget", () => {
  it("an admin forgets a person in their own workspace only, and is told what went", async () => {
    await triaged(
      "T0AAAA001",
      "C0FORGET1",
      "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com",
    );
    await triaged(
      "T0BBBB002",
      "C0FORGET2",
      "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com",
    );
    await expect
      .poll(() => h.db.prisma.check.count({ where: { rawText: { contains: "priya@northwind.com" } } }))
      .toBe(2);

    const { reply } = await slash("forget <mailto:priya@northwind.com|priya@northwind.com>", {
      team_id: "T0AAAA001",
      user_id: "U0ADMIN01",
    });
    const text = String((await reply()).body.text);
    expect(text).toMatch(/^Forgot priya@northwind\.com in this workspace: 1 lead no longer name it/);
    expect((await reply()).body.response_type).toBe("ephemeral");
    const left = await h.db.prisma.check.findMany({
      where: { rawText: { contains: "priya@northwind.com" } },
    });
    expect(left.map((c) => c.workspaceId)).toEqual(["T0BBBB002"]);
    expect(h.logs.join("")).toContain('"msg":"forgotten on request"');
    expect(h.logs.join("")).not.toContain("priya@northwind.com");
    expect(await h.db.prisma.erasure.findFirstOrThrow()).toMatchObject({
      workspaceId: "T0AAAA001",
      subjectKind: "email",
      requestedBy: "U0ADMIN01",
      checks: 1,
    });
  });

  it("refuses a rep who is not an admin, and explains what it takes", async () => {
    const refused = await slash("forget northwind.com", { team_id: "T0AAAA001", user_id: "U0REP0001" });
    expect(String((await refused.reply()).body.text)).toMatch(/admin/i);
    const unclear = await slash("forget Priya", { team_id: "T0AAAA001", user_id: "U0ADMIN01" });
    expect(String((await unclear.reply()).body.text)).toContain("neither an email address nor a domain");
    expect(await h.db.prisma.erasure.count()).toBe(1);
  });
});
