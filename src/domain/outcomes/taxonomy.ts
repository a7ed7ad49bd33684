import { EXIT_USAGE, UserError } from "../errors.js";
import { findPhrase, foldPhrase } from "../text.js";
import { isReasonId, REASON_IDS, REASONS } from "./reasons.js";

/** One reason a lead did not buy: a stable id (what outcomes store), the label reps see, and the words that
 * name it in a reply or a CRM column. */
export interface ReasonEntry {
  id: string;
  label: string;
  words: readonly string[];
  /** Added or renamed by the workspace's admins (not as shipped). */
  changed: boolean;
}

/** A workspace's change to the default taxonomy, as stored: a new reason, or a default one renamed. */
export interface ReasonChange {
  id: string;
  label: string;
  words: readonly string[];
}

/** Slack's static_select takes at most 100 options, each at most 75 characters of text. */
export const MAX_REASONS = 100;
export const MAX_LABEL_LENGTH = 75;
const MAX_WORDS = 30;

export class ReasonChangeError extends UserError {
  constructor(message: string) {
    super(message, "reason_change", EXIT_USAGE);
  }
}

interface CompiledSynonym {
  id: string;
  words: string[];
  length: number;
}

/** The reasons of one workspace: the defaults (DESIGN §3), renamed or extended by its admins. Synonyms are
 * whole folded phrases (case and accents ignored); a renamed reason keeps its old label as a synonym so
 * replies in the old words still map. */
export class ReasonTaxonomy {
  readonly entries: readonly ReasonEntry[];
  private readonly byId: ReadonlyMap<string, ReasonEntry>;
  private readonly synonyms: readonly CompiledSynonym[];

  private constructor(entries: ReasonEntry[]) {
    // "Other" stays last in the picklist, after the workspace's own reasons.
    const other = entries.filter((e) => e.id === "other");
    this.entries = [...entries.filter((e) => e.id !== "other"), ...other];
    this.byId = new Map(this.entries.map((e) => [e.id, e]));
    // Longer phrases first, so at one place "went with a competitor" wins over "went with".
    this.synonyms = this.entries
      .flatMap((e) =>
        // A workspace's own label names its reason; shipped labels such as "Other" are too vague to.
        [...new Set((e.changed ? [e.label, ...e.words] : e.words).map(foldPhrase))]
          .filter((p) => p.length > 0)
          .map((phrase) => ({ id: e.id, words: phrase.split(" "), length: phrase.length })),
      )
      .sort((a, b) => b.length - a.length);
  }

  static readonly defaults = new ReasonTaxonomy(
    REASON_IDS.map((id) => ({ id, label: REASONS[id].label, words: REASONS[id].words, changed: false })),
  );

  /** The defaults with a workspace's changes applied (a change to a default id renames it). */
  static withChanges(changes: readonly ReasonChange[]): ReasonTaxonomy {
    if (changes.length === 0) return ReasonTaxonomy.defaults;
    const entries = new Map(ReasonTaxonomy.defaults.entries.map((e) => [e.id, e]));
    for (const c of changes) {
      const base = entries.get(c.id);
      entries.set(c.id, {
        id: c.id,
        label: c.label,
        words: [...(base?.words ?? []), ...c.words],
        changed: true,
      });
    }
    return new ReasonTaxonomy([...entries.values()]);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The label of a stored reason; an id this taxonomy does not know (another version's) shows as itself. */
  label(id: string): string {
    return this.byId.get(id)?.label ?? id.replace(/_/g, " ");
  }

  /** The reason the words name, if any: the one named first ("no budget, 3-person agency" is no budget),
   * the longest synonym where several start at the same place. */
  find(text: string): string | undefined {
    const folded = foldPhrase(text);
    if (folded.length === 0) return undefined;
    let best: { id: string; at: number } | undefined;
    for (const s of this.synonyms) {
      const at = findPhrase(folded, s.words);
      if (at !== undefined && (best === undefined || at[0] < best.at)) best = { id: s.id, at: at[0] };
    }
    return best?.id;
  }

  /** The reason an admin names: its id, or its label (case and accents ignored). */
  named(idOrLabel: string): ReasonEntry | undefined {
    const direct = this.byId.get(idOrLabel.trim());
    if (direct) return direct;
    const folded = foldPhrase(idOrLabel);
    return this.entries.find((e) => foldPhrase(e.label) === folded || e.id === folded.replace(/ /g, "_"));
  }
}

function cleanLabel(label: string): string {
  const clean = label.replace(/\s+/g, " ").trim();
  if (clean.length === 0) throw new ReasonChangeError("Give the reason a name, e.g. `Needs on-premise`.");
  if (clean.length > MAX_LABEL_LENGTH)
    throw new ReasonChangeError(`A reason's name can be at most ${MAX_LABEL_LENGTH} characters.`);
  if (/[<>*`]/.test(clean))
    throw new ReasonChangeError("A reason's name is plain words: no mentions, links or formatting.");
  return clean;
}

function cleanWords(words: readonly string[]): string[] {
  const clean = [...new Set(words.map((w) => w.replace(/\s+/g, " ").trim()).filter((w) => w.length > 0))];
  if (clean.length > MAX_WORDS) throw new ReasonChangeError(`At most ${MAX_WORDS} synonyms per reason.`);
  if (clean.some((w) => w.length > MAX_LABEL_LENGTH))
    throw new ReasonChangeError(`A synonym can be at most ${MAX_LABEL_LENGTH} characters.`);
  return clean;
}

/** The id a new reason gets: its label folded to snake case ("Needs on-prem" → needs_on_prem). */
export function reasonIdFor(label: string): string {
  return foldPhrase(label).replace(/ /g, "_").slice(0, 48);
}

function refuseTakenLabel(taxonomy: ReasonTaxonomy, label: string, except?: string): void {
  const taken = taxonomy.named(label);
  if (taken && taken.id !== except)
    throw new ReasonChangeError(`There is already a reason called “${taken.label}”.`);
}

/** A new reason for the taxonomy, validated against it. */
export function newReason(
  taxonomy: ReasonTaxonomy,
  label: string,
  words: readonly string[] = [],
): ReasonChange {
  const clean = cleanLabel(label);
  const id = reasonIdFor(clean);
  if (id.length === 0) throw new ReasonChangeError("A reason's name needs at least one letter or digit.");
  refuseTakenLabel(taxonomy, clean);
  if (taxonomy.has(id))
    throw new ReasonChangeError(`There is already a reason called “${taxonomy.label(id)}”.`);
  if (taxonomy.entries.length >= MAX_REASONS)
    throw new ReasonChangeError(
      `A workspace can have at most ${MAX_REASONS} reasons (Slack's picklist limit).`,
    );
  return { id, label: clean, words: cleanWords(words) };
}

/** A reason renamed: its id stays (past outcomes keep pointing at it) and its old label becomes a synonym. */
export function renamedReason(taxonomy: ReasonTaxonomy, which: string, label: string): ReasonChange {
  const entry = taxonomy.named(which);
  if (entry === undefined)
    throw new ReasonChangeError(
      `There is no reason called “${which.trim()}”. \`/triage reasons\` lists them.`,
    );
  const clean = cleanLabel(label);
  refuseTakenLabel(taxonomy, clean, entry.id);
  // What the workspace added to the entry's words (earlier names, its own synonyms), not the shipped ones.
  const shipped = new Set<string>(isReasonId(entry.id) ? REASONS[entry.id].words : []);
  const stored = entry.words.filter((w) => !shipped.has(w));
  return { id: entry.id, label: clean, words: cleanWords([...stored, entry.label]) };
}
