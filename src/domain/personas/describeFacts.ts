/** Fact names and values in words, for people: shared by the CLI's verdict and the Slack message. */

export const FACT_LABELS: Readonly<Record<string, string>> = {
  name: "Name",
  email: "Email",
  emailDomain: "Email domain",
  domainKind: "Domain kind",
  company: "Company",
  website: "Website",
  title: "Title",
  seniority: "Seniority",
  department: "Department",
  industry: "Industry",
  employees: "Employees",
  revenue: "Revenue",
  budget: "Budget",
  country: "Country",
  source: "Source",
  notes: "Notes",
};

/** One formatter for every count shown ("10,000"): `toLocaleString` builds a new one on every call. */
const NUMBER = new Intl.NumberFormat("en-US");
export const formatNumber = (n: number): string => NUMBER.format(n);
const number = formatNumber;

/** A fact value as a person reads it: "10,000+", "50–200", "500 USD per month". */
export function describeFactValue(name: string, value: unknown): string {
  if (name === "employees") {
    const { min, max } = value as { min: number; max: number | null };
    if (max === null) return `${number(min)}+`;
    return min === max ? number(min) : `${number(min)}–${number(max)}`;
  }
  if (name === "budget" || name === "revenue") {
    const { amount, currency, period } = value as { amount: number; currency?: string; period?: string };
    const per = period && period !== "one_off" ? ` per ${period}` : "";
    return `${number(amount)}${currency ? ` ${currency}` : ""}${per}`;
  }
  return String(value).replace(/\s+/g, " ");
}
