/** A worker thread of RowTriagePool: compiles the rules it is given and triages the batches of rows it is
 * sent, with the same triageRows as the main thread. */
import { parentPort } from "node:worker_threads";
import { type CompiledRuleSet, compileRuleSet } from "../domain/personas/compile.js";
import { type RowSetup, triageRows } from "./bulkTriage.js";
import type { PoolReply, PoolRequest } from "./rowTriagePool.js";

let rules: CompiledRuleSet | undefined;
let setup: RowSetup | undefined;

parentPort?.on("message", (request: PoolRequest) => {
  if (request.kind === "rules") {
    rules = compileRuleSet(request.ruleSet);
    setup = request.setup;
    return;
  }
  let reply: PoolReply;
  try {
    if (!rules || !setup) throw new Error("rows sent before the rules");
    reply = { id: request.id, results: triageRows(request.texts, rules, setup) };
  } catch (e) {
    reply = { id: request.id, failure: (e as Error).message };
  }
  parentPort?.postMessage(reply);
});
