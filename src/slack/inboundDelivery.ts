import { errorSummary } from "../logger.js";
import type { ClaimedLead, InboundQueue } from "../services/inbound/queue.js";
import { PollLoop } from "../services/pollLoop.js";
import { linkVerdictMessage, type PostedVerdict, triageLead } from "../services/triageLead.js";
import { resultMessage, summarizeAfter } from "./deliver.js";
import type { SlackDeps } from "./deps.js";
import { postInChannel, slackErrorCode, updateMessage } from "./reply.js";
import { verdictMessage } from "./views/verdict.js";
import { isDeadTokenError, type WorkspaceClients } from "./workspaceClients.js";

export interface InboundDeliveryOptions {
  /** How long a claim holds a lead: a crashed instance's leads are taken up again after this. */
  leaseMs: number;
  /** How often the queue is looked at when nothing nudges it (leads accepted by another instance). */
  pollMs: number;
  /** Leads triaged and posted at once. */
  concurrency: number;
}

const DEFAULTS: InboundDeliveryOptions = { leaseMs: 60_000, pollMs: 2_000, concurrency: 4 };

/** Posts the verdicts of leads that arrived at inbound endpoints, from the queue the database keeps: each lead
 * is claimed by one instance, triaged like a pasted lead (its check's id is the lead's own), posted in the
 * endpoint's channel with the usual buttons and thread, then settled. A lead whose check already carries a
 * message (the instance died after posting) is settled without posting again; one whose post failed is posted
 * again from its kept check, never triaged twice. */
export class InboundDelivery {
  private readonly options: InboundDeliveryOptions;
  private readonly loop: PollLoop;

  constructor(
    private readonly deps: SlackDeps,
    private readonly queue: InboundQueue,
    private readonly clients: WorkspaceClients,
    options: Partial<InboundDeliveryOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.loop = new PollLoop(
      () => this.drain(),
      this.options.pollMs,
      (e) => this.deps.logger.error({ err: errorSummary(e) }, "inbound queue failed"),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Looks at the queue now (a lead was just accepted here). */
  nudge(): void {
    this.loop.nudge();
  }

  /** Stops claiming; what was claimed finishes (or its lease lapses for another instance). */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.loop.isStopped) return;
      const leads = await this.queue.claim(this.options.concurrency, this.options.leaseMs);
      if (leads.length === 0) return;
      await Promise.all(leads.map((lead) => this.deliver(lead)));
    }
  }

  private async deliver(lead: ClaimedLead): Promise<void> {
    const log = this.deps.logger.child({ workspace: lead.workspaceId, inbound: lead.id, kind: "inbound" });
    try {
      const client = await this.clients.forWorkspace(lead.workspaceId);
      if (client === undefined) {
        await this.queue.retryLater(lead, "the app is not installed in this workspace");
        return;
      }
      const kept = await this.deps.outcomes.storedVerdict(lead.workspaceId, lead.id);
      if (kept?.check.messageTs) {
        await this.queue.posted(lead.id, lead.id, kept.check.messageTs);
        log.info("inbound lead was already posted");
        return;
      }
      if (kept === undefined && lead.text === null) {
        await this.queue.giveUp(lead, "its words are gone");
        return;
      }
      const channelId = lead.channelId;
      // A fresh verdict is posted by triageLead's `post` (which links its check); a kept one again here.
      const fresh =
        kept === undefined
          ? await triageLead(
              this.deps.triage,
              { workspaceId: lead.workspaceId, inputKind: "inbound", channelId },
              lead.text as string,
              {
                checkId: lead.id,
                post: async (result) => {
                  const ts = await postInChannel(client, channelId, resultMessage(result));
                  return { channelId, messageTs: ts, threadTs: ts };
                },
              },
            )
          : undefined;
      let ts: string;
      try {
        if (fresh) ts = ((await fresh.posted) as PostedVerdict).messageTs;
        else {
          const message = verdictMessage(kept?.verdict as NonNullable<typeof kept>["verdict"], {
            checkId: lead.id,
            ...(kept?.history ? { history: kept.history } : {}),
          });
          ts = await postInChannel(client, channelId, message);
          linkVerdictMessage(this.deps.triage, { id: lead.id, channelId, messageTs: ts, threadTs: ts });
        }
      } catch (e) {
        const code = slackErrorCode(e);
        if (isDeadTokenError(code)) await this.clients.refused(lead.workspaceId, code as string);
        const how = await this.queue.retryLater(lead, code ?? errorSummary(e).message);
        log.warn({ code, how, attempts: lead.attempts }, "inbound verdict not posted");
        return;
      }
      // Settled only once the check is kept: a restart in between finds the check and its message.
      if (fresh && !(await fresh.stored)) throw new Error("the check could not be kept");
      await this.queue.posted(lead.id, lead.id, ts);
      if (fresh) {
        const at = { channelId: lead.channelId, ts };
        summarizeAfter(this.deps, fresh, (m) => updateMessage(client, at, m, log), log);
      }
      log.info(
        { decision: (fresh?.report ?? kept?.verdict)?.decision, attempts: lead.attempts },
        "inbound verdict posted",
      );
    } catch (e) {
      log.error({ err: errorSummary(e) }, "inbound lead not delivered");
      await this.queue.retryLater(lead, errorSummary(e).message).catch(() => undefined);
    }
  }
}
