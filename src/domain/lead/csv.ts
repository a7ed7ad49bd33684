import { KEY_DICTIONARY } from "./dictionaries.js";

/** Turns a CRM export row into the `Key: value` text the parser reads, so CSV leads and pasted leads go
 * through one parser and their evidence quotes the cells. Headers the parser does not know still become
 * lines, so keyword rules see every cell. */
export function csvRowToLeadText(row: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const [header, raw] of Object.entries(row)) {
    const value = raw.replace(/\s*[\r\n]+\s*/g, " ").trim();
    if (value.length === 0) continue;
    const key = header.replace(/[:\r\n]/g, " ").trim() || "Column";
    lines.push(`${key}: ${value}`);
  }
  return lines.join("\n");
}

/** True when at least one header names a lead fact: otherwise the file is probably not a lead export. */
export function hasKnownHeader(headers: readonly string[]): boolean {
  return headers.some((h) => KEY_DICTIONARY.lookup(h) !== undefined);
}
