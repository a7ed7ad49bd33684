import { beforeAll, describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { type CompiledRuleSet, compileRuleSet } from "../../src/domain/personas/compile.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";

/** Kinds of lead the default pack misread, each written here in our own words (never copied from public text), with
 * prose close to each kind that must not be caught. */
let rules: CompiledRuleSet;
beforeAll(async () => {
  rules = compileRuleSet(await loadRuleFile());
});
const judge = (text: string) => rules.evaluate(parseLead(text));
const personas = (text: string) => judge(text).matches.map((m) => m.persona);

describe("job seekers who never say 'job'", () => {
  it.each([
    "Hi, I'm currently in transition after eight years in B2B sales and exploring my next role. Happy to chat.\nMarta Lindgren\nmarta.lindgren@gmail.com",
    "Hello team, I am open to opportunities in customer success, do you have any openings? My CV is attached.\nTom Becker, tom.becker@outlook.com",
    "Guten Tag, anbei meine Bewerbung und mein Lebenslauf für offene Stellen im Vertrieb. Jonas Weber, jonas.weber@web.de",
    "Hola, adjunto mi CV por si tienen vacantes; busco empleo como SDR. Lucía Ortega, lucia.ortega@gmail.com",
    "Bonjour, je suis à la recherche d'un poste de commercial, ci-joint mon CV. Camille Roux, camille.roux@free.fr",
  ])("rejects: %s", (text) => {
    const verdict = judge(text);
    expect(verdict.matches.map((m) => m.persona)).toContain("job-seeker");
    expect(verdict.decision).toBe("reject");
  });

  it.each([
    "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com. Our team is in the middle of a CRM transition and we want a demo.",
    "Ken Adams, Head of Sales, Acme Corp, ken@acme.com. We are hiring five new reps and need to onboard them faster.",
  ])("leaves a buyer alone: %s", (text) => {
    expect(personas(text)).not.toContain("job-seeker");
  });
});

describe("recruiters and staffing agencies", () => {
  it.each([
    "Hi there, we place senior account executives with SaaS companies and can send you profiles this week. Dana Moss, Partner, Hirewell Talent, dana@hirewelltalent.com",
    "Hello, I run a staffing agency focused on sales roles; happy to share candidate profiles for your open positions. Raj Patel, raj@peakstaff.io",
    "We'd love to be your talent partner for upcoming hiring in revenue roles. No placement fee unless you hire. Sofia Lind, sofia@nordtalent.se",
  ])("rejects: %s", (text) => {
    const verdict = judge(text);
    expect(verdict.matches.map((m) => m.persona)).toContain("recruiter-staffing");
    expect(verdict.decision).toBe("reject");
  });

  it.each([
    "Anna Berg, COO at Lindqvist Logistics (300 employees), anna@lindqvist.se. We place great value on clean reporting and want to see the product.",
    "Omar Haddad, VP Sales at Brightwave (120 employees), omar@brightwave.io. We are hiring two AEs and need a better pipeline view.",
  ])("leaves a buyer alone: %s", (text) => {
    expect(personas(text)).not.toContain("recruiter-staffing");
  });
});

describe("the solo bargain hunter", () => {
  it.each([
    "Hey, I'm a freelancer designing websites. What's your lowest tier? I can only do a few dollars a month. Leo Marsh, leo.marsh@gmail.com",
    "One-person shop here (bookkeeping). Looking for anything inexpensive to track my clients. Ines Duarte, ines@duarte-books.pt",
  ])("asks for a review at least: %s", (text) => {
    const verdict = judge(text);
    expect(verdict.matches.map((m) => m.persona)).toEqual(
      expect.arrayContaining(["bargain-hunter", "too-small"]),
    );
    expect(["review", "reject"]).toContain(verdict.decision);
  });

  it("one person is counted once: read as a one-person team, 'as a freelancer' adds nothing more", () => {
    const verdict = judge(
      "Mia Cole, freelance copywriter, mia@miacole.co. As a freelancer I help SaaS teams with launch pages and want a demo for my client Northwind.",
    );
    expect(verdict.matches.map((m) => m.rule)).toEqual(["micro-team"]);
    expect(verdict.risk).toBe(40);
  });
});

describe("a reply: the lead wrote what is above the quote; the rep's own message below it is not the lead", () => {
  const signature = "Lucia Ferrante\nOperations Manager, Vetreria Ferrante Srl\nlucia@vetreriaferrante.it";

  it("judges the lead's words only: the rep's quoted offer of a free plan flags nothing", () => {
    const quoted = `Thanks Tom, yes please send pricing for 15 seats. We're a 120-person logistics firm.\n\n${signature}\n\nOn Tue, Dec 1, 2026 at 10:12 AM Tom Hale <tom.hale@ourcrm.io> wrote:\n> Hi Lucia, we have a free plan, and the cheapest plan is only a few dollars a month.\n> Tom Hale\n> Account Executive | OurCRM`;
    expect(judge(quoted).matches).toEqual([]);
    // The same asks written by the lead herself are hers.
    const own = `Thanks Tom, is there a free plan? We only want the cheapest plan, a few dollars a month.\n\n${signature}`;
    expect(personas(own)).toContain("bargain-hunter");
  });
});
