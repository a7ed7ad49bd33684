import { createRequire } from "node:module";
import companyEmail from "company-email-validator";
import { parse as parseDomain } from "tldts";
import type { DomainKind } from "./facts.js";

let disposable: Set<string> | undefined;

/** Loaded on first use: the list is large (120k domains) and many runs never see an email. The package's
 * entry point is a JSON file, which ESM can only import with an attribute; require() loads it plainly. */
function disposableSet(): Set<string> {
  disposable ??= new Set(createRequire(import.meta.url)("disposable-email-domains") as string[]);
  return disposable;
}

const EDU_LABELS = new Set(["edu", "ac", "k12", "sch"]);
const GOV_LABELS = new Set(["gov", "gob", "gouv", "govt", "gv", "mil", "gub", "go"]);
/** Registrable domains of governments whose names are not public suffixes. */
const GOV_DOMAINS = new Set(["bund.de", "gc.ca", "admin.ch", "europa.eu", "nhs.uk", "nhs.net"]);

export interface DomainInfo {
  /** The registrable domain (public-suffix aware), lower case. */
  domain: string;
  kind: DomainKind;
}

/** Classifies a host name: disposable and free-mail from maintained lists, edu and gov from the public
 * suffix (.edu, .ac.uk, .edu.au, .gov, .gouv.fr, .gob.mx …), corporate otherwise. */
export function classifyDomain(host: string): DomainInfo | undefined {
  const info = parseDomain(host.toLowerCase().replace(/\.$/, ""), { allowPrivateDomains: false });
  if (!info.isIcann || info.isIp || info.hostname === null) return undefined;
  const domain = info.domain ?? info.hostname;
  const hostname = info.hostname;
  const suffixLabels = (info.publicSuffix ?? "").split(".");
  let kind: DomainKind;
  // Academic and government suffixes first: the free-mail list also holds some university hosts.
  if (suffixLabels.some((label) => EDU_LABELS.has(label))) kind = "edu";
  else if (suffixLabels.some((label) => GOV_LABELS.has(label)) || GOV_DOMAINS.has(domain)) kind = "gov";
  else if (disposableSet().has(hostname) || disposableSet().has(domain)) kind = "disposable";
  else if (!companyEmail.isCompanyDomain(hostname) || !companyEmail.isCompanyDomain(domain)) kind = "free";
  else kind = "corporate";
  return { domain, kind };
}

/** True when the text is a plausible host name with a real (ICANN) top-level domain. */
export function isRealDomain(host: string): boolean {
  const info = parseDomain(host.toLowerCase(), { allowPrivateDomains: false });
  return info.isIcann === true && info.domain !== null && info.domainWithoutSuffix !== "";
}
