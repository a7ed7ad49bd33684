/** What services need of the database, in the domain's own types: each port is implemented in src/store
 * (createStore binds them), and a service depends on the ports it uses, never on a row the ORM returns. */
import type { CheckRepository } from "./checks.js";
import type { DigestRepository } from "./digests.js";
import type { ErasureRepository } from "./erasure.js";
import type { EventRepository } from "./events.js";
import type { InboundRepository } from "./inbound.js";
import type { InstallationRepository } from "./installations.js";
import type { MemoryRepository } from "./memory.js";
import type { OAuthStateRepository } from "./oauthStates.js";
import type { OutboundRepository } from "./outbound.js";
import type { OutcomeRepository } from "./outcomes.js";
import type { ReasonRepository } from "./reasons.js";
import type { RuleSetRepository } from "./ruleSets.js";
import type { SuggestionRepository } from "./suggestions.js";
import type { WorkspaceRepository } from "./workspaces.js";

export type * from "./checks.js";
export type * from "./digests.js";
export type * from "./erasure.js";
export type * from "./events.js";
export type * from "./inbound.js";
export type * from "./installations.js";
export type * from "./memory.js";
export type * from "./oauthStates.js";
export type * from "./outbound.js";
export type * from "./outcomes.js";
export type * from "./reasons.js";
export type * from "./ruleSets.js";
export type * from "./suggestions.js";
export type * from "./workspaces.js";

/** Every repository, bound to one database. */
export interface Repositories {
  checks: CheckRepository;
  workspaces: WorkspaceRepository;
  installations: InstallationRepository;
  erasure: ErasureRepository;
  memory: MemoryRepository;
  inbound: InboundRepository;
  outbound: OutboundRepository;
  oauthStates: OAuthStateRepository;
  ruleSets: RuleSetRepository;
  events: EventRepository;
  outcomes: OutcomeRepository;
  reasons: ReasonRepository;
  suggestions: SuggestionRepository;
  digests: DigestRepository;
}
