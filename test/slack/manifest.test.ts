import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { TRIAGE_STEP } from "../../src/slack/listeners/functions/triageLeadStep.js";
import { BOT_SCOPES } from "../../src/slack/scopes.js";

const parameter = z.object({ type: z.string(), title: z.string(), is_required: z.boolean() });
const manifestSchema = z.object({
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    org_deploy_enabled: z.boolean(),
    function_runtime: z.string(),
  }),
  functions: z.record(
    z.string(),
    z.object({
      title: z.string(),
      input_parameters: z.record(z.string(), parameter),
      output_parameters: z.record(z.string(), parameter),
    }),
  ),
});

describe("manifest.yml", () => {
  it("asks for the scopes an install asks for, and subscribes to uninstalls and revocations", async () => {
    const manifest = manifestSchema.parse(parse(await readFile("manifest.yml", "utf8")));
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_uninstalled", "tokens_revoked"]),
    );
  });

  it("defines the Workflow Builder step the app listens for, with the outputs it completes with", async () => {
    const manifest = manifestSchema.parse(parse(await readFile("manifest.yml", "utf8")));
    const step = manifest.functions[TRIAGE_STEP];
    expect(step?.input_parameters.lead).toMatchObject({ type: "string", is_required: true });
    expect(step?.input_parameters.channel).toMatchObject({
      type: "slack#/types/channel_id",
      is_required: false,
    });
    const required = Object.entries(step?.output_parameters ?? {})
      .filter(([, p]) => p.is_required)
      .map(([name]) => name);
    expect(required.sort()).toEqual(["check_id", "decision", "reasons", "risk"]);
    expect(step?.output_parameters.risk?.type).toBe("integer");
    // Custom steps need an org-ready app running its functions itself, and the event that runs them.
    expect(manifest.settings).toMatchObject({ org_deploy_enabled: true, function_runtime: "remote" });
    expect(manifest.settings.event_subscriptions.bot_events).toContain("function_executed");
  });
});
