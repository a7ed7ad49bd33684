import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signedHeaders } from "../../src/services/inbound/signatures.js";
import { VERDICT_BLOCK_PREFIX } from "../../src/slack/views/verdict.js";
import { commandFields, useSlackHarness } from "./harness.js";

const h = useSlackHarness({ config: { inboundRatePerSecond: 20 } });
const ADMIN = "U04ADMIN1";

async function command(text: string, channel = "C0LEADS01", user = ADMIN) {
  h.fake.workspaceAdmins.add(ADMIN);
  const id = `in-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(
    commandFields(text, h.fake, { user_id: user, channel_id: channel, response_url: h.fake.responseUrl(id) }),
  );
  return String((await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000)).body.text);
}

/** Sets up an endpoint into `channel` and reads its id and secret from the private answer. */
async function setup(channel: string, extra = ""): Promise<{ id: string; secret: string; answer: string }> {
  const answer = await command(`inbound setup <#${channel}|leads>${extra}`);
  const id = /`(ep_[A-Za-z0-9]{20})`/.exec(answer)?.[1];
  const secret = /\*Secret:\* `([^`]+)`/.exec(answer)?.[1];
  if (!id || !secret) throw new Error(`no endpoint in: ${answer}`);
  return { id, secret, answer };
}

async function send(
  id: string,
  body: string,
  headers: Record<string, string>,
  contentType = "application/json",
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`http://127.0.0.1:${h.port}/leads/${id}`, {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}

const signed = (secret: string, body: string, extra: Record<string, string> = {}) => ({
  ...signedHeaders(secret, body),
  ...extra,
});

const verdictsIn = (channel: string) =>
  h.fake
    .callsTo("chat.postMessage")
    .filter(
      (c) => c.body.channel === channel && JSON.stringify(c.body.blocks ?? "").includes(VERDICT_BLOCK_PREFIX),
    );

const checkIdOf = (call: { body: Record<string, unknown> }) =>
  /verdict:([0-9a-f-]{36})/.exec(JSON.stringify(call.body.blocks))?.[1];

async function inboundRow(id: string) {
  return h.db.prisma.inboundLead.findUnique({ where: { id } });
}

/** Waits for what the database says (the fake's waitFor takes a synchronous probe). */
async function until(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting for the database");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The lead's check, once its verdict is posted and the lead settled. */
async function postedCheck(leadId: string) {
  await until(async () => (await inboundRow(leadId))?.status === "posted");
  return h.db.prisma.check.findUniqueOrThrow({ where: { id: leadId } });
}

const STUDENT = JSON.stringify({
  email: "maya.lindqvist@student.uu.se",
  name: "Maya Lindqvist",
  title: "Master's student",
  company: "Uppsala University",
  message: "Writing my thesis on sales tooling, could I get a free licence?",
});

describe("POST /leads: a web form's lead is triaged into the channel with no rep involved", () => {
  it("sets up an endpoint (admins only, announced in its channel) and posts a signed lead's verdict there once", async () => {
    const refused = await command("inbound setup <#C0LEADS01|leads>", "C0LEADS01", "U0REP0001");
    expect(refused).toContain("Only admins");
    const { id, secret, answer } = await setup("C0LEADS01");
    expect(answer).toContain(`https://triage.example.com/leads/${id}`);
    expect(answer).toContain("X-Lead-Triage-Signature");
    expect(
      h.fake
        .callsTo("chat.postMessage")
        .some((c) => String(c.body.text).includes("connected a lead endpoint")),
    ).toBe(true);

    const accepted = await send(id, STUDENT, signed(secret, STUDENT, { "Idempotency-Key": "form-7781" }));
    expect(accepted.status).toBe(202);
    expect(accepted.json.status).toBe("accepted");
    const leadId = String(accepted.json.id);
    const posted = await h.fake.waitFor(() => verdictsIn("C0LEADS01").find((c) => checkIdOf(c) === leadId));
    expect(JSON.stringify(posted.body.blocks)).toContain("Reject");
    // The same buttons and thread as a pasted lead: the check is the lead's, linked to its message.
    expect(JSON.stringify(posted.body.blocks)).toContain("outcome");
    const check = await postedCheck(leadId);
    expect(check?.inputKind).toBe("inbound");
    expect(check?.channelId).toBe("C0LEADS01");
    expect(check?.messageTs).toBeTruthy();
    const row = await inboundRow(leadId);
    expect(row?.text).toBeNull(); // the words live on in the check, for its retention period only

    // A retry with the same key is the same lead: 200, the same id, no second verdict.
    const again = await send(id, STUDENT, signed(secret, STUDENT, { "Idempotency-Key": "form-7781" }));
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: leadId, status: "duplicate" });
    await new Promise((r) => setTimeout(r, 500));
    expect(verdictsIn("C0LEADS01").filter((c) => checkIdOf(c) === leadId)).toHaveLength(1);
  });

  it("refuses with the right status and a one-line reason: 404, 401 (missing, wrong, stale), 400, 413, 405", async () => {
    const { id, secret } = await setup("C0LEADS02");
    const body = JSON.stringify({ email: "j.okafor@harbourline.io", company: "Harbourline" });
    expect((await send("ep_AAAAAAAAAAAAAAAAAAAA", body, signed(secret, body))).status).toBe(404);
    expect((await send("not-an-endpoint", body, signed(secret, body))).status).toBe(404);
    const missing = await send(id, body, {});
    expect(missing.status).toBe(401);
    expect(String(missing.json.error)).toContain("missing signature");
    const wrong = await send(id, body, signed("lts_not-the-secret-at-all-0000000000", body));
    expect(wrong).toMatchObject({ status: 401, json: { error: "signature does not match" } });
    const tampered = await send(id, body.replace("Harbourline", "Harbour"), signed(secret, body));
    expect(tampered.status).toBe(401);
    const stale = await send(id, body, signedHeaders(secret, body, Date.now() - 6 * 60_000));
    expect(stale.status).toBe(401);
    expect(String(stale.json.error)).toContain("5-minute window");
    const notJson = "{email: nope";
    const bad = await send(id, notJson, signed(secret, notJson));
    expect(bad).toMatchObject({ status: 400, json: { error: "the body is not valid JSON" } });
    const list = JSON.stringify([{ email: "a@b.co" }, { email: "c@d.co" }]);
    expect((await send(id, list, signed(secret, list))).json.error).toContain("one lead per request");
    const empty = JSON.stringify({ email: "" });
    expect((await send(id, empty, signed(secret, empty))).json.error).toBe("the body holds no lead fields");
    const xml = "<lead/>";
    expect((await send(id, xml, signed(secret, xml), "application/xml")).status).toBe(400);
    const huge = JSON.stringify({ message: "x".repeat(70_000) });
    const tooBig = await send(id, huge, signed(secret, huge));
    expect(tooBig.status).toBe(413);
    const get = await fetch(`http://127.0.0.1:${h.port}/leads/${id}`);
    expect(get.status).toBe(405);
    await new Promise((r) => setTimeout(r, 300));
    expect(verdictsIn("C0LEADS02")).toHaveLength(0);
  });

  it("takes form-encoded bodies, Typeform's signature and answers, and HubSpot's v3 signature", async () => {
    const { id, secret } = await setup("C0LEADS03");
    const form = new URLSearchParams({
      email: "r.castellanos@tallerverde.mx",
      company: "Taller Verde",
      employees: "12",
      role: "Owner",
    }).toString();
    const viaForm = await send(id, form, signed(secret, form), "application/x-www-form-urlencoded");
    expect(viaForm.status).toBe(202);

    const typeform = JSON.stringify({
      event_id: "01HX7TYPEFORMEVENT",
      event_type: "form_response",
      form_response: {
        token: "a3f9c0d2typeformtoken",
        definition: {
          fields: [
            { id: "q1", title: "Work email", type: "email" },
            { id: "q2", title: "Company", type: "short_text" },
            { id: "q3", title: "Team size", type: "multiple_choice" },
          ],
        },
        answers: [
          { type: "email", email: "ines.moreau@cabinet-moreau.fr", field: { id: "q1", type: "email" } },
          { type: "text", text: "Cabinet Moreau", field: { id: "q2", type: "short_text" } },
          { type: "choice", choice: { label: "1-10" }, field: { id: "q3", type: "multiple_choice" } },
        ],
      },
    });
    const typeformSignature = `sha256=${createHmac("sha256", secret).update(typeform).digest("base64")}`;
    const viaTypeform = await send(id, typeform, { "Typeform-Signature": typeformSignature });
    expect(viaTypeform.status).toBe(202);
    // Typeform retries a delivery with the same response token: the same lead.
    const retried = await send(id, typeform, { "Typeform-Signature": typeformSignature });
    expect(retried).toMatchObject({ status: 200, json: { id: viaTypeform.json.id, status: "duplicate" } });
    const wrongTypeform = await send(id, typeform, { "Typeform-Signature": "sha256=AAAA" });
    expect(wrongTypeform.status).toBe(401);

    const typeformLead = String(viaTypeform.json.id);
    const check = await postedCheck(typeformLead);
    expect(check?.rawText).toContain("Work email: ines.moreau@cabinet-moreau.fr");
    expect(check?.rawText).toContain("Team size: 1-10");
    expect((check.facts as Record<string, unknown>).company).toBe("Cabinet Moreau");

    // HubSpot signs with its app's client secret, which the admin gives at setup.
    const clientSecret = "6b1d2c3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const hub = await setup("C0LEADS03", ` secret ${clientSecret}`);
    const hubBody = JSON.stringify({
      eventId: 99102,
      properties: {
        email: { value: "tomasz.nowak@kolejka.pl" },
        company: { value: "Kolejka Logistics" },
        jobtitle: { value: "Head of Operations" },
      },
    });
    const timestamp = String(Date.now());
    const uri = `https://triage.example.com/leads/${hub.id}`;
    const v3 = createHmac("sha256", clientSecret).update(`POST${uri}${hubBody}${timestamp}`).digest("base64");
    const viaHubspot = await send(hub.id, hubBody, {
      "X-HubSpot-Signature-v3": v3,
      "X-HubSpot-Request-Timestamp": timestamp,
      "X-Forwarded-Host": "triage.example.com",
    });
    expect(viaHubspot.status).toBe(202);
    const oldHub = String(Date.now() - 10 * 60_000);
    const staleHub = await send(hub.id, hubBody, {
      "X-HubSpot-Signature-v3": createHmac("sha256", clientSecret)
        .update(`POST${uri}${hubBody}${oldHub}`)
        .digest("base64"),
      "X-HubSpot-Request-Timestamp": oldHub,
      "X-Forwarded-Host": "triage.example.com",
    });
    expect(staleHub.status).toBe(401);
    const hubLead = String(viaHubspot.json.id);
    const hubCheck = await postedCheck(hubLead);
    expect((hubCheck.facts as Record<string, unknown>).company).toBe("Kolejka Logistics");
  });

  it("maps form fields to facts, rotates and revokes secrets, and lists what each endpoint received", async () => {
    const { id, secret } = await setup("C0LEADS04");
    expect(
      await command(`inbound map ${id} email=Your work address, company=Organisation name, size=Headcount`),
    ).toContain("reads email from “Your work address”");
    expect(await command(`inbound map ${id} budget=Money`)).toContain("is not a field I map");
    const body = JSON.stringify({
      "Your work address": "d.achebe@brightwell.ng",
      "Organisation name": "Brightwell Foods",
      Headcount: "240",
    });
    const mapped = await send(id, body, signed(secret, body));
    expect(mapped.status).toBe(202);
    const leadId = String(mapped.json.id);
    const check = await postedCheck(leadId);
    expect(check?.rawText).toContain("Company: Brightwell Foods");
    expect((check.facts as Record<string, unknown>).company).toBe("Brightwell Foods");

    const rotated = await command(`inbound rotate ${id}`);
    const fresh = /`(lts_[^`]+)`/.exec(rotated)?.[1] as string;
    expect(fresh).toBeTruthy();
    expect((await send(id, body, signed(secret, body, { "Idempotency-Key": "r1" }))).status).toBe(401);
    expect((await send(id, body, signed(fresh, body, { "Idempotency-Key": "r1" }))).status).toBe(202);

    const listed = await command("inbound list");
    expect(listed).toContain(id);
    expect(listed).toMatch(/<#C0LEADS04>: \d+ posted/);
    expect(await command(`inbound revoke ${id}`)).toContain("is revoked");
    expect((await send(id, body, signed(fresh, body, { "Idempotency-Key": "r2" }))).status).toBe(404);
    expect(await command("inbound list")).not.toContain(id);
  });

  it("answers 429 with Retry-After past the workspace's rate; a sender that waits gets every lead posted once", async () => {
    const { id, secret } = await setup("C0LEADS05");
    // Five times the rate: the burst outruns the refill even when a busy machine spreads it over 4 s.
    const burst = 100;
    const bodies = Array.from({ length: burst }, (_, i) =>
      JSON.stringify({ email: `buyer${i}@orchardline.com`, company: "Orchardline", title: "VP Sales" }),
    );
    const first = await Promise.all(
      bodies.map((b, i) => send(id, b, signed(secret, b, { "Idempotency-Key": `burst-${i}` }))),
    );
    const limited = first.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(first.filter((r) => r.status === 202).length).toBeGreaterThanOrEqual(20);
    expect(Number(limited[0]?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The sender honours Retry-After and sends again what was refused, with the same keys.
    const ids = new Set(first.filter((r) => r.status === 202).map((r) => String(r.json.id)));
    let waiting = bodies.map((b, i) => ({ b, i })).filter(({ i }) => first[i]?.status === 429);
    while (waiting.length > 0) {
      await new Promise((r) => setTimeout(r, 1_000));
      const answers = await Promise.all(
        waiting.map(({ b, i }) => send(id, b, signed(secret, b, { "Idempotency-Key": `burst-${i}` }))),
      );
      for (const a of answers) if (a.status === 202) ids.add(String(a.json.id));
      waiting = waiting.filter((_, k) => answers[k]?.status === 429);
    }
    expect(ids.size).toBe(burst);
    await h.fake.waitFor(() => (verdictsIn("C0LEADS05").length >= burst ? true : undefined), 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const posted = verdictsIn("C0LEADS05").map(checkIdOf);
    expect(posted).toHaveLength(burst);
    expect(new Set(posted)).toEqual(ids);
  }, 120_000);

  it("posts leads a crashed instance accepted but never posted, and settles without posting again one it had posted", async () => {
    const { id } = await setup("C0LEADS06");
    const endpoint = await h.db.store.inbound.findEndpoint(id);
    const workspaceId = endpoint?.workspaceId as string;
    // Accepted by an instance that died before posting: one untouched, one claimed by it (its lease lapsed).
    const untouched = await h.db.store.inbound.accept({
      endpointId: id,
      workspaceId,
      channelId: "C0LEADS06",
      sourceKey: "crash-1",
      text: "Email: l.ferreira@portoazul.pt\nCompany: Porto Azul\nTitle: Head of Sales",
    });
    const claimed = await h.db.store.inbound.accept({
      endpointId: id,
      workspaceId,
      channelId: "C0LEADS06",
      sourceKey: "crash-2",
      text: "Email: k.adeyemi@lagoswire.ng\nCompany: Lagos Wire\nTitle: CTO",
    });
    await h.db.prisma.inboundLead.update({
      where: { id: claimed.id },
      data: { attempts: 1, claimedUntil: new Date(Date.now() - 1_000) },
    });
    // Posted by the dead instance (its check carries the message) but never marked posted.
    const postedBefore = await h.db.store.inbound.accept({
      endpointId: id,
      workspaceId,
      channelId: "C0LEADS06",
      sourceKey: "crash-3",
      text: "Email: s.haddad@cedarworks.lb\nCompany: Cedar Works",
    });
    await h.db.store.checks.insert([
      {
        id: postedBefore.id,
        workspaceId,
        inputKind: "inbound",
        channelId: "C0LEADS06",
        messageTs: "1733300000.000100",
        threadTs: "1733300000.000100",
        facts: { company: "Cedar Works" },
        decision: "pass",
        risk: 0,
        matchedRules: [],
        missing: [],
        ruleSetVersion: 1,
      },
    ]);
    h.app.inbound.nudge();
    for (const lead of [untouched, claimed, postedBefore])
      await until(async () => (await inboundRow(lead.id))?.status === "posted");
    const posted = verdictsIn("C0LEADS06").map(checkIdOf);
    expect(posted.filter((p) => p === untouched.id)).toHaveLength(1);
    expect(posted.filter((p) => p === claimed.id)).toHaveLength(1);
    expect(posted).not.toContain(postedBefore.id);
    expect((await inboundRow(postedBefore.id))?.messageTs).toBe("1733300000.000100");
  });

  it("keeps a lead whose post failed and posts its kept check later, never triaging it twice", async () => {
    const { id, secret } = await setup("C0LEADS07");
    h.fake.channelErrors.set("C0LEADS07", "not_in_channel");
    const body = JSON.stringify({
      email: "a.petrov@volgatech.ru",
      company: "Volga Tech",
      title: "Director of Sales",
    });
    const accepted = await send(id, body, signed(secret, body));
    expect(accepted.status).toBe(202);
    const leadId = String(accepted.json.id);
    await until(async () => (await inboundRow(leadId))?.lastError === "not_in_channel");
    expect((await inboundRow(leadId))?.status).toBe("pending");
    // The admin invites the app; the retry comes when it is due (made due now here).
    h.fake.channelErrors.delete("C0LEADS07");
    await until(async () => (await h.db.prisma.check.count({ where: { id: leadId } })) === 1);
    await h.db.prisma.inboundLead.update({ where: { id: leadId }, data: { dueAt: new Date() } });
    h.app.inbound.nudge();
    await until(async () => (await inboundRow(leadId))?.status === "posted");
    // Two tries at one verdict (Slack refused the first): the same check both times, triaged once.
    expect(verdictsIn("C0LEADS07").map(checkIdOf)).toEqual([leadId, leadId]);
    const check = await h.db.prisma.check.findUnique({ where: { id: leadId } });
    expect(check?.messageTs).toBe((await inboundRow(leadId))?.messageTs);
    expect(await h.db.prisma.check.count({ where: { channelId: "C0LEADS07" } })).toBe(1);
  });
});
