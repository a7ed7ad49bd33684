import { findPhrase, foldPhrase } from "../text.js";

/** The canonical reasons a lead did not buy (DESIGN §3), each with the words reps use for it in English,
 * Spanish, German and French. Synonyms are matched as whole folded phrases (case and accents ignored). */
export const REASONS = {
  no_budget: {
    label: "No budget",
    words: [
      "no budget",
      "without budget",
      "budget",
      "cant afford",
      "can't afford",
      "couldnt afford",
      "too poor",
      "sin presupuesto",
      "no tienen presupuesto",
      "kein budget",
      "kein geld",
      "pas de budget",
      "sans budget",
    ],
  },
  no_authority: {
    label: "No authority to buy",
    words: [
      "no authority",
      "not the decision maker",
      "not a decision maker",
      "no decision maker",
      "cant decide",
      "needs approval",
      "no decision power",
      "sin autoridad",
      "no decide",
      "kein entscheider",
      "nicht entscheidungsbefugt",
      "pas decideur",
      "pas le decideur",
    ],
  },
  too_small: {
    label: "Too small",
    words: [
      "too small",
      "tiny",
      "one person",
      "one-person",
      "solo founder",
      "freelancer",
      "3-person",
      "3 person",
      "person agency",
      "muy pequeno",
      "demasiado pequeno",
      "zu klein",
      "trop petit",
    ],
  },
  too_large: {
    label: "Too large or bureaucratic",
    words: [
      "too big",
      "too large",
      "bureaucratic",
      "bureaucracy",
      "procurement",
      "rfp",
      "tender",
      "red tape",
      "muy grande",
      "burocracia",
      "zu gross",
      "burokratie",
      "ausschreibung",
      "trop grand",
      "bureaucratie",
      "appel d'offres",
    ],
  },
  wrong_industry: {
    label: "Wrong industry",
    words: [
      "wrong industry",
      "wrong vertical",
      "not our industry",
      "industry mismatch",
      "sector equivocado",
      "falsche branche",
      "mauvais secteur",
    ],
  },
  no_need: {
    label: "No need",
    words: [
      "no need",
      "not needed",
      "dont need",
      "don't need",
      "no use case",
      "not a fit",
      "no fit",
      "bad fit",
      "poor fit",
      "no lo necesitan",
      "sin necesidad",
      "kein bedarf",
      "pas besoin",
      "aucun besoin",
    ],
  },
  bad_timing: {
    label: "Bad timing",
    words: [
      "bad timing",
      "timing",
      "next year",
      "next quarter",
      "not now",
      "later",
      "circle back",
      "mal momento",
      "el ano que viene",
      "falscher zeitpunkt",
      "nachstes jahr",
      "mauvais moment",
      "l'an prochain",
    ],
  },
  chose_competitor: {
    label: "Chose a competitor",
    words: [
      "went with a competitor",
      "went with competitor",
      "chose a competitor",
      "chose competitor",
      "picked a competitor",
      "competitor won",
      "went with",
      "signed with",
      "eligio a la competencia",
      "competencia",
      "wettbewerber",
      "konkurrenz",
      "concurrent",
      "la concurrence",
    ],
  },
  price: {
    label: "Price",
    words: [
      "price",
      "pricing",
      "too expensive",
      "expensive",
      "cheaper",
      "discount",
      "cost",
      "precio",
      "caro",
      "demasiado caro",
      "preis",
      "zu teuer",
      "teuer",
      "prix",
      "trop cher",
      "cher",
    ],
  },
  unresponsive: {
    label: "Unresponsive",
    words: [
      "unresponsive",
      "ghosted",
      "no response",
      "no reply",
      "never replied",
      "went dark",
      "no answer",
      "no contesta",
      "sin respuesta",
      "keine antwort",
      "meldet sich nicht",
      "pas de reponse",
      "aucune reponse",
    ],
  },
  student_academic: {
    label: "Student or academic",
    words: [
      "student",
      "academic",
      "university",
      "thesis",
      "phd",
      "research project",
      "estudiante",
      "universidad",
      "student",
      "studentin",
      "universitat",
      "etudiant",
      "universite",
    ],
  },
  job_seeker: {
    label: "Job seeker",
    words: [
      "job seeker",
      "looking for a job",
      "job application",
      "applicant",
      "candidate",
      "recruiter",
      "busca trabajo",
      "candidato",
      "bewerber",
      "jobsuche",
      "candidat",
      "cherche un emploi",
    ],
  },
  competitor: {
    label: "Is a competitor",
    words: [
      "is a competitor",
      "competitor fishing",
      "from a competitor",
      "competitor research",
      "es competencia",
      "ist wettbewerber",
      "est un concurrent",
    ],
  },
  geography: {
    label: "Geography",
    words: [
      "wrong country",
      "wrong region",
      "geography",
      "outside our region",
      "not in our market",
      "we dont serve",
      "region",
      "pais equivocado",
      "falsches land",
      "mauvais pays",
    ],
  },
  duplicate: {
    label: "Duplicate",
    words: ["duplicate", "dupe", "already in crm", "already a customer", "duplicado", "duplikat", "doublon"],
  },
  spam: {
    label: "Spam",
    words: ["spam", "fake", "bot", "junk", "basura", "gefalscht", "faux"],
  },
  other: { label: "Other", words: [] as string[] },
} as const satisfies Record<string, { label: string; words: readonly string[] }>;

export type ReasonId = keyof typeof REASONS;
export const REASON_IDS = Object.keys(REASONS) as ReasonId[];

export function isReasonId(value: string): value is ReasonId {
  return Object.hasOwn(REASONS, value);
}

interface CompiledSynonym {
  reason: ReasonId;
  words: string[];
  length: number;
}

/** Longer phrases first, so at one place "went with a competitor" wins over "went with". */
const SYNONYMS: CompiledSynonym[] = REASON_IDS.flatMap((reason) =>
  [...new Set(REASONS[reason].words.map(foldPhrase))]
    .filter((p) => p.length > 0)
    .map((phrase) => ({ reason, words: phrase.split(" "), length: phrase.length })),
).sort((a, b) => b.length - a.length);

/** The canonical reason the words name, if any: the one named first ("no budget, 3-person agency" is no
 * budget), the longest synonym where several start at the same place. */
export function reasonIn(text: string): ReasonId | undefined {
  const folded = foldPhrase(text);
  let best: { reason: ReasonId; at: number } | undefined;
  for (const s of SYNONYMS) {
    const at = findPhrase(folded, s.words);
    if (at !== undefined && (best === undefined || at[0] < best.at)) best = { reason: s.reason, at: at[0] };
  }
  return best?.reason;
}
