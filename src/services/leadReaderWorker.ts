/** The thread of ThreadLeadReader: reads each lead it is sent with the same parser as the main thread. */
import { parentPort } from "node:worker_threads";
import { parseLead } from "../domain/lead/parse.js";
import type { ReaderReply, ReaderRequest } from "./leadReader.js";

parentPort?.on("message", (request: ReaderRequest) => {
  let reply: ReaderReply;
  try {
    reply = { id: request.id, lead: parseLead(request.text) };
  } catch (e) {
    reply = { id: request.id, failure: (e as Error).message };
  }
  parentPort?.postMessage(reply);
});
// Loaded: leads may come (their time budget starts now, not while this thread started).
parentPort?.postMessage({ ready: true } satisfies ReaderReply);
