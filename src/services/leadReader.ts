import { Worker } from "node:worker_threads";
import { UserError } from "../domain/errors.js";
import type { ParsedLead } from "../domain/lead/facts.js";
import { parseLead } from "../domain/lead/parse.js";
import { installPaths } from "../installPaths.js";

/** Reads a lead's text into its facts. Where the answer to Slack must never wait, on a thread of its own. */
export interface LeadReader {
  read(text: string): Promise<ParsedLead>;
  close(): Promise<void>;
}

/** A lead that could not be read within its time budget: it is not checked, and the rep is told why. */
export class LeadTooSlowError extends UserError {
  constructor() {
    super(
      "I couldn't read that lead in time, so it was not checked. Paste its key lines (name, title, company, email, size) and try again.",
      "lead_too_slow",
    );
  }
}

/** Too many leads waiting for the reading thread: answered at once rather than queued without end. */
export class ReaderBusyError extends UserError {
  constructor() {
    super("I'm reading a lot of leads right now. Please try again in a few seconds.", "reader_busy");
  }
}

/** Reads on the calling thread (the CLI: nothing else waits on it). */
export const inlineLeadReader: LeadReader = {
  read: async (text) => parseLead(text),
  close: async () => undefined,
};

export type ReaderRequest = { id: number; text: string };
/** A thread says it has loaded the parser ("ready"), then answers each lead. */
export type ReaderReply =
  | { ready: true }
  | { id: number; lead: ParsedLead }
  | { id: number; failure: string };

const WORKER_FILE = installPaths.worker("services/leadReaderWorker");

/** A thread runs the built modules only (from the TypeScript sources on Node 20 it cannot load them): the app
 * built by `npm install` reads on a thread, the sources under tsx read inline. */
export const READER_THREAD_AVAILABLE = WORKER_FILE.pathname.endsWith(".js");

export interface ThreadReaderOptions {
  /** A lead not read in this time is given up (the thread is replaced) and the rep told. */
  budgetMs: number;
  /** Leads waiting beyond this are refused at once (ReaderBusyError). */
  maxWaiting: number;
}

interface Waiting {
  id: number;
  text: string;
  resolve: (lead: ParsedLead) => void;
  reject: (e: Error) => void;
}

/** Reads leads on a worker thread, one at a time, so parsing never holds the event loop that acks Slack's
 * requests: however long a crafted lead would take, every other request is acknowledged at once. Each lead
 * has a time budget, counted from when the thread (loaded: a new thread's start-up is not the lead's) is
 * given it; past it the thread is terminated and replaced, that lead is refused (LeadTooSlowError) and the
 * leads behind it are read by the new thread. */
export class ThreadLeadReader implements LeadReader {
  private worker: Worker;
  /** The current thread has loaded the parser: leads are handed to it only then. */
  private ready = false;
  private readonly queue: Waiting[] = [];
  private current: { waiting: Waiting; timer: NodeJS.Timeout } | undefined;
  private nextId = 0;
  private closed = false;
  /** Threads replaced after a lead ran over its budget or a thread died. */
  replaced = 0;

  constructor(private readonly options: ThreadReaderOptions = { budgetMs: 2_000, maxWaiting: 2_000 }) {
    this.worker = this.start();
  }

  read(text: string): Promise<ParsedLead> {
    if (this.closed) return Promise.reject(new Error("the lead reader is closed"));
    if (this.queue.length >= this.options.maxWaiting) return Promise.reject(new ReaderBusyError());
    return new Promise<ParsedLead>((resolve, reject) => {
      this.queue.push({ id: ++this.nextId, text, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const gone = new Error("the lead reader is closed");
    for (const w of this.queue.splice(0)) w.reject(gone);
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.waiting.reject(gone);
      this.current = undefined;
    }
    await this.worker.terminate();
  }

  private start(): Worker {
    // A lead is at most 20,000 characters: a thread that needs more than this heap has gone wrong.
    const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 128 } });
    worker.unref();
    worker.on("message", (reply: ReaderReply) => {
      if ("ready" in reply) {
        this.ready = true;
        this.next();
        return;
      }
      const current = this.current;
      if (current === undefined || current.waiting.id !== reply.id) return;
      clearTimeout(current.timer);
      this.current = undefined;
      if ("failure" in reply) current.waiting.reject(new Error(`reading the lead failed: ${reply.failure}`));
      else current.waiting.resolve(reply.lead);
      this.next();
    });
    // A thread that dies (it should not) fails the lead it held; a new one reads the rest.
    worker.on("error", (e) => this.replace(worker, new Error(`the reading thread stopped: ${e.message}`)));
    worker.on("exit", () => this.replace(worker, new Error("the reading thread exited")));
    return worker;
  }

  private next(): void {
    if (this.current !== undefined || this.closed || !this.ready) return;
    const waiting = this.queue.shift();
    if (waiting === undefined) return;
    const timer = setTimeout(() => this.replace(this.worker, new LeadTooSlowError()), this.options.budgetMs);
    timer.unref();
    this.current = { waiting, timer };
    const request: ReaderRequest = { id: waiting.id, text: waiting.text };
    this.worker.postMessage(request);
  }

  private replace(worker: Worker, failure: Error): void {
    if (worker !== this.worker || this.closed) return;
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.waiting.reject(failure);
    }
    this.replaced++;
    worker.removeAllListeners();
    void worker.terminate();
    this.ready = false;
    this.worker = this.start();
    this.next();
  }
}
