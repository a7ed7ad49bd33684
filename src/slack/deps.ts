import type { Logger } from "../logger.js";
import type { TriageServices } from "../services/triageLead.js";
import type { PrismaClient } from "../store/generated/client.js";
import type { RecentKeys } from "./recentKeys.js";
import type { WorkQueue } from "./workQueue.js";

/** What the Slack listeners need; built once in main.ts (and by the tests). */
export interface SlackDeps {
  prisma: PrismaClient;
  triage: TriageServices;
  logger: Logger;
  /** Channels where posts from other bots (web-form bots) are triaged. */
  formBotChannels: readonly string[];
  /** Database and parsing work that follows an ack, a few at a time. */
  work: WorkQueue;
  /** Web API calls (verdicts, replies): their own slots, so a slow Slack never holds a database slot. */
  posts: WorkQueue;
  /** Channels already told how to invite the app (bounded). */
  inviteHints: RecentKeys;
  /** Event ids seen by this process: the dedupe that still works while the database is away (bounded). */
  recentEvents: RecentKeys;
}
