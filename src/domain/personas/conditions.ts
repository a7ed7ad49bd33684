import { keyCount, type Node } from "./node.js";
import { compileLeaf } from "./operators.js";
import type { Condition } from "./schema.js";
import { FALSE, TRUE, type Tri, UNKNOWN } from "./tri.js";

function compileAll(children: Node[]): Node {
  // Index by the most selective child: any child with keys must hold for the whole to hold.
  const keyed = children.filter((c) => c.keys !== undefined);
  keyed.sort((a, b) => keyCount(a.keys) - keyCount(b.keys));
  return {
    keys: keyed[0]?.keys,
    needs: children.flatMap((c) => c.needs),
    test(ctx) {
      let result: Tri = TRUE;
      for (const child of children) {
        const r = child.test(ctx);
        if (r === FALSE) return FALSE;
        if (r === UNKNOWN) result = UNKNOWN;
      }
      return result;
    },
    explain(ctx, out) {
      const mark = out.length;
      let result: Tri = TRUE;
      for (const child of children) {
        const r = child.explain(ctx, out);
        if (r === FALSE) result = FALSE;
        else if (r === UNKNOWN && result === TRUE) result = UNKNOWN;
      }
      if (result !== TRUE) out.length = mark;
      return result;
    },
  };
}

function compileAny(children: Node[]): Node {
  // Indexable only when every branch is: otherwise an unkeyed branch could match any lead.
  const allKeyed = children.every((c) => c.keys !== undefined && c.keys.field === children[0]?.keys?.field);
  return {
    keys:
      allKeyed && children[0]?.keys
        ? {
            field: children[0].keys.field,
            whole: [...new Set(children.flatMap((c) => c.keys?.whole ?? []))],
            words: [...new Set(children.flatMap((c) => c.keys?.words ?? []))],
          }
        : undefined,
    needs: children.flatMap((c) => c.needs),
    test(ctx) {
      let result: Tri = FALSE;
      for (const child of children) {
        const r = child.test(ctx);
        if (r === TRUE) return TRUE;
        if (r === UNKNOWN) result = UNKNOWN;
      }
      return result;
    },
    explain(ctx, out) {
      let result: Tri = FALSE;
      for (const child of children) {
        const mark = out.length;
        const r = child.explain(ctx, out);
        if (r === TRUE) result = TRUE;
        else {
          out.length = mark;
          if (r === UNKNOWN && result === FALSE) result = UNKNOWN;
        }
      }
      return result;
    },
  };
}

function compileNot(child: Node): Node {
  const invert = (r: Tri): Tri => (r === UNKNOWN ? UNKNOWN : r === TRUE ? FALSE : TRUE);
  return {
    keys: undefined,
    needs: child.needs,
    test: (ctx) => invert(child.test(ctx)),
    explain(ctx, out) {
      const mark = out.length;
      const r = invert(child.explain(ctx, out));
      out.length = mark; // the absence of words cannot be quoted
      return r;
    },
  };
}

/** Compiles a condition tree: `all` / `any` / `not` over leaves (see operators.ts). */
export function compileCondition(cond: Condition): Node {
  if ("all" in cond) return compileAll(cond.all.map(compileCondition));
  if ("any" in cond) return compileAny(cond.any.map(compileCondition));
  if ("not" in cond) return compileNot(compileCondition(cond.not));
  return compileLeaf(cond);
}
