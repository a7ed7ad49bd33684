import { parse as parseHost } from "tldts";
import { UserError } from "../domain/errors.js";
import { normalisedEmail } from "../domain/memory/identity.js";
import type { ErasureCounts, ErasureSubject, Repositories } from "./ports/index.js";

export type { ErasureCounts, ErasureSubject };

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/;

/** A domain as people paste it ("https://www.Northwind.com/about", "northwind.com."), or undefined when it is
 * not a name under a public suffix. */
function normalDomain(text: string): string | undefined {
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#:].*$/, "")
    .replace(/\.$/, "")
    .replace(/^www\./, "");
  const parsed = parseHost(host);
  if (parsed.isIp || !parsed.domain || !parsed.publicSuffix || parsed.hostname !== host) return undefined;
  return host;
}

/** What `forget` was given: an email address (one person) or a domain (everyone at it). */
export function erasureSubject(text: string): ErasureSubject {
  const t = text
    .trim()
    .replace(/^<|>$/g, "")
    .replace(/^mailto:/i, "");
  if (t.includes("@")) {
    const email = t.toLowerCase();
    const m = EMAIL.exec(email);
    if (m && normalDomain(m[1] as string) !== undefined) return { kind: "email", email };
  } else {
    const domain = normalDomain(t);
    if (domain !== undefined) return { kind: "domain", domain };
  }
  throw new UserError(
    `"${t.slice(0, 80)}" is neither an email address nor a domain: give one, e.g. priya@northwind.com or northwind.com`,
    "usage",
  );
}

/** The right to be forgotten: a person's or a domain's words, summaries, naming facts and outcome notes go;
 * the anonymous counts (decisions, outcomes, rule hits) stay. Each erasure leaves an audit row without the
 * subject. Idempotent: a second run finds nothing more to remove. */
export class ErasureService {
  constructor(
    private readonly store: Pick<Repositories, "erasure">,
    /** The lead memory's keyed hash of an address, to find a person's checks after their words were purged. */
    private readonly personKeyOf?: (email: string) => Promise<string>,
  ) {}

  /** `workspaceId` undefined: every workspace on this database (the CLI without --workspace). */
  async forget(
    subject: ErasureSubject,
    workspaceId: string | undefined,
    requestedBy: string,
  ): Promise<ErasureCounts> {
    const memoryKey =
      subject.kind === "email"
        ? ((await this.personKeyOf?.(normalisedEmail(subject.email) ?? subject.email)) ?? null)
        : `d:${subject.domain}`;
    return this.store.erasure.subject(subject, workspaceId, requestedBy, memoryKey);
  }

  /** Everything of one workspace (after an uninstall). */
  async forgetWorkspace(workspaceId: string, requestedBy: string) {
    return this.store.erasure.workspace(workspaceId, requestedBy);
  }
}

/** What was removed, in words for a person reading it. */
export function erasureSummary(subject: string, counts: ErasureCounts, where: string): string {
  if (counts.checks === 0)
    return `Nothing ${where} named ${subject}: nothing was removed. The request is logged (without ${subject}).`;
  const parts = [
    `${counts.texts} lead text${counts.texts === 1 ? "" : "s"}`,
    `${counts.summaries} summar${counts.summaries === 1 ? "y" : "ies"}`,
    `${counts.outcomeNotes} outcome note${counts.outcomeNotes === 1 ? "" : "s"}`,
  ];
  return `Forgot ${subject} ${where}: ${counts.checks} lead${counts.checks === 1 ? "" : "s"} no longer name it (removed ${parts.join(", ")}, and the company, domain and notes facts). Their verdicts and outcomes still count, without the names. The request is logged (without ${subject}).`;
}
