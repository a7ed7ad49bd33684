import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRuleSet, RuleSetError } from "../../src/domain/personas/load.js";
import { DEFAULT_RULES_PATH, loadRuleFile } from "../../src/services/ruleFiles.js";

function problemsOf(text: string, fileName = "rules.yml"): string[] {
  try {
    parseRuleSet(text, fileName);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleSetError);
    expect((e as RuleSetError).message).toContain(fileName);
    return (e as RuleSetError).problems;
  }
  throw new Error("expected the rule set to be refused");
}

const persona = (rule: string) => `
personas:
  - id: bargain
    name: Bargain hunter
    kind: anti
    rules:
${rule}`;

describe("rule files", () => {
  it("loads the default pack", async () => {
    const set = await loadRuleFile(DEFAULT_RULES_PATH);
    expect(set.personas.length).toBeGreaterThanOrEqual(8);
    const ids = set.personas.map((p) => p.id);
    for (const id of [
      "bureaucratic-enterprise",
      "bargain-hunter",
      "student-academic",
      "job-seeker",
      "non-decision-maker",
      "free-mail-tire-kicker",
      "competitor",
    ]) {
      expect(ids).toContain(id);
    }
    expect(set.personas.some((p) => p.kind === "ideal")).toBe(true);
    for (const p of set.personas) for (const r of p.rules) expect(r.reason.length).toBeGreaterThan(10);
  });

  it("loads JSON as well as YAML", () => {
    const json = JSON.stringify({
      personas: [
        {
          id: "p",
          name: "P",
          kind: "anti",
          rules: [{ id: "r", when: { field: "text", op: "present" }, weight: 5, reason: "x" }],
        },
      ],
    });
    expect(parseRuleSet(json, "rules.json").personas[0]?.rules[0]?.id).toBe("r");
  });

  it("names the persona, the rule and the field at fault", () => {
    const problems = problemsOf(
      persona(`      - id: cheap
        when: { field: txt, op: contains_any, value: [cheap] }
        weight: 20
        reason: Cheap`),
    );
    expect(problems.join("\n")).toMatch(/persona "bargain" › rule "cheap" › when/);
    expect(problems.join("\n")).toContain("txt");
  });

  it("refuses a weight out of range", () => {
    const problems = problemsOf(
      persona(`      - id: cheap
        when: { field: text, op: contains_any, value: [cheap] }
        weight: 150
        reason: Cheap`),
    );
    expect(problems[0]).toMatch(/^persona "bargain" › rule "cheap" › weight: /);
  });

  it("refuses a rule with neither weight nor exclude", () => {
    const problems = problemsOf(
      persona(`      - id: cheap
        when: { field: text, op: contains_any, value: [cheap] }
        reason: Cheap`),
    );
    expect(problems.join("\n")).toContain("either a weight");
  });

  it("refuses numeric operators on text fields", () => {
    const problems = problemsOf(
      persona(`      - id: big
        when: { field: industry, op: gt, value: 5 }
        weight: 20
        reason: Big`),
    );
    expect(problems[0]).toContain('persona "bargain" › rule "big" › when.field');
  });

  it("refuses regexes that can backtrack catastrophically", () => {
    const problems = problemsOf(
      persona(`      - id: evil
        when: { field: text, op: matches, value: "^(a+)+$" }
        weight: 20
        reason: Evil`),
    );
    expect(problems[0]).toContain("ReDoS");
    expect(problems[0]).toContain('rule "evil"');
  });

  it("accepts safe regexes", () => {
    const set = parseRuleSet(
      persona(`      - id: ok
        when: { field: text, op: matches, value: "\\\\bcheap(est)?\\\\b" }
        weight: 20
        reason: ok`),
      "rules.yml",
    );
    expect(set.personas[0]?.rules[0]?.id).toBe("ok");
  });

  it("refuses invalid regexes", () => {
    const problems = problemsOf(
      persona(`      - id: bad
        when: { field: text, op: matches, value: "(unclosed" }
        weight: 20
        reason: Bad`),
    );
    expect(problems[0]).toContain("not a valid regular expression");
  });

  it("refuses duplicate rule ids", () => {
    const rule = `      - id: same
        when: { field: text, op: present }
        weight: 1
        reason: x
`;
    expect(problemsOf(persona(rule + rule))[0]).toContain('duplicate rule id "same"');
  });

  it("reports YAML syntax errors, empty files and missing files", async () => {
    expect(problemsOf("personas: [", "broken.yml")[0]).toMatch(/./);
    expect(problemsOf("", "empty.yml")).toEqual(["the file is empty"]);
    expect(problemsOf("{", "broken.json")[0]).toContain("not valid JSON");
    await expect(loadRuleFile("/nonexistent/rules.yml")).rejects.toThrow(/file not found/);
  });

  it("reads files from disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-"));
    const file = join(dir, "mine.yaml");
    writeFileSync(
      file,
      persona(
        `      - id: r\n        when: { field: text, op: present }\n        weight: 3\n        reason: r`,
      ),
    );
    expect((await loadRuleFile(file)).personas[0]?.id).toBe("bargain");
  });
});

describe("the default pack", () => {
  it("reads like a form: block YAML only, one list item per line", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseDocument, visit } = await import("yaml");
    const text = readFileSync("personas/default.yml", "utf8");
    const doc = parseDocument(text);
    const flow: string[] = [];
    visit(doc, {
      Map(_, node) {
        if (node.flow) flow.push(String(node));
      },
      Seq(_, node) {
        if (node.flow) flow.push(String(node));
      },
    });
    expect(flow).toEqual([]);
    // Comments are part of the form.
    expect(text.startsWith("# Lead Triage default persona pack")).toBe(true);
  });

  it("matches the README's example rule file, which is valid and in block YAML too", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync("README.md", "utf8");
    const example = /```yaml\n(version: 1\n[\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(example).not.toMatch(/(?:^|:|-)\s*[{[]/m);
    expect(parseRuleSet(example, "README.md").personas.map((p) => p.id)).toEqual([
      "bargain-hunter",
      "competitor",
    ]);
  });
});
