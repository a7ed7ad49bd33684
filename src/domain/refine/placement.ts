import type { RuleSet } from "../personas/schema.js";

/** The default pack's persona for each canonical reason a lead did not buy: a learned rule joins the persona
 * its leads' reasons point to. */
const PERSONA_FOR_REASON: Readonly<Record<string, string>> = {
  no_budget: "bargain-hunter",
  price: "bargain-hunter",
  no_authority: "non-decision-maker",
  too_small: "too-small",
  too_large: "bureaucratic-enterprise",
  student_academic: "student-academic",
  job_seeker: "job-seeker",
  competitor: "competitor",
  spam: "free-mail-tire-kicker",
};

export interface Placement {
  persona: string;
  /** Set when the persona does not exist yet: a learned one, named after the reason. */
  newPersona?: { name: string; description: string };
}

/** Where a learned rule goes: the anti-persona the top reason points to when the rule set has it; otherwise a
 * new anti-persona named after the reason ("Wrong industry (learned)"), or a general one without a reason. */
export function placeRule(
  ruleSet: RuleSet,
  topReason: string | undefined,
  reasonLabel: string | undefined,
): Placement {
  const anti = new Set(ruleSet.personas.filter((p) => p.kind === "anti").map((p) => p.id));
  const mapped = topReason ? PERSONA_FOR_REASON[topReason] : undefined;
  if (mapped && anti.has(mapped)) return { persona: mapped };
  const id = topReason ? `learned-${topReason.replace(/_/g, "-")}`.slice(0, 64) : "learned-from-outcomes";
  if (anti.has(id)) return { persona: id };
  return {
    persona: id,
    newPersona: {
      name: topReason && reasonLabel ? `${reasonLabel} (learned)`.slice(0, 80) : "Learned from outcomes",
      description:
        "Leads like these were lost or disqualified far more often than others; learned from outcomes.",
    },
  };
}
