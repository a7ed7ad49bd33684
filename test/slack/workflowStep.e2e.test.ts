import { describe, expect, it } from "vitest";
import { TRIAGE_STEP } from "../../src/slack/listeners/functions/triageLeadStep.js";
import { eventEnvelope, useSlackHarness } from "./harness.js";

const h = useSlackHarness();
const STEP_TOKEN = "xwfp-1325532282098-1322446258629-6123648410839-527a1cab3979cad2";

/** The function_executed event Slack sends when a workflow reaches the step. */
function stepRun(executionId: string, inputs: Record<string, unknown>) {
  return eventEnvelope(`Ev${executionId}`, {
    type: "function_executed",
    function: {
      id: "Fn07TRIAGE01",
      callback_id: TRIAGE_STEP,
      title: "Triage a lead",
      type: "app",
      input_parameters: [],
      output_parameters: [],
      app_id: "A123456",
      date_created: 1733300000,
      date_updated: 1733300000,
      date_deleted: 0,
    },
    inputs,
    function_execution_id: executionId,
    workflow_execution_id: `Wx${executionId}`,
    event_ts: "1733300000.000300",
    bot_access_token: STEP_TOKEN,
  });
}

const completion = (executionId: string) =>
  h.fake.waitFor(() =>
    h.fake.calls.find(
      (c) =>
        (c.method === "functions.completeSuccess" || c.method === "functions.completeError") &&
        c.body.function_execution_id === executionId,
    ),
  );

const STUDENT =
  "Jane Doe, PhD student at MIT, jane@gmail.com, working on my thesis, is there a free version?";

describe("the Workflow Builder step “Triage a lead”", () => {
  it("completes with the decision, risk, reasons and check id, with the step's own token, so a workflow can branch", async () => {
    const res = await h.slack.event(stepRun("Fx01STUDENT", { lead: STUDENT }));
    expect(res.status).toBe(200);
    const done = await completion("Fx01STUDENT");
    expect(done.method).toBe("functions.completeSuccess");
    expect(done.token).toBe(STEP_TOKEN);
    const outputs = (
      typeof done.body.outputs === "string" ? JSON.parse(done.body.outputs) : done.body.outputs
    ) as Record<string, unknown>;
    expect(outputs.decision).toBe("reject");
    expect(Number(outputs.risk)).toBeGreaterThanOrEqual(70);
    expect(String(outputs.reasons)).toContain("student");
    // Kept like any verdict (no channel chosen: no message), so outcomes and refinement count it.
    await h.triageWriter.flush();
    const kept = await h.db.prisma.check.findUniqueOrThrow({ where: { id: String(outputs.check_id) } });
    expect(kept.inputKind).toBe("workflow");
    expect(kept.decision).toBe("reject");
  });

  it("posts the verdict in the chosen channel with its buttons, linked to the check, and outputs the link", async () => {
    await h.slack.event(
      stepRun("Fx02CHANNEL", {
        lead: "Priya Raman, VP Sales at Northwind, 400 employees, priya@northwind.com",
        channel: "C0WORKFLOW1",
      }),
    );
    const done = await completion("Fx02CHANNEL");
    const outputs = (
      typeof done.body.outputs === "string" ? JSON.parse(done.body.outputs) : done.body.outputs
    ) as Record<string, unknown>;
    const post = h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C0WORKFLOW1");
    expect(JSON.stringify(post?.body.blocks)).toContain(`verdict:${outputs.check_id}`);
    expect(String(outputs.verdict_link)).toMatch(/^https:\/\/slack\.com\/archives\/C0WORKFLOW1\/p\d+$/);
    let check = null;
    for (let i = 0; i < 100 && !check?.messageTs; i++) {
      check = await h.db.prisma.check.findUnique({ where: { id: String(outputs.check_id) } });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(check?.channelId).toBe("C0WORKFLOW1");
    expect(check?.messageTs).toBeTruthy();
  });

  it("fails the step with a sentence the workflow's owner can act on when the lead is empty", async () => {
    await h.slack.event(stepRun("Fx03EMPTY", { lead: "   " }));
    const done = await completion("Fx03EMPTY");
    expect(done.method).toBe("functions.completeError");
    expect(String(done.body.error)).toContain("The lead was empty");
  });

  it("runs once for a retried delivery", async () => {
    await h.slack.event(stepRun("Fx04ONCE", { lead: STUDENT }));
    await completion("Fx04ONCE");
    await h.slack.event(stepRun("Fx04ONCE", { lead: STUDENT }), {
      headers: { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.calls.filter((c) => c.body.function_execution_id === "Fx04ONCE")).toHaveLength(1);
  });
});
