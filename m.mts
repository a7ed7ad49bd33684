import { PGlite } from "@electric-sql/pglite";

let t = performance.now();
const db = await PGlite.create();
await db.exec("create table x(a int)");
const dump = await db.dumpDataDir("none");
console.log("create+dump", (performance.now() - t).toFixed(0));
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const d = await PGlite.create({ loadDataDir: dump });
  console.log("load", (performance.now() - t).toFixed(0), (await d.query("select count(*) from x")).rows);
}
