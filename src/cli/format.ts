import { describeFactValue, FACT_LABELS } from "../domain/personas/describeFacts.js";
import { truncationNote, type VerdictReport } from "../domain/personas/report.js";

const LABEL: Record<VerdictReport["decision"], string> = {
  pass: "PASS",
  review: "REVIEW",
  reject: "REJECT",
  needs_info: "NEEDS INFO",
};

function formatValue(name: string, value: unknown): string {
  const text = describeFactValue(name, value);
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

/** The readable verdict `lead-triage check` prints. */
export function formatVerdict(report: VerdictReport): string {
  const out: string[] = [];
  out.push(`${LABEL[report.decision]}  risk ${report.risk}/100  (rule set v${report.ruleSetVersion})`);
  if (report.matches.length > 0) {
    out.push("", "Red flags:");
    for (const m of report.matches) {
      const weight = m.exclude ? "exclude" : `+${m.weight}`;
      out.push(`  ✗ ${m.reason}  [${m.persona}/${m.rule}, ${weight}]`);
    }
  } else {
    out.push("", "Red flags: none");
  }
  if (report.fits.length > 0) {
    out.push("", "Fit signals:");
    for (const m of report.fits) out.push(`  ✓ ${m.reason}  [${m.persona}/${m.rule}]`);
  }
  const facts = Object.entries(report.facts);
  out.push("", facts.length > 0 ? "Facts found:" : "Facts found: none");
  const readByModel = new Map(report.readByModel?.facts.map((f) => [f.fact as string, f.quote]));
  for (const [name, value] of facts) {
    const quote = readByModel.get(name);
    const inferred =
      quote !== undefined
        ? ` (AI-read from "${quote}"${report.readByModel?.judged ? "" : "; shown only, a guess never clears a lead"})`
        : report.inferred.includes(name as never)
          ? " (inferred)"
          : report.sources?.[name as keyof typeof report.sources] === "signature"
            ? " (from signature)"
            : report.sources?.[name as keyof typeof report.sources] === "header"
              ? " (from mail header)"
              : "";
    out.push(`  ${(FACT_LABELS[name] ?? name).padEnd(13)} ${formatValue(name, value)}${inferred}`);
  }
  if (report.missing.length > 0) {
    out.push(
      "",
      `Ask the lead for: ${report.missing.map((m) => (FACT_LABELS[m] ?? m).toLowerCase()).join(", ")}`,
    );
  }
  if (report.truncated) out.push("", `Note: ${truncationNote(report.truncated)}`);
  return out.join("\n");
}
