import type { Repositories } from "../services/ports/index.js";
import {
  countDecisions,
  findCheckByMessage,
  findCheckInWorkspace,
  linkMessages,
  purgeExpiredText,
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
import { eraseSubject, eraseWorkspace } from "./erasure.js";
import { refusedByDatabase } from "./errors.js";
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
import type { SqlConnection } from "./sql.js";
import {
  addOpenSuggestion,
  decideSuggestion,
  findSuggestion,
  latestDismissals,
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

/** The repositories bound to one database (Prisma, and plain SQL where Prisma costs too much): each port of
 * src/services/ports implemented by the functions of its module here. Only src/store touches the database;
 * services see the ports and the domain's types. */
export function createStore(prisma: PrismaClient, sql: SqlConnection): Repositories {
  return {
    checks: {
      insert: (checks) => recordChecks(sql, checks),
      linkMessages: (links) => linkMessages(prisma, links),
      countDecisions: (workspaceId, since) => countDecisions(prisma, workspaceId, since),
      findByMessage: (channelId, ts) => findCheckByMessage(prisma, channelId, ts),
      findInWorkspace: (workspaceId, id) => findCheckInWorkspace(prisma, workspaceId, id),
      purgeExpiredText: (now) => purgeExpiredText(prisma, now),
      setSummary: (id, summary) => setCheckSummary(prisma, id, summary),
      reviseVerdict: (id, revision) => reviseCheckVerdict(prisma, id, revision),
      refusedByDatabase,
    },
    installations: {
      save: (installation) => saveInstallation(prisma, installation),
      find: (key) => findInstallation(prisma, key),
      delete: (key) => deleteInstallation(prisma, key),
      notSealedWith: (keyId, take) => installationsNotSealedWith(prisma, keyId, take),
      reseal: (key, from, to) => resealInstallation(prisma, key, from, to),
    },
    workspaces: {
      settings: (id, name) => workspaceSettings(prisma, id, name),
      ids: () => workspaceIds(prisma),
      setOrganisation: (id, enterpriseId) => setWorkspaceOrganisation(prisma, id, enterpriseId),
      organisation: (id) => workspaceOrganisation(prisma, id),
    },
    erasure: {
      subject: (subject, workspaceId, requestedBy, memoryKey) =>
        eraseSubject(prisma, subject, workspaceId, requestedBy, memoryKey),
      workspace: (workspaceId, requestedBy) => eraseWorkspace(prisma, workspaceId, requestedBy),
    },
    memory: {
      prior: (workspaceId, personKey, companyKey, before) =>
        priorChecks(prisma, workspaceId, personKey ?? null, companyKey ?? null, before ?? null),
      priorMany: (workspaceId, leads, before) => priorChecksMany(prisma, workspaceId, leads, before),
      knownPersons: (workspaceId, keys, before) => knownPersonKeys(prisma, workspaceId, keys, before),
      personKeysBefore: (workspaceId, before, limit) => personKeysBefore(prisma, workspaceId, before, limit),
      secret: (name, make) => appSecret(prisma, name, make),
    },
    inbound: {
      createEndpoint: (endpoint) => createEndpoint(prisma, endpoint),
      findEndpoint: (id) => findEndpoint(prisma, id),
      listEndpoints: (workspaceId) => listEndpoints(prisma, workspaceId),
      rotateEndpoint: (workspaceId, id, sealedSecret) =>
        rotateEndpoint(prisma, workspaceId, id, sealedSecret),
      revokeEndpoint: (workspaceId, id) => revokeEndpoint(prisma, workspaceId, id),
      setFieldMap: (workspaceId, id, fieldMap) => setEndpointFieldMap(prisma, workspaceId, id, fieldMap),
      accept: (lead) => acceptInboundLead(prisma, lead),
      claim: (limit, leaseMs) => claimInboundLeads(prisma, limit, leaseMs),
      markPosted: (id, posted) => markInboundPosted(prisma, id, posted),
      defer: (id, error, dueAt) => deferInboundLead(prisma, id, error, dueAt),
      counts: (workspaceId) => inboundCounts(prisma, workspaceId),
      purge: (olderThan) => purgeInboundLeads(prisma, olderThan),
    },
    outbound: {
      setTarget: (target) => setOutboundTarget(prisma, target),
      target: (workspaceId) => findOutboundTarget(prisma, workspaceId),
      removeTarget: (workspaceId) => removeOutboundTarget(prisma, workspaceId),
      claim: (limit, perWorkspace, busy, leaseMs) =>
        claimOutboundEvents(prisma, limit, perWorkspace, busy, leaseMs),
      delivered: (id, status) => markOutboundDelivered(prisma, id, status),
      defer: (id, failure, dueAt) => deferOutboundEvent(prisma, id, failure, dueAt),
      dead: (workspaceId, take) => deadOutboundEvents(prisma, workspaceId, take),
      retryDead: (workspaceId, id) => retryDeadOutboundEvents(prisma, workspaceId, id),
      counts: (workspaceId) => outboundCounts(prisma, workspaceId),
      replay: (since, workspaceId) => replayOutboundEvents(prisma, since, workspaceId),
      purge: (olderThan) => purgeOutboundEvents(prisma, olderThan),
    },
    oauthStates: {
      save: (state) => saveOAuthState(prisma, state),
      take: (stateHash, now) => takeOAuthState(prisma, stateHash, now),
      purgeExpired: (now) => purgeExpiredOAuthStates(prisma, now),
    },
    ruleSets: {
      active: (workspaceId) => activeRuleSet(prisma, workspaceId),
      version: (workspaceId, version) => ruleSetVersion(prisma, workspaceId, version),
      adopt: (workspaceId, document, provenance) => adoptRuleSet(prisma, workspaceId, document, provenance),
      publish: (workspaceId, publish) => publishRuleSet(prisma, workspaceId, publish),
      history: (workspaceId) => ruleSetHistory(prisma, workspaceId),
      stats: (workspaceId, from, to) => ruleStats(prisma, workspaceId, from, to),
    },
    events: {
      markProcessed: (eventId) => markEventProcessed(prisma, eventId),
      purgeOlderThan: (olderThan) => purgeProcessedEvents(prisma, olderThan),
    },
    outcomes: {
      record: (outcome) => recordOutcome(prisma, outcome),
      current: (checkId) => currentOutcome(prisma, checkId),
      list: (workspaceId, limit = 50) => listOutcomes(prisma, workspaceId, limit),
      history: (workspaceId, since) => outcomeHistory(prisma, workspaceId, since),
      replayPage: (workspaceId, since, afterId, limit) =>
        replayPage(prisma, workspaceId, since, afterId, limit),
      importMany: (outcomes) => importOutcomes(prisma, outcomes),
      withdrawBySource: (checkId, sourceTs) => withdrawOutcomeBySource(prisma, checkId, sourceTs),
    },
    reasons: {
      changes: (workspaceId) => reasonChanges(prisma, workspaceId),
      add: (workspaceId, change, by) => addReason(prisma, workspaceId, change, by),
      rename: (workspaceId, change, by) => renameReason(prisma, workspaceId, change, by),
    },
    suggestions: {
      replaceOpen: (workspaceId, items) => replaceOpenSuggestions(prisma, workspaceId, items),
      open: (workspaceId) => openSuggestions(prisma, workspaceId),
      add: (workspaceId, item) => addOpenSuggestion(prisma, workspaceId, item),
      latestDismissals: (workspaceId) => latestDismissals(prisma, workspaceId),
      find: (workspaceId, id) => findSuggestion(prisma, workspaceId, id),
      decide: (id, decision) => decideSuggestion(prisma, id, decision),
      settleApproval: (id, publishedVersion) => settleApproval(prisma, id, publishedVersion),
    },
    digests: {
      claim: (workspaceId, channelId, period) => claimDigestRun(prisma, workspaceId, channelId, period),
      complete: (runId, messageTs) => completeDigestRun(prisma, runId, messageTs),
      release: (runId) => releaseDigestRun(prisma, runId),
      recordFailure: (workspaceId, channelId, error, now, backoffMs, pauseAfter) =>
        recordDigestFailure(prisma, workspaceId, channelId, error, now, backoffMs, pauseAfter),
      recordSuccess: (workspaceId, channelId) => recordDigestSuccess(prisma, workspaceId, channelId),
      subscribe: (workspaceId, channelId, by, schedule) =>
        subscribeDigest(prisma, workspaceId, channelId, by, schedule),
      unsubscribe: (workspaceId, channelId) => unsubscribeDigest(prisma, workspaceId, channelId),
      subscriptions: (workspaceId) => digestSubscriptions(prisma, workspaceId),
      list: (workspaceId) => listDigestSubscriptions(prisma, workspaceId),
      numbers: (workspaceId, from, to) => digestNumbers(prisma, workspaceId, from, to),
      reasonWords: (workspaceId, from, to, limit) => reasonWords(prisma, workspaceId, from, to, limit),
    },
  };
}
