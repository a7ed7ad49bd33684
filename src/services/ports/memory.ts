import type { PriorCheck, PriorOutcome } from "../../domain/memory/history.js";

type Prior = { count: number; first: Date; latest: PriorCheck };

/** What a workspace's earlier checks know of a person and a company. */
export type PriorChecks = {
  person?: Prior & { outcome?: PriorOutcome };
  company?: Prior & { outcome?: PriorOutcome; customer: boolean };
};

/** A lead's identity as memory keys it (keyed hashes, never the address itself). */
export interface LeadKeys {
  personKey: string | null;
  companyKey: string | null;
}

/** What a workspace remembers of the people and companies it has checked. */
export interface MemoryRepository {
  /** Earlier checks of a person and a company in one round trip (only those before `before` when given). */
  prior(
    workspaceId: string,
    personKey: string | undefined,
    companyKey: string | undefined,
    before?: Date,
  ): Promise<PriorChecks>;
  /** The same for many leads at once (a file's rows), in their order. */
  priorMany(workspaceId: string, leads: readonly LeadKeys[], before: Date): Promise<PriorChecks[]>;
  /** Which of `keys` had a check before `before`. */
  knownPersons(workspaceId: string, keys: readonly string[], before: Date): Promise<Set<string>>;
  /** Every person key checked before `before`; undefined when there are more than `limit`. */
  personKeysBefore(workspaceId: string, before: Date, limit: number): Promise<Set<string> | undefined>;
  /** The app's secret of this name, made by `make` once (however many ask at once). */
  secret(name: string, make: () => string): Promise<string>;
}
