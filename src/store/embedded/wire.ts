/** Just enough of PostgreSQL's wire protocol to cut a byte stream into whole messages, so the embedded
 * database's thread hands PGlite complete messages only (a client may send half a message per write). */

/** An SSLRequest: 8 bytes, code 80877103. The embedded database has no TLS: the answer is a single "N". */
const SSL_REQUEST = 80877103;
/** A CancelRequest: 16 bytes, code 80877102. PGlite has no backend to signal: it is dropped. */
const CANCEL_REQUEST = 80877102;
/** Protocol 3.0's startup message carries this version where a typed message has its type byte. */
const PROTOCOL_3 = 196608;

export type Frame =
  | { kind: "ssl" }
  | { kind: "cancel" }
  /** The startup message: PGlite answers it on its own (authentication ok, parameters, ready). */
  | { kind: "startup"; bytes: Uint8Array }
  /** One or more whole typed messages, to run in one go. */
  | { kind: "messages"; bytes: Uint8Array }
  /** A Terminate message: the client is done. */
  | { kind: "terminate" };

/** Reassembles a connection's bytes into frames. `push` returns the frames completed by a chunk; bytes of an
 * unfinished message wait for the next chunk. The first message of a connection has no type byte. */
export class WireReader {
  private pending: Buffer = Buffer.alloc(0);
  private started = false;

  push(chunk: Uint8Array): Frame[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (!this.started && this.pending.length >= 8) {
      const length = this.pending.readInt32BE(0);
      const code = this.pending.readInt32BE(4);
      if (length === 8 && code === SSL_REQUEST) {
        frames.push({ kind: "ssl" });
        this.pending = this.pending.subarray(8);
      } else if (length === 16 && code === CANCEL_REQUEST) {
        if (this.pending.length < 16) return frames;
        frames.push({ kind: "cancel" });
        this.pending = this.pending.subarray(16);
      } else if (code === PROTOCOL_3) {
        if (this.pending.length < length) return frames;
        frames.push({ kind: "startup", bytes: this.pending.subarray(0, length) });
        this.pending = this.pending.subarray(length);
        this.started = true;
      } else {
        throw new Error(`not a PostgreSQL startup message (length ${length}, code ${code})`);
      }
    }
    if (!this.started) return frames;
    // Every whole typed message in the buffer goes in one frame: PGlite runs them in order, as a server would.
    let end = 0;
    while (this.pending.length - end >= 5) {
      const length = 1 + this.pending.readInt32BE(end + 1);
      if (length < 5) throw new Error(`a message declared a length of ${length - 1} bytes`);
      if (this.pending.length - end < length) break;
      if (this.pending[end] === 0x58) {
        // Terminate ("X"): whatever came before it still runs.
        if (end > 0) frames.push({ kind: "messages", bytes: this.pending.subarray(0, end) });
        frames.push({ kind: "terminate" });
        this.pending = Buffer.alloc(0);
        return frames;
      }
      end += length;
    }
    if (end > 0) {
      frames.push({ kind: "messages", bytes: this.pending.subarray(0, end) });
      this.pending = this.pending.subarray(end);
    }
    return frames;
  }
}
