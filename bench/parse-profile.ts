/** Profiling aid for the parser: `tsc -p tsconfig.bench.json && node --cpu-prof bench/out/bench/parse-profile.js`. */
import { parseLead } from "../src/domain/lead/parse.js";
import { syntheticTexts } from "./synthetic.js";

const texts = syntheticTexts(10_000);
let facts = 0;
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  for (const text of texts) facts += Object.keys(parseLead(text).facts).length;
  console.log(`parse 10,000 texts: ${(performance.now() - start).toFixed(0)} ms`);
}
console.log(`facts found: ${facts / 3}`);
