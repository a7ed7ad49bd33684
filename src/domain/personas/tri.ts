/** Three-valued logic: a condition on a fact the lead did not reveal is UNKNOWN, never true or false.
 * Small integers rather than strings: conditions are tested millions of times. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;
