/** Triage engine benchmarks: `npm run bench` (compiled with tsc, run with plain node, as in production).
 * Results are recorded in bench/RESULTS.md. */
import { cpus } from "node:os";
import { Engine } from "json-rules-engine";
import { annualAmount, type ParsedLead } from "../src/domain/lead/facts.js";
import { parseLead } from "../src/domain/lead/parse.js";
import { compileRuleSet } from "../src/domain/personas/compile.js";
import { validateRuleSet } from "../src/domain/personas/load.js";
import type { Condition, RuleSet } from "../src/domain/personas/schema.js";
import { fold } from "../src/domain/text.js";
import { loadRuleFile } from "../src/services/ruleFiles.js";
import { syntheticLeads, syntheticRuleSet, syntheticTexts } from "./synthetic.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(label: string, items: number, runs: number, body: () => unknown): Promise<number> {
  await body(); // warm-up: JIT and lazy tables
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  const ms = median(times);
  const rate = (items / ms) * 1000;
  console.log(
    `${label.padEnd(58)} median ${ms.toFixed(1).padStart(8)} ms  ${Math.round(rate).toLocaleString("en-US").padStart(11)} leads/s  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${runs} runs)`,
  );
  return rate;
}

// ---- json-rules-engine: the same rules, the same leads
type JreCondition =
  | { all: JreCondition[] }
  | { any: JreCondition[] }
  | { not: JreCondition }
  | { fact: string; operator: string; value: unknown };

function toJre(cond: Condition): JreCondition {
  if ("all" in cond) return { all: cond.all.map(toJre) };
  if ("any" in cond) return { any: cond.any.map(toJre) };
  if ("not" in cond) return { not: toJre(cond.not) };
  const numeric = (op: string, side: "Min" | "Max") => ({
    fact: cond.field === "employees" ? `employees${side}` : cond.field,
    operator: op,
    value: (cond as { value: unknown }).value,
  });
  switch (cond.op) {
    case "eq":
      return { fact: cond.field, operator: "equal", value: String(cond.value).toLowerCase() };
    case "in":
      return { fact: cond.field, operator: "in", value: cond.value.map((v) => String(v).toLowerCase()) };
    case "contains_any":
      return {
        fact: `${cond.field}Words`,
        operator: "containsAny",
        value: cond.value.map((v) => v.toLowerCase()),
      };
    case "gt":
      return numeric("greaterThan", "Min");
    case "gte":
      return numeric("greaterThanInclusive", "Min");
    case "lt":
      return numeric("lessThan", "Max");
    case "lte":
      return numeric("lessThanInclusive", "Max");
    default:
      throw new Error(`bench: ${cond.op} not mapped`);
  }
}

function jreEngine(set: RuleSet): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("containsAny", (factValue: unknown, jsonValue: unknown) => {
    if (!Array.isArray(factValue)) return false;
    return (jsonValue as string[]).some((w) => factValue.includes(w));
  });
  for (const persona of set.personas) {
    for (const rule of persona.rules) {
      const when = toJre(rule.when);
      const conditions = "all" in when || "any" in when ? when : { all: [when] };
      engine.addRule({ conditions: conditions as never, event: { type: rule.id }, name: rule.id });
    }
  }
  return engine;
}

/** Flattens a parsed lead into json-rules-engine facts (done before timing, in JRE's favour). */
function jreFacts(lead: ParsedLead): Record<string, unknown> {
  const f = lead.facts;
  const out: Record<string, unknown> = {};
  for (const name of [
    "industry",
    "country",
    "seniority",
    "department",
    "emailDomain",
    "domainKind",
  ] as const) {
    const v = f[name]?.value;
    if (v !== undefined) out[name] = String(v).toLowerCase();
  }
  for (const name of ["title", "notes"] as const) {
    const v = f[name]?.value;
    if (v !== undefined) out[`${name}Words`] = fold(v).split(" ").filter(Boolean);
  }
  if (f.employees) {
    out.employeesMin = f.employees.value.min;
    out.employeesMax = f.employees.value.max;
  }
  if (f.budget) out.budget = annualAmount(f.budget.value);
  return out;
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown cpu"} (${cpus().length} cores)\n`);
  // Benchmarks run compiled (bench/out), so the pack is found from the working directory.
  const pack = compileRuleSet(await loadRuleFile("personas/default.yml"));
  const synthetic = validateRuleSet(syntheticRuleSet(200), "synthetic");
  const compiled200 = compileRuleSet(synthetic);
  const leads = syntheticLeads(100_000);
  let sink = 0;

  console.log("(a) evaluate 100,000 parsed leads");
  await measure(`default pack (${pack.ruleCount} rules)`, leads.length, RUNS, () => {
    for (const lead of leads) sink += pack.evaluate(lead).risk;
  });
  const ours = await measure("200-rule set", leads.length, RUNS, () => {
    for (const lead of leads) sink += compiled200.evaluate(lead).risk;
  });

  console.log("\n(b) parse + evaluate 10,000 raw lead texts (default pack)");
  const texts = syntheticTexts(10_000);
  await measure("parse + evaluate", texts.length, RUNS, () => {
    for (const text of texts) sink += pack.evaluate(parseLead(text)).risk;
  });
  await measure("parse only", texts.length, RUNS, () => {
    for (const text of texts) sink += Object.keys(parseLead(text).facts).length;
  });

  console.log("\n(c) json-rules-engine, the same 200 rules on the same leads");
  const engine = jreEngine(synthetic);
  const jreLeads = leads.slice(0, 3_000).map(jreFacts);
  const theirs = await measure("json-rules-engine (3,000 leads)", jreLeads.length, 3, async () => {
    for (const facts of jreLeads) sink += (await engine.run(facts)).events.length;
  });
  // Both engines must agree on which rules matched, or the comparison means nothing.
  let disagreements = 0;
  for (let i = 0; i < 500; i++) {
    const lead = leads[i] as ParsedLead;
    const a = compiled200
      .evaluate(lead)
      .matches.map((m) => m.rule)
      .sort()
      .join();
    const b = (await engine.run(jreFacts(lead))).events
      .map((e) => e.type)
      .sort()
      .join();
    if (a !== b) disagreements++;
  }
  console.log(
    `\nratio: ${(ours / theirs).toFixed(0)}x json-rules-engine; agreement on 500 leads: ${500 - disagreements}/500`,
  );
  if (sink === -1) console.log(sink);
}

await main();
