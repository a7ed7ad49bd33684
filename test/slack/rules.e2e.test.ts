import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { commandFields, useSlackHarness } from "./harness.js";
import { modalSubmission, verdictIn } from "./outcomeSteps.js";

const h = useSlackHarness({ config: { adminUserIds: ["UADMIN"] } });

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

  it("lets an admin add a rule in a form, backtested before anyone publishes it", async () => {
    const opens = h.fake.callsTo("views.open").length;
    const refused = await command("rules add", "UREP");
    expect(String(refused.text)).toContain("Only admins can change the rules");
    expect(h.fake.callsTo("views.open")).toHaveLength(opens);

    const id = `rules-add-${Math.random().toString(36).slice(2)}`;
    await h.slack.command(
      commandFields("rules add", h.fake, { user_id: "UADMIN", response_url: h.fake.responseUrl(id) }),
    );
    const open = await h.fake.waitFor(() => h.fake.callsTo("views.open")[opens]);
    const view = open.body.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string }[];
    };
    expect(view.callback_id).toBe("rule_edit");
    expect(JSON.stringify(view.blocks)).toContain("bargain-hunter");
    const submit = (values: Record<string, unknown>) =>
      h.slack.interaction(modalSubmission(view.private_metadata, values, "UADMIN", "rule_edit"));
    const select = (value: string) => ({
      type: "static_select",
      selected_option: { value, text: { type: "plain_text", text: value } },
    });
    const input = (value: string) => ({ type: "plain_text_input", value });
    const base = {
      persona: { persona: select("competitor") },
      rule_id: { rule_id: input("reseller") },
      field: { field: select("text") },
      op: { op: select("contains_any") },
      value: { value: input("reseller, white label") },
      reason: { reason: input("Resells rather than uses ({evidence})") },
    };
    const missingWeight = await submit(base);
    expect(JSON.parse(missingWeight.text)).toMatchObject({
      response_action: "errors",
      errors: { weight: expect.stringContaining("weight") },
    });
    const ok = await submit({ ...base, weight: { weight: { type: "number_input", value: "50" } } });
    expect(ok.status).toBe(200);
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id));
    expect(String(answer.body.text)).toContain("Your rule change, backtested");
    expect(JSON.stringify(answer.body.blocks)).toContain("refine_approve");
    const pending = await h.db.prisma.suggestion.findFirstOrThrow({
      where: { kind: "set_rule", status: "open" },
    });

    const approveId = `approve-${Math.random().toString(36).slice(2)}`;
    await h.slack.interaction({
      type: "block_actions",
      trigger_id: "t2",
      team: { id: "T0001", domain: "acme" },
      user: { id: "UADMIN", team_id: "T0001" },
      api_app_id: "A123456",
      container: { type: "message", channel_id: "C2147483705", message_ts: "1.2", is_ephemeral: true },
      response_url: h.fake.responseUrl(approveId),
      actions: [
        {
          type: "button",
          action_id: "refine_approve",
          block_id: `suggestion_actions:${pending.id}`,
          value: pending.id,
          action_ts: "1",
        },
      ],
    });
    const approved = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === approveId));
    expect(String(approved.body.text)).toMatch(/Published rule set \*v\d+\*/);
    const latest = await h.db.prisma.ruleSet.findFirstOrThrow({
      where: { workspaceId: "T0001" },
      orderBy: { version: "desc" },
    });
    expect(latest).toMatchObject({ author: "UADMIN", provenance: "manual" });
    const competitor = (
      latest.document as { personas: { id: string; rules: { id: string; weight?: number }[] }[] }
    ).personas.find((p) => p.id === "competitor");
    expect(competitor?.rules.find((r) => r.id === "reseller")).toMatchObject({ weight: 50 });
  });

  it("opens the form prefilled to edit a rule", async () => {
    const opens = h.fake.callsTo("views.open").length;
    await h.slack.command(commandFields("rules edit too-small/micro-team", h.fake, { user_id: "UADMIN" }));
    const open = await h.fake.waitFor(() => h.fake.callsTo("views.open")[opens]);
    const text = JSON.stringify(open.body.view);
    expect(text).toContain('"initial_value":"micro-team"');
    expect(text).toContain('"initial_value":"40"');
  });

  it("exports the rules as a YAML file in a DM, and imports an edited file for an admin's approval", async () => {
    const uploads = h.fake.uploads.length;
    const exported = await command("rules export", "UREP");
    expect(String(exported.text)).toMatch(/Sent you the rules \(v\d+\) as a YAML file in our DM/);
    const complete = await h.fake.waitFor(() =>
      h.fake.callsTo("files.completeUploadExternal").find((c) => c.body.channel_id === "DUREP"),
    );
    expect(complete).toBeDefined();
    const yaml = h.fake.uploads.slice(uploads).at(-1)?.bytes.toString("utf8") ?? "";
    expect(yaml).toContain("id: micro-team");
    const start = yaml.indexOf("version:");
    const edited = yaml
      .slice(start, yaml.lastIndexOf("\r\n--") > 0 ? yaml.lastIndexOf("\r\n--") : undefined)
      .replace(/(id: micro-team[\s\S]*?weight: )40/, "$165");
    h.fake.files.set("rules.yml", edited);
    h.fake.files.set("broken.yml", "personas: [oops");

    const opens = h.fake.callsTo("views.open").length;
    const id = `rules-import-${Math.random().toString(36).slice(2)}`;
    await h.slack.command(
      commandFields("rules import", h.fake, { user_id: "UADMIN", response_url: h.fake.responseUrl(id) }),
    );
    const open = await h.fake.waitFor(() => h.fake.callsTo("views.open")[opens]);
    const view = open.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("rules_import");
    const submit = (name: string, url = `${h.fake.url}/files/${name}`) =>
      h.slack.interaction({
        type: "view_submission",
        team: { id: "T0001", domain: "acme" },
        user: { id: "UADMIN", team_id: "T0001" },
        api_app_id: "A123456",
        trigger_id: "t",
        view: {
          id: "V1",
          type: "modal",
          callback_id: "rules_import",
          private_metadata: view.private_metadata,
          state: {
            values: {
              file: {
                file: {
                  type: "file_input",
                  files: [{ id: "F1", name, size: 100, url_private: url }],
                },
              },
            },
          },
        },
      });
    await submit("broken.yml");
    const refused = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id));
    expect(String(refused.body.text)).toContain("I can't use that file");
    await submit("rules.yml");
    const answer = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id)[1]);
    expect(String(answer.body.text)).toContain("~ rule too-small/micro-team: weight 40 → weight 65");
    expect(h.fake.downloads.at(-1)?.authorization).toBe("Bearer xoxb-test-token");
    const pending = await h.db.prisma.suggestion.findFirstOrThrow({
      where: { kind: "replace_rules", status: "open" },
    });
    expect(pending.ruleRef).toBe("*");

    // The bot token goes to Slack's file hosts only, and a file larger than announced is given up on.
    const asked: (string | undefined)[] = [];
    const trap = createServer((req, res) => {
      asked.push(req.headers.authorization);
      res.end("personas: []");
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    await submit("rules.yml", `http://127.0.0.1:${(trap.address() as AddressInfo).port}/files/rules.yml`);
    const elsewhere = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id)[2]);
    expect(String(elsewhere.body.text)).toContain(
      "I can't use that file: that is not a file shared in Slack",
    );
    trap.close();
    expect(asked).toEqual([]);
    h.fake.files.set("huge.yml", `# ${"x".repeat(2 * 1024 * 1024)}\n`);
    await submit("huge.yml");
    const huge = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id)[3]);
    expect(String(huge.body.text)).toContain(
      "I can't use that file: that file is too large (512 KB at most)",
    );
  });
});
