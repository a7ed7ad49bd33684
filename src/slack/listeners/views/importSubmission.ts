import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { parseRuleSet } from "../../../domain/personas/load.js";
import type { SlackDeps } from "../../deps.js";
import { formMetadata } from "../../formMetadata.js";
import { privateAnswer, respondTo } from "../../reply.js";
import { downloadSlackFile } from "../../slackFile.js";
import { ruleModalMetaSchema } from "../../views/ruleModal.js";
import { proposeChange } from "./proposeChange.js";

/** A rule file is small; anything larger is refused before it is read, or as soon as reading passes this. */
const MAX_BYTES = 512 * 1024;
const DOWNLOAD_TIMEOUT_MS = 10_000;

const uploadedSchema = z.object({
  name: z.string().optional(),
  size: z.number().optional(),
  url_private: z.string().url(),
});

/** The import form's Backtest: the uploaded file is fetched with the bot's token, parsed and validated,
 * compared with the rules in force and backtested, then waits for Approve (admins only). */
export function importSubmission(deps: SlackDeps) {
  return async ({
    ack,
    view,
    body,
    client,
  }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const meta = await formMetadata(
      deps.forms,
      ruleModalMetaSchema,
      { view, ack, body },
      "file",
      "Open it again.",
    );
    if (meta === undefined) return;
    const files = (view.state.values.file?.file as { files?: unknown[] } | undefined)?.files ?? [];
    const file = uploadedSchema.safeParse(files[0]);
    if (!file.success) {
      await ack({ response_action: "errors", errors: { file: "Attach the rule file (YAML or JSON)." } });
      return;
    }
    if ((file.data.size ?? 0) > MAX_BYTES) {
      await ack({
        response_action: "errors",
        errors: { file: "That file is too large for a rule set (512 KB at most)." },
      });
      return;
    }
    await ack();
    const userId = body.user.id;
    const log = deps.logger.child({ workspace: meta.workspaceId, command: "rules import" });
    const respond = meta.responseUrl ? respondTo(meta.responseUrl) : undefined;
    const tell = privateAnswer(deps, respond, log, "answering the import");
    const name = file.data.name ?? "the uploaded file";
    const url = file.data.url_private;
    deps.work.push(() =>
      proposeChange(deps, client, {
        userId,
        log,
        tell,
        action: "import rules",
        what: "Imported rules",
        cannot: "I can't use that file",
        propose: async () => {
          const text = await downloadSlackFile(deps.slackUrls, url, client.token ?? "", {
            maxBytes: MAX_BYTES,
            timeoutMs: DOWNLOAD_TIMEOUT_MS,
          });
          return deps.suggestions.proposeRuleSet(meta.workspaceId, parseRuleSet(text, name), userId);
        },
      }),
    );
  };
}
