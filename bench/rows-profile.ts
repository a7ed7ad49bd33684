/** Profiling aid for file rows: `tsc -p tsconfig.bench.json && node --cpu-prof bench/out/bench/rows-profile.js`. */
import { csvRowToLeadText } from "../src/domain/lead/csv.js";
import { parseLead } from "../src/domain/lead/parse.js";
import { compileRuleSet } from "../src/domain/personas/compile.js";
import { loadRuleFile } from "../src/services/ruleFiles.js";
import { syntheticTexts } from "./synthetic.js";

const FIRST = ["Priya", "Sam", "Jo", "Ken", "Maria", "Bo", "Ana", "Lee"];
const TITLES = [
  "VP Sales",
  "Student",
  "Head of Operations",
  "Founder",
  "Procurement Officer",
  "CTO",
  "Intern",
];
const COMPANIES = ["Northwind Logistics", "Acme Corp", "Tiny Studio", "City of Springfield", "Globex GmbH"];
const texts = syntheticTexts(1_000).map((t) => t.replace(/["\n\r]/g, " ").slice(0, 200));
const rows = Array.from({ length: 10_000 }, (_, i) => {
  const first = FIRST[i % FIRST.length] as string;
  return csvRowToLeadText({
    "First Name": first,
    "Last Name": `Lead${i}`,
    Title: TITLES[i % TITLES.length] as string,
    Company: COMPANIES[i % COMPANIES.length] as string,
    Email: `${first.toLowerCase()}${i}@example${i % 50}.com`,
    "Number of Employees": String([3, 40, 250, 12000][i % 4]),
    Country: ["US", "Germany", "UK", "Brazil"][i % 4] as string,
    Description: texts[i % texts.length] as string,
  });
});
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
