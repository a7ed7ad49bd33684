import { z } from "zod";
import { FACT_NAMES, type FactName } from "../lead/facts.js";
import { HISTORY_FIELDS, type HistoryField, NUMERIC_HISTORY_FIELDS } from "../memory/facts.js";

/** Fields a rule may test: every lead fact, `text` (the whole lead text, for keyword rules), and what the team's
 * earlier checks say of the lead (priorOutcome, companyCustomer, …). */
export const RULE_FIELDS = [...FACT_NAMES, "text", ...HISTORY_FIELDS] as const satisfies readonly (
  | FactName
  | "text"
  | HistoryField
)[];
export type RuleField = (typeof RULE_FIELDS)[number];

export const NUMERIC_FIELDS: ReadonlySet<RuleField> = new Set<RuleField>([
  "employees",
  "revenue",
  "budget",
  ...NUMERIC_HISTORY_FIELDS,
]);

const fieldSchema = z.enum(RULE_FIELDS as unknown as [RuleField, ...RuleField[]], {
  error: (issue) => `unknown field ${JSON.stringify(issue.input)}; use one of: ${RULE_FIELDS.join(", ")}`,
});

/** A boolean compares as the words "true" / "false" (`companyCustomer: true`). */
const scalar = z.union([z.string().min(1), z.number(), z.boolean()]);

const leaf = z.discriminatedUnion("op", [
  z.strictObject({ field: fieldSchema, op: z.literal("eq"), value: scalar }),
  z.strictObject({ field: fieldSchema, op: z.literal("in"), value: z.array(scalar).min(1) }),
  z.strictObject({
    field: fieldSchema,
    op: z.literal("contains_any"),
    value: z.array(z.string().trim().min(1)).min(1),
  }),
  z.strictObject({
    field: fieldSchema,
    op: z.literal("matches"),
    value: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/, "flags may only use i, m, s, u")
      .optional(),
  }),
  z.strictObject({ field: fieldSchema, op: z.literal("gt"), value: z.number() }),
  z.strictObject({ field: fieldSchema, op: z.literal("gte"), value: z.number() }),
  z.strictObject({ field: fieldSchema, op: z.literal("lt"), value: z.number() }),
  z.strictObject({ field: fieldSchema, op: z.literal("lte"), value: z.number() }),
  z.strictObject({
    field: fieldSchema,
    op: z.literal("between"),
    value: z
      .tuple([z.number(), z.number()])
      .refine(([low, high]) => low <= high, "between needs [low, high] with low <= high"),
  }),
  z.strictObject({ field: fieldSchema, op: z.literal("present") }),
  z.strictObject({ field: fieldSchema, op: z.literal("missing") }),
]);

export type LeafCondition = z.infer<typeof leaf>;
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type Operator = LeafCondition["op"];

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    leaf,
  ]),
);

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "ids are lower-case letters, digits, '-' or '_' (max 64)");

export const provenanceSchema = z.union([
  z.literal("manual"),
  z.literal("default pack"),
  z.string().regex(/^suggested from \d+ outcomes$/),
]);

export const ruleSchema = z
  .strictObject({
    id: idSchema,
    when: conditionSchema,
    weight: z.number().min(0).max(100).optional(),
    exclude: z.literal(true).optional(),
    reason: z.string().trim().min(1).max(300),
    provenance: provenanceSchema.default("manual"),
  })
  .refine((rule) => (rule.weight === undefined) !== (rule.exclude === undefined), {
    message: "a rule needs either a weight (0-100) or exclude: true, not both",
    path: ["weight"],
  });

export const personaSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(1000).default(""),
  kind: z.enum(["anti", "ideal"]),
  rules: z.array(ruleSchema).min(1),
});

export const ruleSetSchema = z
  .strictObject({
    version: z.number().int().positive().default(1),
    thresholds: z
      .strictObject({
        review: z.number().min(0).max(100).default(35),
        reject: z.number().min(0).max(100).default(70),
      })
      .refine((t) => t.review <= t.reject, "thresholds.review must not exceed thresholds.reject")
      .default({ review: 35, reject: 70 }),
    /** Fewer known facts than this (among the judging facts) and the verdict is "needs info". */
    minKnownFacts: z.number().int().min(0).max(10).default(2),
    personas: z.array(personaSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.personas.forEach((persona, p) => {
      if (seen.has(persona.id)) {
        ctx.addIssue({
          code: "custom",
          message: `duplicate persona id "${persona.id}"`,
          path: ["personas", p, "id"],
        });
      }
      seen.add(persona.id);
      const ruleIds = new Set<string>();
      persona.rules.forEach((rule, r) => {
        if (ruleIds.has(rule.id)) {
          ctx.addIssue({
            code: "custom",
            message: `duplicate rule id "${rule.id}" in persona "${persona.id}"`,
            path: ["personas", p, "rules", r, "id"],
          });
        }
        ruleIds.add(rule.id);
      });
    });
  });

export type Rule = z.infer<typeof ruleSchema>;
export type Persona = z.infer<typeof personaSchema>;
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
