import type { LlmConfig, TokenKeys } from "../config.js";
import type { StatusReader } from "../domain/outcomes/crm.js";
import type { ReasonTaxonomy } from "../domain/outcomes/taxonomy.js";
import { createLogger } from "../logger.js";
import { createServices } from "./createServices.js";
import { InstallationService } from "./installations.js";
import { type ImportColumns, OutcomeImporter } from "./outcomeImport.js";
import type { DefaultPack } from "./ruleBook.js";
import type { Runtime } from "./runtime.js";
import { decisionStats } from "./stats.js";
import { TokenCipher } from "./tokenCipher.js";
import { type KeptFileOptions, type TriageBatch, triageKeptFile } from "./triageFile.js";
import { CLI_WORKSPACE } from "./triageLead.js";

/** How a command writes checks: one at a time (a pasted lead, written at once) or a file's rows in batches. */
export type CheckBatching = "one" | "file";

export interface CommandLineOptions {
  /** The rules a workspace triages with until it publishes its own (or how to read them when first needed). */
  defaultPack: DefaultPack;
  batching?: CheckBatching;
  /** The optional LLM (summaries, digest themes, reason mapping); undefined: rules only. */
  llm?: LlmConfig | undefined;
}

/** The services of one command-line run: the same graph as the Slack app's (createServices), quiet, with checks
 * written as the command needs, and the few uses only the command line has. The CLI never touches the store. */
export function createCommandLineServices(runtime: Runtime, options: CommandLineOptions) {
  const { store } = runtime;
  const services = createServices(runtime, {
    defaultPack: options.defaultPack,
    logger: createLogger("silent"),
    writer: { maxBatch: options.batching === "file" ? 500 : 1, maxDelayMs: 20, retryForMs: 10_000 },
    llm: options.llm,
    refreshHint: "`lead-triage refine`",
  });
  const countChecks = async (workspaceId: string) =>
    (await decisionStats(store, workspaceId, new Date(0))).total;
  return {
    ...services,
    /** Makes sure the workspace exists (the command line's own, or one a CRM history is imported into). */
    ensureWorkspace: async (workspaceId: string, name?: string) => {
      await store.workspaces.settings(workspaceId, name);
    },
    /** Kept checks per decision since a date. */
    stats: (workspaceId: string, since: Date) => decisionStats(store, workspaceId, since),
    countChecks,
    /** The workspace's published rules in force, as stored (undefined: the default pack). */
    publishedRules: (workspaceId: string) => store.ruleSets.active(workspaceId),
    /** Installations, sealed with these keys (`tokens rotate-key`). */
    installations: (keys: TokenKeys) =>
      new InstallationService(store, new TokenCipher(keys.current, keys.older)),
    /** Imports one CRM export's rows into a workspace (`outcomes import`). */
    outcomeImporter: (
      workspaceId: string,
      headers: readonly string[],
      columns: ImportColumns,
      taxonomy: ReasonTaxonomy,
      mapped: ReadonlyMap<string, string>,
      statuses: StatusReader,
    ) =>
      new OutcomeImporter(store, services.triage, workspaceId, headers, columns, taxonomy, mapped, statuses),
    /** `check --file`, kept: see triageKeptFile. */
    triageFile: <T>(options: KeptFileOptions, read: (triageBatch: TriageBatch) => Promise<T>) =>
      triageKeptFile(
        { triage: services.triage, countChecks },
        { workspaceId: CLI_WORKSPACE, inputKind: "csv" },
        options,
        read,
      ),
  };
}

export type CommandLineServices = ReturnType<typeof createCommandLineServices>;
