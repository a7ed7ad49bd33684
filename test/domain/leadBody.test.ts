import { describe, expect, it } from "vitest";
import { readLeadBody } from "../../src/domain/inbound/leadBody.js";

describe("a posted lead's body becomes the text the parser reads", () => {
  it("reads a flat JSON form, nested objects and lists, keeping unknown keys as lines", () => {
    const lead = readLeadBody(
      "application/json; charset=utf-8",
      JSON.stringify({
        email: "h.tanaka@kitaworks.jp",
        company: { name: "Kita Works", size: 85 },
        interests: ["pipeline", "forecasting"],
        consent: true,
        utm_source: "",
      }),
    );
    expect(lead).toEqual({
      ok: true,
      text: "email: h.tanaka@kitaworks.jp\ncompany name: Kita Works\ncompany size: 85\ninterests: pipeline, forecasting\nconsent: true",
    });
  });

  it("puts mapped fields first under the parser's labels and the message last, matching keys without case", () => {
    const lead = readLeadBody(
      "application/x-www-form-urlencoded",
      "your_note=Need+SSO+for+40+seats&Work+Email=p.silva%40rioverde.br&org=Rio+Verde&org=Holdings",
      { email: "work email", company: "ORG", message: "your note" },
    );
    expect(lead).toEqual({
      ok: true,
      text: "Email: p.silva@rioverde.br\nCompany: Rio Verde, Holdings\nMessage: Need SSO for 40 seats",
    });
  });

  it("takes the source's own id: a Typeform response token, a HubSpot event id", () => {
    const typeform = readLeadBody(
      "application/json",
      JSON.stringify({
        form_response: {
          token: "tok123",
          definition: { fields: [{ id: "a", title: "Seats needed" }] },
          answers: [
            { type: "number", number: 12, field: { id: "a" } },
            { type: "choices", choices: { labels: ["CRM", "Email"] }, field: { id: "b", ref: "tools" } },
            { type: "boolean", boolean: false, field: { id: "c", ref: "student" } },
          ],
          hidden: { campaign: "spring" },
        },
      }),
    );
    expect(typeform).toEqual({
      ok: true,
      text: "Seats needed: 12\ntools: CRM, Email\nstudent: false\ncampaign: spring",
      sourceKey: "typeform:tok123",
    });
    const hubspot = readLeadBody(
      "application/json",
      JSON.stringify({ eventId: 7, properties: { email: { value: "x@y.io" } } }),
    );
    expect(hubspot).toEqual({ ok: true, text: "email: x@y.io", sourceKey: "hubspot:7" });
  });

  it("refuses what is not a lead with a one-line reason", () => {
    expect(readLeadBody("application/json", "{")).toEqual({
      ok: false,
      reason: "the body is not valid JSON",
    });
    expect(readLeadBody("application/json", "42")).toMatchObject({ ok: false });
    expect(readLeadBody("text/csv", "a,b")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("JSON or form-encoded"),
    });
    expect(readLeadBody("application/json", '{"a":null,"b":{}}')).toEqual({
      ok: false,
      reason: "the body holds no lead fields",
    });
  });
});
