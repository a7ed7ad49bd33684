import { BacktestService } from "./backtest.js";
import { DigestService } from "./digests.js";
import { ErasureService } from "./erasure.js";
import { InboundService } from "./inbound/endpoints.js";
import { InboundQueue } from "./inbound/queue.js";
import { InstallationService } from "./installations.js";
import { LeadMemory } from "./leadMemory.js";
import { DatabaseStateStore } from "./oauthStates.js";
import { OutboundService } from "./outbound/outbound.js";
import { OutcomeService } from "./outcomes.js";
import type { Repositories } from "./ports/index.js";
import type { ReasonMapper } from "./reasonMapping.js";
import { ReasonService } from "./reasons.js";
import { RefinementService } from "./refinement.js";
import type { RuleBook } from "./ruleBook.js";
import { RuleSetService } from "./ruleSets.js";
import { SuggestionService } from "./suggestions.js";
import type { ThemeService } from "./themes.js";
import { TokenCipher } from "./tokenCipher.js";

/** The services built on outcomes, wired once: the Slack app, the CLI and the tests use the same graph. */
export function createOutcomeServices(
  store: Repositories,
  ruleBook: RuleBook,
  optional: {
    themes?: ThemeService;
    /** The optional LLM's reading of reasons in reps' words. */
    reasonMapper?: ReasonMapper;
    leadHashKey?: Buffer | undefined;
    /** How users of the calling surface get fresh suggestions (default: `/triage refine`). */
    refreshHint?: string;
    /** Leads a workspace's endpoints accept per second (default 20). */
    inboundRatePerSecond?: number;
    /** Outbound URLs may be private addresses and plain http (a receiver on the same network; tests). */
    allowPrivateOutboundUrls?: boolean;
  } = {},
) {
  const reasons = new ReasonService(store);
  const memory = new LeadMemory(store, optional.leadHashKey);
  const backtests = new BacktestService(store, ruleBook);
  const refinement = new RefinementService(store, ruleBook, reasons, backtests);
  const outcomes = new OutcomeService(store, ruleBook, reasons, memory, optional.reasonMapper);
  return {
    reasons,
    outcomes,
    outbound: new OutboundService(store, outcomes, {
      allowPrivateUrls: optional.allowPrivateOutboundUrls === true,
    }),
    backtests,
    refinement,
    suggestions: new SuggestionService(store, refinement, ruleBook, backtests, optional.refreshHint),
    digests: new DigestService(store, reasons, optional.themes),
    ruleSets: new RuleSetService(store, ruleBook),
    erasure: new ErasureService(store, (email) => memory.personKey(email)),
    inbound: new InboundService(
      store,
      optional.inboundRatePerSecond ? { ratePerSecond: optional.inboundRatePerSecond } : {},
    ),
    inboundQueue: new InboundQueue(store),
  };
}

/** Distribution mode's stores for Bolt's OAuth: installations sealed with the token keys, and OAuth states
 * kept in the database so an install begun on one instance completes on another. */
export function createInstallServices(
  store: Repositories,
  keys: { current: Buffer; older: Buffer[] },
  stateSecret: string,
) {
  return {
    installations: new InstallationService(store, new TokenCipher(keys.current, keys.older)),
    states: new DatabaseStateStore(store.oauthStates, stateSecret),
  };
}
