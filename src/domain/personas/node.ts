import type { EvalContext } from "./context.js";
import type { RuleField } from "./schema.js";
import type { Tri } from "./tri.js";
import type { Evidence } from "./verdict.js";

/** Index keys: a condition can only be true if the field's whole value is one of `whole`, or one of its
 * words is in `words`. */
export interface Keys {
  field: RuleField;
  whole: string[];
  words: string[];
}

export const keyCount = (keys: Keys | undefined) => (keys ? keys.whole.length + keys.words.length : 0);

/** A compiled condition. */
export interface Node {
  test(ctx: EvalContext): Tri;
  /** Re-evaluates and pushes the evidence of true leaves; runs only for matched rules. */
  explain(ctx: EvalContext, out: Evidence[]): Tri;
  /** Undefined when any lead could satisfy the condition (it cannot be indexed). */
  keys: Keys | undefined;
  /** Fields whose absence makes this condition unknown. */
  needs: RuleField[];
}
