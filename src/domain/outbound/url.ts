/** Hosts that reach the app's own machine or network: sending events there would let whoever sets the URL probe
 * it, so they are refused unless the operator allows them (OUTBOUND_ALLOW_PRIVATE_URLS, for a receiver on the
 * same network). Names that resolve to such addresses are not caught here. */
const PRIVATE_HOST =
  /^(localhost|.*\.localhost|.*\.internal|.*\.local|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\]|\[fe80:[0-9a-f:]*\])$/i;

export type OutboundUrl = { ok: true; url: string } | { ok: false; reason: string };

/** An outbound URL an admin gave: https (http only where private addresses are allowed), no credentials in it. */
export function outboundUrl(given: string, allowPrivate: boolean): OutboundUrl {
  let url: URL;
  try {
    url = new URL(given.trim().replace(/^<|>$/g, "").replace(/\|.*$/, ""));
  } catch {
    return { ok: false, reason: "that is not a URL: give the full address, like https://hooks.zapier.com/…" };
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:"))
    return { ok: false, reason: "the URL must start with https:// (events carry lead data)" };
  if (url.username || url.password)
    return {
      ok: false,
      reason: "leave credentials out of the URL: events are signed with the secret I give you",
    };
  if (!allowPrivate && PRIVATE_HOST.test(url.hostname))
    return { ok: false, reason: `${url.hostname} is a private address: events go to public URLs only` };
  return { ok: true, url: url.toString() };
}
