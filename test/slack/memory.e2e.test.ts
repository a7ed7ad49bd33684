import { describe, expect, it } from "vitest";
import { commandFields, useSlackHarness } from "./harness.js";
import { buttonClick } from "./outcomeSteps.js";

const h = useSlackHarness();

/** A /triage in its own channel; the verdict's blocks once posted and its check kept. */
async function verdict(channel: string, text: string, user = "U0REP0001") {
  await h.slack.command(commandFields(text, h.fake, { channel_id: channel, user_id: user }));
  const post = await h.fake.waitFor(() =>
    h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === channel),
  );
  await h.work.onIdle();
  await h.posts.onIdle();
  for (
    let i = 0;
    i < 200 && !(await h.db.prisma.check.findFirst({ where: { channelId: channel } }))?.messageTs;
    i++
  )
    await new Promise((r) => setTimeout(r, 25));
  return post.body.blocks as { type: string; elements?: { text: string }[] }[];
}

const memoryLine = (blocks: Awaited<ReturnType<typeof verdict>>) =>
  blocks
    .filter((b) => b.type === "context")
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.text)
    .find((t) => /🏢|🔁|👤/.test(t));

describe("lead memory on the verdict", () => {
  it("shows nothing new, then the company's history with its outcome, then a repeat first, with links", async () => {
    const first = await verdict(
      "C0MEMORY1",
      "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com",
    );
    expect(memoryLine(first)).toBeUndefined();
    const check = await h.db.prisma.check.findFirstOrThrow({ where: { channelId: "C0MEMORY1" } });
    await h.db.store.outcomes.record({
      checkId: check.id,
      kind: "lost",
      reason: "no_budget",
      userId: "U0REP0001",
    });

    const colleagueBlocks = await verdict(
      "C0MEMORY2",
      "Sam Lee, CFO at Northwind, sam@northwind.com",
      "U0REP0002",
    );
    // The rules read the memory too: lost for lack of budget today asks for a review, and says why.
    expect(JSON.stringify(colleagueBlocks)).toContain(
      'Lost for lack of budget within 90 days (\\"lost today (no budget)\\"); check the budget changed',
    );
    const colleague = memoryLine(colleagueBlocks);
    expect(colleague).toMatch(
      /^🏢 Northwind: checked 1× since \d+ \w+; lost \d+ \w+ — no budget \(reported by <@U0REP0001>\)/,
    );
    expect(colleague).toContain(
      `<https://slack.com/archives/C0MEMORY1/p${(check.messageTs as string).replace(".", "")}|thread>`,
    );

    const repeat = memoryLine(
      await verdict("C0MEMORY3", "Priya Raman, VP Sales at Northwind, priya@northwind.com", "U0REP0002"),
    );
    expect(repeat?.split("\n")[0]).toMatch(
      /^🔁 \*Already checked today\* by <@U0REP0001> \(pass\) <https:\/\/slack\.com\/archives\/C0MEMORY1\/p\d+\|see that verdict>$/,
    );
    expect(repeat?.split("\n")[1]).toMatch(/^🏢 Northwind: checked 2×/);

    // An outcome reported later updates the verdict; what the team knew then stays on it.
    const colleagueCheck = await h.db.prisma.check.findFirstOrThrow({ where: { channelId: "C0MEMORY2" } });
    const updates = h.fake.callsTo("chat.update").length;
    await h.slack.interaction(
      buttonClick(h, "outcome_won", colleagueCheck.id, {
        channel: "C0MEMORY2",
        ts: colleagueCheck.messageTs as string,
      }),
    );
    const updated = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.update")
        .slice(updates)
        .find((c) => c.body.channel === "C0MEMORY2"),
    );
    expect(memoryLine(updated.body.blocks as Awaited<ReturnType<typeof verdict>>)).toBe(colleague);
  });
});
