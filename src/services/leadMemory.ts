import { createHmac, randomBytes } from "node:crypto";
import { type LeadHistory, type PriorCheck, repeatedCheck } from "../domain/memory/history.js";
import type { LeadIdentity } from "../domain/memory/identity.js";
import type { PriorChecks, Repositories } from "./ports/index.js";

/** The keys a check keeps so later checks find it: the person's keyed hash, the company's key. */
export interface MemoryKeys {
  personKey?: string;
  companyKey?: string;
}

/** A file holds the workspace's person keys (43 characters each) when there are at most this many. */
const PEOPLE_HELD = 50_000;

/** A verdict never waits longer than this on the history: an empty history beats a late verdict. */
const RECALL_BUDGET_MS = 500;

/** The team's memory of leads: the keys each check keeps, and what earlier checks of the same person and the same
 * company say. A person is found by an HMAC-SHA256 of their normalised address, keyed with LEAD_HASH_KEY or else a secret
 * made once per database: the address itself is never kept. */
export class LeadMemory {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly store: Pick<Repositories, "memory">,
    /** LEAD_HASH_KEY; undefined: the key the database made once. */
    configuredKey?: Buffer,
  ) {
    if (configuredKey) this.key = Promise.resolve(configuredKey);
  }

  /** The key person hashes are made with (given to the threads that triage a file's rows). */
  hashKey(): Promise<Buffer> {
    this.key ??= this.store.memory
      .secret("lead_hash_key", () => randomBytes(32).toString("base64"))
      .then((v) => Buffer.from(v, "base64"))
      .catch((e: unknown) => {
        this.key = undefined;
        throw e;
      });
    return this.key;
  }

  /** The keyed hash of a normalised address (the same in every workspace of this database). */
  async personKey(email: string): Promise<string> {
    return personKeyWith(await this.hashKey(), email);
  }

  async keys(identity: LeadIdentity): Promise<MemoryKeys> {
    return {
      ...(identity.email ? { personKey: await this.personKey(identity.email) } : {}),
      ...(identity.company ? { companyKey: identity.company } : {}),
    };
  }

  /** The keys, and what the workspace's earlier checks say. A slow or failing database gives no history
   * (undefined: not known, so rules on it stay unknown; and no keys when the hash key cannot be read in time): the
   * verdict goes out regardless. */
  async recall(
    workspaceId: string,
    identity: LeadIdentity,
  ): Promise<{ keys: MemoryKeys; history: LeadHistory | undefined }> {
    const keys = await withinBudget(this.keys(identity), {});
    const history = await withinBudget<LeadHistory | undefined>(
      this.history(workspaceId, identity, keys),
      undefined,
    );
    return { keys, history };
  }

  /** What a kept check's verdict was shown: the history as it stood when the check was made (an outcome
   * reported later updates the message, and the history stays on it). */
  async historyAsOf(check: {
    workspaceId: string;
    personKey: string | null;
    companyKey: string | null;
    createdAt: Date;
    companyLabel?: string;
  }): Promise<{ history: LeadHistory; repeatOf?: PriorCheck; asOf: Date }> {
    const keys: MemoryKeys = {
      ...(check.personKey ? { personKey: check.personKey } : {}),
      ...(check.companyKey ? { companyKey: check.companyKey } : {}),
    };
    const history = await withinBudget(
      this.history(
        check.workspaceId,
        check.companyLabel ? { companyLabel: check.companyLabel } : {},
        keys,
        check.createdAt,
      ),
      {},
    );
    const repeatOf = repeatedCheck(history, check.createdAt);
    return { history, ...(repeatOf ? { repeatOf } : {}), asOf: check.createdAt };
  }

  /** What earlier checks (before `before`) know of these people and companies, each read once, in at most two
   * round trips (a file's batch of rows): people are first probed, and only those the workspace has seen are read. */
  async priorParts(
    workspaceId: string,
    personKeys: readonly string[],
    companyKeys: readonly string[],
    before: Date,
    /** The people the workspace had seen by `before`, when the caller read them all at once. */
    seen?: ReadonlySet<string>,
  ): Promise<{
    persons: Map<string, PriorChecks["person"]>;
    companies: Map<string, PriorChecks["company"]>;
  }> {
    const known = seen
      ? personKeys.filter((k) => seen.has(k))
      : await this.store.memory.knownPersons(workspaceId, personKeys, before);
    const persons = new Map<string, PriorChecks["person"]>(personKeys.map((k) => [k, undefined]));
    const companies = new Map<string, PriorChecks["company"]>(companyKeys.map((k) => [k, undefined]));
    const leads = [
      ...[...known].map((personKey) => ({ personKey, companyKey: null })),
      ...companyKeys.map((companyKey) => ({ personKey: null, companyKey })),
    ];
    if (leads.length === 0) return { persons, companies };
    const found = await this.store.memory.priorMany(workspaceId, leads, before);
    found.forEach((prior, i) => {
      const lead = leads[i] as { personKey: string | null; companyKey: string | null };
      if (lead.personKey) persons.set(lead.personKey, prior.person);
      if (lead.companyKey) companies.set(lead.companyKey, prior.company);
    });
    return { persons, companies };
  }

  /** The people the workspace had seen by `before`, when they are few enough to hold (else undefined). */
  personKeysBefore(workspaceId: string, before: Date): Promise<Set<string> | undefined> {
    return this.store.memory.personKeysBefore(workspaceId, before, PEOPLE_HELD);
  }

  private async history(
    workspaceId: string,
    identity: LeadIdentity,
    keys: MemoryKeys,
    before?: Date,
  ): Promise<LeadHistory> {
    if (!keys.personKey && !keys.companyKey) return {};
    const prior = await this.store.memory.prior(workspaceId, keys.personKey, keys.companyKey, before);
    return asHistory(prior, identity.companyLabel, keys.companyKey);
  }
}

/** The store's answer as a history, the company named as the lead wrote it (else by its key's domain or name). */
export function asHistory(
  prior: PriorChecks,
  companyLabel: string | undefined,
  companyKey: string | undefined,
): LeadHistory {
  const { person, company } = prior;
  const label = companyLabel ?? companyKey?.slice(2) ?? "";
  return { ...(person ? { person } : {}), ...(company ? { company: { ...company, label } } : {}) };
}

/** The keyed hash of a normalised address: the same for every surface that has the key. */
export function personKeyWith(key: Uint8Array, email: string): string {
  return createHmac("sha256", key).update(email).digest("base64url");
}

async function withinBudget<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), RECALL_BUDGET_MS);
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
