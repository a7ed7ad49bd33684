/** Profiling aid for the evaluator: `tsc -p tsconfig.bench.json && node --cpu-prof bench/out/bench/eval-profile.js`. */
import { compileRuleSet } from "../src/domain/personas/compile.js";
import { validateRuleSet } from "../src/domain/personas/load.js";
import { syntheticLeads, syntheticRuleSet } from "./synthetic.js";

const rules = compileRuleSet(validateRuleSet(syntheticRuleSet(200), "synthetic"));
const leads = syntheticLeads(100_000);
let matches = 0;
for (let round = 0; round < 4; round++) {
  const start = performance.now();
  for (const lead of leads) matches += rules.evaluate(lead).matches.length;
  console.log(`evaluate 100,000 leads: ${(performance.now() - start).toFixed(0)} ms`);
}
console.log(`matches per lead: ${(matches / 4 / leads.length).toFixed(2)}`);
