import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

/** A stable id for a record in a workspace, as a UUID: the same record (a CRM row, a file's row) gets the
 * same id every time, so keeping it again adds nothing. */
export function recordId(workspaceId: string, key: string, salt: string): string {
  const h = createHash("sha256").update(`${workspaceId}\u0000${salt}\u0000${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const FINGERPRINT_BYTES = 1 << 20;

/** What identifies a file's content cheaply: its size and a hash of its first megabyte (the same export
 * copied or renamed is the same file; an edited one is not). */
export async function fileFingerprint(path: string): Promise<string> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));
    await file.read(head, 0, head.length, 0);
    return createHash("sha256").update(String(size)).update(head).digest("hex").slice(0, 32);
  } finally {
    await file.close();
  }
}
