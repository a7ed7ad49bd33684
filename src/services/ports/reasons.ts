import type { ReasonChange } from "../../domain/outcomes/taxonomy.js";

/** Each workspace's changes to the reasons reps pick from. */
export interface ReasonRepository {
  changes(workspaceId: string): Promise<ReasonChange[]>;
  /** Adds a reason; false when the workspace has one with that id already. */
  add(workspaceId: string, change: ReasonChange, by?: string): Promise<boolean>;
  rename(workspaceId: string, change: ReasonChange, by?: string): Promise<void>;
}
