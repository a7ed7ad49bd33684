import type { LlmConfig, TokenKeys } from "../config.js";
import { errorSummary, type Logger } from "../logger.js";
import { createInstallServices, createOutcomeServices } from "./appServices.js";
import { createAssistant } from "./assistant.js";
import type { CheckWriterOptions } from "./checkWriter.js";
import { EventDedupe } from "./eventDedupe.js";
import { homeSummary } from "./home.js";
import type { LeadReader } from "./leadReader.js";
import { OutboundDelivery, type OutboundDeliveryOptions } from "./outbound/delivery.js";
import type { Repositories } from "./ports/index.js";
import { RecentKeys } from "./recentKeys.js";
import { runRetention } from "./retention.js";
import type { DefaultPack } from "./ruleBook.js";
import { refreshAllSuggestions } from "./suggestions.js";
import { createTriageServices } from "./triageLead.js";

export interface ServiceOptions {
  /** The rules a workspace triages with until it publishes its own (or how to read them when first needed). */
  defaultPack: DefaultPack;
  logger: Logger;
  /** Where lead text is read (a thread of its own in the app); default: inline. */
  reader?: LeadReader;
  writer?: Partial<CheckWriterOptions>;
  /** The optional LLM; undefined: rules only. */
  llm?: LlmConfig | undefined;
  inboundRatePerSecond?: number | undefined;
  allowPrivateOutboundUrls?: boolean;
  /** Distribution mode: installations sealed with these keys, OAuth states keyed with this secret. */
  distribution?: { tokenKeys: TokenKeys; stateSecret: string } | undefined;
  /** Event ids this process remembers before asking the database (default 50,000 for an hour). */
  recentEvents?: RecentKeys;
  /** How users of the calling surface get fresh suggestions (default: `/triage refine`). */
  refreshHint?: string;
}

/** The one place services are built from an open database: the Slack app, the command line (commandLine.ts)
 * and the tests get the same graph, and none of them touches the store. */
export function createServices(
  db: { store: Repositories; ping(): Promise<boolean>; leadHashKey?: Buffer | undefined },
  options: ServiceOptions,
) {
  const { store, leadHashKey } = db;
  const { logger } = options;
  const triage = createTriageServices(db, options.defaultPack, logger, options.writer ?? {}, options.reader);
  const assistant = createAssistant(options.llm, logger, store);
  const outcomeServices = createOutcomeServices(store, triage.ruleBook, {
    ...(assistant ? { themes: assistant.themes, reasonMapper: assistant.reasons } : {}),
    leadHashKey,
    ...(options.inboundRatePerSecond ? { inboundRatePerSecond: options.inboundRatePerSecond } : {}),
    allowPrivateOutboundUrls: options.allowPrivateOutboundUrls === true,
    ...(options.refreshHint ? { refreshHint: options.refreshHint } : {}),
  });
  const installs = options.distribution
    ? createInstallServices(store, options.distribution.tokenKeys, options.distribution.stateSecret)
    : undefined;
  return {
    triage,
    ...(assistant ? { assistant } : {}),
    ...outcomeServices,
    ...(installs ? { installs } : {}),
    dedupe: new EventDedupe(store.events, options.recentEvents ?? new RecentKeys(50_000, 3_600_000), logger),
    homeSummary: (workspaceId: string) => homeSummary(store, workspaceId),
    /** What the schedules run: retention, and every workspace's suggestions refreshed from its outcomes. */
    jobs: {
      retention: () => runRetention(store),
      refreshSuggestions: async () =>
        refreshAllSuggestions(await store.workspaces.ids(), outcomeServices.suggestions, (workspace, e) =>
          logger.error({ err: errorSummary(e), workspace }, "refreshing suggestions failed"),
        ),
    },
    /** The sender of this process's share of outbound events (started and stopped by the app). */
    outboundDelivery: (deliveryOptions: Partial<OutboundDeliveryOptions> = {}) =>
      new OutboundDelivery(store, outcomeServices.outbound, logger, deliveryOptions),
  };
}

export type Services = ReturnType<typeof createServices>;
