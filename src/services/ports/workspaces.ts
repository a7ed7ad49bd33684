import type { WorkspaceSettings } from "../../domain/workspace.js";

/** The Slack workspaces (and the CLI's own) the app serves. */
export interface WorkspaceRepository {
  /** Creates the workspace on first sight; resolves to what a triage needs. */
  settings(id: string, name?: string): Promise<WorkspaceSettings>;
  ids(): Promise<string[]>;
  /** Records the Enterprise Grid organisation a workspace belongs to. */
  setOrganisation(id: string, enterpriseId: string): Promise<void>;
  organisation(id: string): Promise<string | undefined>;
}
