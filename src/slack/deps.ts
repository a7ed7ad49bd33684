import type { Logger } from "../logger.js";
import type { TriageServices } from "../services/triageLead.js";
import type { PrismaClient } from "../store/generated/client.js";
import type { WorkQueue } from "./workQueue.js";

/** What the Slack listeners need; built once in main.ts (and by the tests). */
export interface SlackDeps {
  prisma: PrismaClient;
  triage: TriageServices;
  logger: Logger;
  /** Channels where posts from other bots (web-form bots) are triaged. */
  formBotChannels: readonly string[];
  /** Where listeners put the work that follows their ack. */
  work: WorkQueue;
}
