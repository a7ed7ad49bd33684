import type { NewCheck } from "../domain/checks.js";
import type { NewOutcome } from "../domain/outcomes/kinds.js";
import type { ReasonChange } from "../domain/outcomes/taxonomy.js";
import type {
  CheckRepository,
  OutcomeRepository,
  ReasonRepository,
  RuleSetPublication,
  RuleSetRepository,
} from "../services/ports.js";
import {
  countDecisions,
  findCheckByMessage,
  findCheckInWorkspace,
  linkMessages,
  purgeExpiredText,
  recordCheck,
  recordChecks,
  reviseCheckVerdict,
  setCheckSummary,
} from "./checks.js";
import {
  claimDigestRun,
  completeDigestRun,
  digestNumbers,
  digestSubscriptions,
  listDigestSubscriptions,
  reasonWords,
  recordDigestFailure,
  recordDigestSuccess,
  releaseDigestRun,
  subscribeDigest,
  unsubscribeDigest,
} from "./digests.js";
import { type ErasureSubject, eraseSubject, eraseWorkspace } from "./erasure.js";
import { markEventProcessed, purgeProcessedEvents } from "./events.js";
import type { PrismaClient } from "./generated/client.js";
import {
  acceptInboundLead,
  claimInboundLeads,
  createEndpoint,
  deferInboundLead,
  findEndpoint,
  inboundCounts,
  listEndpoints,
  markInboundPosted,
  purgeInboundLeads,
  revokeEndpoint,
  rotateEndpoint,
  setEndpointFieldMap,
} from "./inbound.js";
import {
  deleteInstallation,
  findInstallation,
  installationsNotSealedWith,
  resealInstallation,
  type StoredInstallation,
  saveInstallation,
} from "./installations.js";
import { appSecret, knownPersonKeys, personKeysBefore, priorChecks, priorChecksMany } from "./memory.js";
import { purgeExpiredOAuthStates, saveOAuthState, takeOAuthState } from "./oauthStates.js";
import {
  claimOutboundEvents,
  deadOutboundEvents,
  deferOutboundEvent,
  findOutboundTarget,
  markOutboundDelivered,
  outboundCounts,
  purgeOutboundEvents,
  removeOutboundTarget,
  replayOutboundEvents,
  retryDeadOutboundEvents,
  setOutboundTarget,
} from "./outbound.js";
import {
  currentOutcome,
  importOutcomes,
  listOutcomes,
  outcomeHistory,
  recordOutcome,
  replayPage,
  withdrawOutcomeBySource,
} from "./outcomes.js";
import { addReason, reasonChanges, renameReason } from "./reasons.js";
import { activeRuleSet, adoptRuleSet, publishRuleSet, ruleSetHistory, ruleSetVersion } from "./ruleSets.js";
import { ruleStats } from "./ruleStats.js";
import {
  addOpenSuggestion,
  decideSuggestion,
  findSuggestion,
  latestDismissals,
  type NewSuggestion,
  openSuggestions,
  replaceOpenSuggestions,
  settleApproval,
} from "./suggestions.js";
import {
  setWorkspaceOrganisation,
  workspaceIds,
  workspaceOrganisation,
  workspaceSettings,
} from "./workspaces.js";

/** The repositories, bound to one database: what services receive. Only src/store touches Prisma; services
 * depend on these functions (and their domain types), never on the ORM. */
export function createStore(prisma: PrismaClient) {
  return {
    checks: {
      insert: (checks: NewCheck[]) => recordChecks(prisma, checks),
      insertOne: (check: NewCheck) => recordCheck(prisma, check),
      linkMessages: (links: Parameters<typeof linkMessages>[1]) => linkMessages(prisma, links),
      countDecisions: (workspaceId: string, since: Date) => countDecisions(prisma, workspaceId, since),
      findByMessage: (channelId: string, ts: string) => findCheckByMessage(prisma, channelId, ts),
      findInWorkspace: (workspaceId: string, id: string) => findCheckInWorkspace(prisma, workspaceId, id),
      purgeExpiredText: (now?: Date) => purgeExpiredText(prisma, now),
      setSummary: (id: string, summary: string) => setCheckSummary(prisma, id, summary),
      reviseVerdict: (id: string, revision: Parameters<typeof reviseCheckVerdict>[2]) =>
        reviseCheckVerdict(prisma, id, revision),
    } satisfies CheckRepository,
    installations: {
      save: (installation: StoredInstallation) => saveInstallation(prisma, installation),
      find: (key: string) => findInstallation(prisma, key),
      delete: (key: string) => deleteInstallation(prisma, key),
      notSealedWith: (keyId: string, take?: number) => installationsNotSealedWith(prisma, keyId, take),
      reseal: (key: string, from: { sealed: string }, to: { sealed: string; keyId: string }) =>
        resealInstallation(prisma, key, from, to),
    },
    workspaces: {
      /** Creates the workspace on first sight; returns what a triage needs. */
      settings: (id: string, name?: string) => workspaceSettings(prisma, id, name),
      ids: () => workspaceIds(prisma),
      setOrganisation: (id: string, enterpriseId: string) =>
        setWorkspaceOrganisation(prisma, id, enterpriseId),
      organisation: (id: string) => workspaceOrganisation(prisma, id),
    },
    erasure: {
      subject: (
        subject: ErasureSubject,
        workspaceId: string | undefined,
        requestedBy: string,
        memoryKey: string | null = null,
      ) => eraseSubject(prisma, subject, workspaceId, requestedBy, memoryKey),
      workspace: (workspaceId: string, requestedBy: string) =>
        eraseWorkspace(prisma, workspaceId, requestedBy),
    },
    memory: {
      prior: (
        workspaceId: string,
        personKey: string | undefined,
        companyKey: string | undefined,
        before?: Date,
      ) => priorChecks(prisma, workspaceId, personKey ?? null, companyKey ?? null, before ?? null),
      priorMany: (
        workspaceId: string,
        leads: readonly { personKey: string | null; companyKey: string | null }[],
        before: Date,
      ) => priorChecksMany(prisma, workspaceId, leads, before),
      knownPersons: (workspaceId: string, keys: readonly string[], before: Date) =>
        knownPersonKeys(prisma, workspaceId, keys, before),
      personKeysBefore: (workspaceId: string, before: Date, limit: number) =>
        personKeysBefore(prisma, workspaceId, before, limit),
      secret: (name: string, make: () => string) => appSecret(prisma, name, make),
    },
    inbound: {
      createEndpoint: (endpoint: Parameters<typeof createEndpoint>[1]) => createEndpoint(prisma, endpoint),
      findEndpoint: (id: string) => findEndpoint(prisma, id),
      listEndpoints: (workspaceId: string) => listEndpoints(prisma, workspaceId),
      rotateEndpoint: (workspaceId: string, id: string, sealedSecret: string) =>
        rotateEndpoint(prisma, workspaceId, id, sealedSecret),
      revokeEndpoint: (workspaceId: string, id: string) => revokeEndpoint(prisma, workspaceId, id),
      setFieldMap: (workspaceId: string, id: string, fieldMap: Record<string, string> | null) =>
        setEndpointFieldMap(prisma, workspaceId, id, fieldMap),
      accept: (lead: Parameters<typeof acceptInboundLead>[1]) => acceptInboundLead(prisma, lead),
      claim: (limit: number, leaseMs: number) => claimInboundLeads(prisma, limit, leaseMs),
      markPosted: (id: string, posted: Parameters<typeof markInboundPosted>[2]) =>
        markInboundPosted(prisma, id, posted),
      defer: (id: string, error: string, dueAt: Date | null) => deferInboundLead(prisma, id, error, dueAt),
      counts: (workspaceId: string) => inboundCounts(prisma, workspaceId),
      purge: (olderThan: Date) => purgeInboundLeads(prisma, olderThan),
    },
    outbound: {
      setTarget: (target: Parameters<typeof setOutboundTarget>[1]) => setOutboundTarget(prisma, target),
      target: (workspaceId: string) => findOutboundTarget(prisma, workspaceId),
      removeTarget: (workspaceId: string) => removeOutboundTarget(prisma, workspaceId),
      claim: (limit: number, perWorkspace: number, busy: readonly string[], leaseMs: number) =>
        claimOutboundEvents(prisma, limit, perWorkspace, busy, leaseMs),
      delivered: (id: string, status: number) => markOutboundDelivered(prisma, id, status),
      defer: (id: string, failure: { status: number | null; error: string }, dueAt: Date | null) =>
        deferOutboundEvent(prisma, id, failure, dueAt),
      dead: (workspaceId: string, take: number) => deadOutboundEvents(prisma, workspaceId, take),
      retryDead: (workspaceId: string, id?: string) => retryDeadOutboundEvents(prisma, workspaceId, id),
      counts: (workspaceId: string) => outboundCounts(prisma, workspaceId),
      replay: (since: Date, workspaceId: string | null) => replayOutboundEvents(prisma, since, workspaceId),
      purge: (olderThan: Date) => purgeOutboundEvents(prisma, olderThan),
    },
    oauthStates: {
      save: (state: Parameters<typeof saveOAuthState>[1]) => saveOAuthState(prisma, state),
      take: (stateHash: string, now: Date) => takeOAuthState(prisma, stateHash, now),
      purgeExpired: (now: Date) => purgeExpiredOAuthStates(prisma, now),
    },
    ruleSets: {
      active: (workspaceId: string) => activeRuleSet(prisma, workspaceId),
      version: (workspaceId: string, version: number) => ruleSetVersion(prisma, workspaceId, version),
      adopt: (workspaceId: string, document: Parameters<typeof adoptRuleSet>[2], provenance: string) =>
        adoptRuleSet(prisma, workspaceId, document, provenance),
      publish: (workspaceId: string, publish: RuleSetPublication) =>
        publishRuleSet(prisma, workspaceId, publish),
      history: (workspaceId: string) => ruleSetHistory(prisma, workspaceId),
      stats: (workspaceId: string, from: Date, to: Date) => ruleStats(prisma, workspaceId, from, to),
    } satisfies RuleSetRepository,
    events: {
      markProcessed: (eventId: string) => markEventProcessed(prisma, eventId),
      purgeOlderThan: (olderThan: Date) => purgeProcessedEvents(prisma, olderThan),
    },
    outcomes: {
      record: (outcome: NewOutcome) => recordOutcome(prisma, outcome),
      current: (checkId: string) => currentOutcome(prisma, checkId),
      list: (workspaceId: string, limit = 50) => listOutcomes(prisma, workspaceId, limit),
      history: (workspaceId: string, since?: Date) => outcomeHistory(prisma, workspaceId, since),
      replayPage: (workspaceId: string, since: Date, afterId: string | undefined, limit: number) =>
        replayPage(prisma, workspaceId, since, afterId, limit),
      importMany: (outcomes: Parameters<typeof importOutcomes>[1]) => importOutcomes(prisma, outcomes),
      withdrawBySource: (checkId: string, sourceTs: string) =>
        withdrawOutcomeBySource(prisma, checkId, sourceTs),
    } satisfies OutcomeRepository,
    reasons: {
      changes: (workspaceId: string) => reasonChanges(prisma, workspaceId),
      add: (workspaceId: string, change: ReasonChange, by?: string) =>
        addReason(prisma, workspaceId, change, by),
      rename: (workspaceId: string, change: ReasonChange, by?: string) =>
        renameReason(prisma, workspaceId, change, by),
    } satisfies ReasonRepository,
    suggestions: {
      replaceOpen: (workspaceId: string, items: NewSuggestion[]) =>
        replaceOpenSuggestions(prisma, workspaceId, items),
      open: (workspaceId: string) => openSuggestions(prisma, workspaceId),
      add: (workspaceId: string, item: NewSuggestion) => addOpenSuggestion(prisma, workspaceId, item),
      latestDismissals: (workspaceId: string) => latestDismissals(prisma, workspaceId),
      find: (workspaceId: string, id: string) => findSuggestion(prisma, workspaceId, id),
      decide: (id: string, decision: Parameters<typeof decideSuggestion>[2]) =>
        decideSuggestion(prisma, id, decision),
      settleApproval: (id: string, publishedVersion: number | null) =>
        settleApproval(prisma, id, publishedVersion),
    },
    digests: {
      claim: (workspaceId: string, channelId: string, period: string) =>
        claimDigestRun(prisma, workspaceId, channelId, period),
      complete: (runId: string, messageTs: string) => completeDigestRun(prisma, runId, messageTs),
      release: (runId: string) => releaseDigestRun(prisma, runId),
      recordFailure: (
        workspaceId: string,
        channelId: string,
        error: string,
        now: Date,
        backoffMs: (failures: number) => number,
        pauseAfter: number,
      ) => recordDigestFailure(prisma, workspaceId, channelId, error, now, backoffMs, pauseAfter),
      recordSuccess: (workspaceId: string, channelId: string) =>
        recordDigestSuccess(prisma, workspaceId, channelId),
      subscribe: (
        workspaceId: string,
        channelId: string,
        by?: string,
        schedule?: { schedule: string; timezone: string },
      ) => subscribeDigest(prisma, workspaceId, channelId, by, schedule),
      unsubscribe: (workspaceId: string, channelId: string) =>
        unsubscribeDigest(prisma, workspaceId, channelId),
      subscriptions: (workspaceId: string) => digestSubscriptions(prisma, workspaceId),
      list: (workspaceId?: string) => listDigestSubscriptions(prisma, workspaceId),
      numbers: (workspaceId: string, from: Date, to: Date) => digestNumbers(prisma, workspaceId, from, to),
      reasonWords: (workspaceId: string, from: Date, to: Date, limit: number) =>
        reasonWords(prisma, workspaceId, from, to, limit),
    },
  };
}

export type Store = ReturnType<typeof createStore>;
export type { ClaimedLead, StoredEndpoint } from "./inbound.js";
export type { ClaimedEvent, DeadEvent, StoredTarget } from "./outbound.js";
