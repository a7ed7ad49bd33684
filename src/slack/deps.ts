import type { Logger } from "../logger.js";
import type { Assistant } from "../services/assistant.js";
import type { DigestService } from "../services/digests.js";
import type { ErasureService } from "../services/erasure.js";
import type { EventDedupe } from "../services/eventDedupe.js";
import type { HomeSummary } from "../services/home.js";
import type { InboundService } from "../services/inbound/endpoints.js";
import type { InboundQueue } from "../services/inbound/queue.js";
import type { InstallationService } from "../services/installations.js";
import type { OutboundService } from "../services/outbound/outbound.js";
import type { OutcomeService } from "../services/outcomes.js";
import type { ReasonService } from "../services/reasons.js";
import type { RecentKeys } from "../services/recentKeys.js";
import type { RuleSetService } from "../services/ruleSets.js";
import type { SuggestionService } from "../services/suggestions.js";
import type { TriageServices } from "../services/triageLead.js";
import type { AdminPolicy } from "./admins.js";
import type { FormSeal } from "./formSeal.js";
import type { SlackUrls } from "./slackUrls.js";
import type { WorkQueue } from "./workQueue.js";

/** What the Slack listeners need: services, never the store. Built once in main.ts (and by the tests); the
 * app adds what it makes from its own configuration (AppDeps). */
export interface SlackDeps extends AppDeps {
  triage: TriageServices;
  /** What became of leads: recorded from buttons, modals and thread replies. */
  outcomes: OutcomeService;
  /** Each workspace's reasons a lead did not buy. */
  reasons: ReasonService;
  /** Rule changes suggested from outcomes, waiting for an admin. */
  suggestions: SuggestionService;
  /** The rules in force, their versions and their hit counts. */
  ruleSets: RuleSetService;
  /** Forgetting a person or a domain on request. */
  erasure: ErasureService;
  /** Weekly digest subscriptions and numbers. */
  digests: DigestService;
  /** Endpoints web forms and CRMs post leads to (admins set them up with /triage inbound). */
  inbound: InboundService;
  /** Leads accepted at those endpoints, waiting for their verdicts to be posted. */
  inboundQueue: InboundQueue;
  /** Where verdicts and outcomes are sent (admins set it with /triage outbound), and what failed to go. */
  outbound: OutboundService;
  /** The app's public address (PUBLIC_URL), shown in setup answers; undefined: a placeholder is shown. */
  publicUrl?: string;
  /** Who may change what the whole team relies on. */
  admins: AdminPolicy;
  /** First delivery of an event id wins (database, or this process's memory while it is away). */
  dedupe: EventDedupe;
  /** The App Home tab's numbers for a workspace. */
  homeSummary: (workspaceId: string) => Promise<HomeSummary>;
  logger: Logger;
  /** Channels where posts from other bots (web-form bots) are triaged. */
  formBotChannels: readonly string[];
  /** Database and parsing work that follows an ack, a few at a time. */
  work: WorkQueue;
  /** Web API calls (verdicts, replies): their own slots, so a slow Slack never holds a database slot. */
  posts: WorkQueue;
  /** The optional LLM (lead readings, reason mapping); undefined: rules only, nothing sent anywhere. */
  assistant?: Assistant;
  /** LLM calls: their own slots, so a slow model never holds a database or posting slot. */
  llm: WorkQueue;
  /** Channels already told how to invite the app (bounded). */
  inviteHints: RecentKeys;
  /** Distribution mode: each workspace's installation (removed on uninstall; organisations noted). */
  installations?: Pick<InstallationService, "deleteInstallation" | "noteOrganisation">;
}

/** What createSlackApp makes from the Slack configuration for its listeners. */
export interface AppDeps {
  /** Seals what forms carry (private_metadata) and checks it on submission. */
  forms: FormSeal;
  /** Which URLs are Slack's: the only ones answered or sent the bot token. */
  slackUrls: SlackUrls;
}
