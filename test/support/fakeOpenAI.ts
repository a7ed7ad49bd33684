import { createServer, type Server } from "node:http";

/** What the next chat completion does. */
/** The facts part of a reading, as the model would send it (null: not read). */
export type ReadFacts = Partial<
  Record<"industry" | "seniority" | "country", { value: string; quote: string } | null> & {
    employees: { min: number; max: number; quote: string } | null;
  }
>;

export type Behaviour =
  | { kind: "summary"; summary: string; facts?: ReadFacts }
  /** Any structured answer (reason mappings, digest themes). */
  | { kind: "answer"; value: unknown }
  | { kind: "slow"; ms: number; summary: string }
  | { kind: "status"; status: number }
  | { kind: "malformed" }
  | { kind: "schema_violation" }
  | { kind: "refusal" };

/** A fake OpenAI-compatible server on 127.0.0.1: records every request body, answers chat completions as
 * told (a summary and no facts read, by default). */
export class FakeOpenAI {
  readonly requests: { path: string; body: Record<string, unknown>; raw: string }[] = [];
  private readonly queue: Behaviour[] = [];
  defaultSummary = "Operations lead at a mid-sized logistics company asking about pricing for a team of 40.";
  private server: Server | undefined;
  url = "";

  /** What a question gets when nothing was queued: a summary without facts, or an empty answer. */
  private defaultFor(schema: string | undefined): Behaviour {
    if (schema === "reason_mapping") return { kind: "answer", value: { mappings: [] } };
    if (schema === "digest_themes") return { kind: "answer", value: { themes: [] } };
    return { kind: "summary", summary: this.defaultSummary };
  }

  next(b: Behaviour): void {
    this.queue.push(b);
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString("utf8");
      this.requests.push({
        path: req.url ?? "",
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        raw,
      });
      const body = raw ? (JSON.parse(raw) as { response_format?: { json_schema?: { name?: string } } }) : {};
      const b = this.queue.shift() ?? this.defaultFor(body.response_format?.json_schema?.name);
      if (b.kind === "status") {
        res.writeHead(b.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "fake failure", type: "server_error" } }));
        return;
      }
      if (b.kind === "slow") await new Promise((r) => setTimeout(r, b.ms));
      const content =
        b.kind === "malformed"
          ? '{"summary": "cut off'
          : b.kind === "schema_violation"
            ? JSON.stringify({ verdict: "pass" })
            : b.kind === "refusal"
              ? null
              : b.kind === "answer"
                ? JSON.stringify(b.value)
                : JSON.stringify({
                    summary: b.summary,
                    facts: {
                      industry: null,
                      seniority: null,
                      employees: null,
                      country: null,
                      ...(b.kind === "summary" ? b.facts : {}),
                    },
                  });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-fake",
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: "fake-model",
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                content,
                refusal: b.kind === "refusal" ? "I can't help with that." : null,
              },
              finish_reason: "stop",
            },
          ],
          usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
        }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/v1`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
