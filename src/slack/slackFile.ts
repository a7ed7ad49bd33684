import { UserError } from "../domain/errors.js";
import type { SlackUrls } from "./slackUrls.js";

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** A file a user shared, read with the bot token: the token goes only to Slack's file hosts over https (never
 * through a redirect), the body is read as a stream and given up past `maxBytes` (a file announced as small
 * can be large), and the whole download is bounded by `timeoutMs`. */
export async function downloadSlackFile(
  urls: SlackUrls,
  url: string,
  token: string,
  limits: DownloadLimits,
): Promise<string> {
  if (!urls.isFileUrl(url)) throw new UserError("that is not a file shared in Slack.", "not_slack_file");
  const tooLarge = () =>
    new UserError(`that file is too large (${Math.round(limits.maxBytes / 1024)} KB at most).`, "too_large");
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    redirect: "error",
    signal: AbortSignal.timeout(limits.timeoutMs),
  });
  if (!res.ok) throw new Error(`download failed (${res.status})`);
  if (Number(res.headers.get("content-length") ?? 0) > limits.maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    bytes += read.value.byteLength;
    if (bytes > limits.maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
