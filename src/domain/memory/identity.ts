import type { ParsedLead } from "../lead/facts.js";
import { storableText } from "../storable.js";

/** Who a lead is, for the team's memory: the person by their address, the company by its domain (or, for a
 * free-mail lead, by its exact name). Pure: the caller keys the person's address before it is kept. */
export interface LeadIdentity {
  /** The normalised address (lower case, without a +tag); never stored as is. */
  email?: string;
  /** `d:<registrable domain>` for a company address, `n:<name>` for a named company behind a free-mail one. */
  company?: string;
  /** How the company reads in a sentence: its name, else its domain. */
  companyLabel?: string;
}

/** Addresses that name no company: free-mail, disposable, academic and government domains. */
const NOT_A_COMPANY_DOMAIN = new Set(["free", "disposable", "edu", "gov"]);

/** "Priya.Raman+crm@Northwind.com" and "priya.raman@northwind.com" are the same person. */
export function normalisedEmail(email: string): string | undefined {
  const m = /^([^@\s]+)@([^@\s]+)$/.exec(email.trim().toLowerCase());
  if (!m) return undefined;
  const local = (m[1] as string).replace(/\+.*$/, "");
  return local === "" ? undefined : `${local}@${m[2]}`;
}

/** A company's name as typed, folded only in ways that never merge two companies: case, spacing, trailing
 * punctuation. "Acme Corp" and "Acme Corporation" stay different. */
export function normalisedCompanyName(name: string): string | undefined {
  // Half an emoji and NUL are no part of a name (and no database keeps a NUL).
  const folded = storableText(name)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^[\s"'“”.,;:]+|[\s"'“”.,;:]+$/g, "");
  // An address read as a company name names a person, not a company.
  return folded.length >= 2 && !folded.includes("@") ? folded : undefined;
}

export function leadIdentity(lead: ParsedLead): LeadIdentity {
  const f = lead.facts;
  const email = f.email ? normalisedEmail(f.email.value) : undefined;
  const domain = f.emailDomain?.value?.toLowerCase();
  const kind = f.domainKind?.value;
  const name = f.company?.value;
  let company: string | undefined;
  if (domain && kind !== undefined && !NOT_A_COMPANY_DOMAIN.has(kind)) company = `d:${domain}`;
  else if (name) {
    const folded = normalisedCompanyName(name);
    if (folded) company = `n:${folded}`;
  }
  const companyLabel = name?.trim() || (company?.startsWith("d:") ? domain : undefined);
  return {
    ...(email ? { email } : {}),
    ...(company ? { company } : {}),
    ...(companyLabel ? { companyLabel } : {}),
  };
}
