import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { OutcomeKind } from "../../../../domain/outcomes/kinds.js";
import type { SlackDeps } from "../../../deps.js";
import type { CommandPayload } from "../../../payloads.js";
import type { DigestRequest } from "../digest.js";
import type { InboundRequest } from "../inbound.js";
import type { OutboundRequest } from "../outbound.js";
import type { OutcomeTarget } from "../outcome.js";
import type { ReasonsRequest } from "../reasons.js";
import type { RulesRequest } from "../rules.js";

/** What the rep asked of `/triage`, read from its text before the ack. */
export type CommandIntent =
  | { kind: "help"; unknown?: string }
  | { kind: "triage"; text: string; private: boolean }
  | { kind: "outcome"; target: OutcomeTarget; outcome: OutcomeKind; words: string }
  | { kind: "outcome_usage" }
  | { kind: "reasons"; request: ReasonsRequest }
  | { kind: "refine" }
  | { kind: "rules"; request: RulesRequest }
  | { kind: "digest"; request: DigestRequest }
  | { kind: "inbound"; request: InboundRequest }
  | { kind: "outbound"; request: OutboundRequest }
  | { kind: "forget"; subject: string };

/** The command as a subcommand's answer needs it: the payload, the ack, and where answers go. */
export interface CommandContext {
  deps: SlackDeps;
  cmd: CommandPayload;
  ack: SlackCommandMiddlewareArgs["ack"];
  respond: RespondFn;
  client: WebClient;
}

/** The text as each subcommand reads it: plain (mentions as words), Slack's own (channel mentions), and
 * whether `--private` was given (already taken out of `text`). */
export interface CommandText {
  text: string;
  slackText: string;
  private: boolean;
}

/** One `/triage` subcommand: how its words are recognised, and its answer (the ack first, then the work on a
 * queue). A new subcommand is a file like this one, listed in SUBCOMMANDS (index.ts). */
export interface Subcommand<K extends CommandIntent["kind"]> {
  kinds: readonly K[];
  read(text: CommandText): Extract<CommandIntent, { kind: K }> | undefined;
  run(context: CommandContext, intent: Extract<CommandIntent, { kind: K }>): Promise<void>;
}

export type SlackCommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
