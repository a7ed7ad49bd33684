/** Profiling aid for file rows: `tsc -p tsconfig.bench.json && node --cpu-prof bench/out/bench/rows-profile.js`. */
import { csvRowToLeadText } from "../src/domain/lead/csv.js";
import { parseLead } from "../src/domain/lead/parse.js";
import { compileRuleSet } from "../src/domain/personas/compile.js";
import { loadRuleFile } from "../src/services/ruleFiles.js";
import { crmRow, rowDescriptions } from "./synthetic.js";

const descriptions = rowDescriptions();
const rows = Array.from({ length: 10_000 }, (_, i) => csvRowToLeadText(crmRow(i, descriptions)));
const rules = compileRuleSet(
  await loadRuleFile(new URL("../../../personas/default.yml", import.meta.url).pathname),
);
for (let round = 0; round < 3; round++) {
  let start = performance.now();
  const leads = rows.map((r) => parseLead(r));
  const parsed = performance.now() - start;
  start = performance.now();
  for (const lead of leads) rules.evaluate(lead);
  console.log(
    `10,000 rows: parse ${parsed.toFixed(0)} ms, rules ${(performance.now() - start).toFixed(0)} ms`,
  );
}
