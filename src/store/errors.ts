import { UserError } from "../domain/errors.js";

/** A storage problem the operator can act on; the message is one line, no stack needed. */
export class StoreError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "storage", 1, options);
  }
}
