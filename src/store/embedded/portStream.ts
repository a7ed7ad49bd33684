import { Duplex } from "node:stream";
import { MessageChannel, type MessagePort } from "node:worker_threads";

/** What the PostgreSQL driver (`pg`) needs of a socket, over a MessagePort to the embedded database's thread:
 * `connect` opens a channel and hands its far end to the thread, writes are posted, posted answers are read.
 * No port is opened and no file is made, so nothing outside this process can reach the database. */
export class PortStream extends Duplex {
  private port: MessagePort | undefined;
  /** Bytes written in this turn of the event loop: the driver writes a statement as five messages (parse,
   * bind, describe, execute, sync), sent to the thread as one post. */
  private pending: Buffer[] = [];

  constructor(private readonly open: (port: MessagePort) => void) {
    super();
  }

  /** `pg` calls this as it would `net.Socket#connect(port, host)`; both are meaningless here. */
  connect(): this {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.on("message", (bytes: Uint8Array) =>
      this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)),
    );
    // The thread closes its end when the client sent Terminate, after a protocol error, or when it stopped.
    port1.on("close", () => {
      this.port = undefined;
      if (this.destroyed) return;
      this.push(null);
      this.destroy();
    });
    this.open(port2);
    queueMicrotask(() => this.emit("connect"));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  /** As a socket's: an idle pooled connection must not keep the process alive by itself. */
  ref(): this {
    this.port?.ref();
    return this;
  }

  unref(): this {
    this.port?.unref();
    return this;
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.port === undefined) {
      done(Object.assign(new Error("the embedded database's connection is closed"), { code: "EPIPE" }));
      return;
    }
    if (this.pending.length === 0) queueMicrotask(() => this.flush());
    this.pending.push(chunk);
    done();
  }

  private flush(): void {
    const chunks = this.pending;
    this.pending = [];
    if (this.port === undefined || chunks.length === 0) return;
    // A copy of exactly these bytes, moved rather than cloned (the driver may reuse its buffers).
    let length = 0;
    for (const chunk of chunks) length += chunk.length;
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.port.postMessage(bytes, [bytes.buffer]);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.flush();
    this.port?.close();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.port?.close();
    this.port = undefined;
    done(error);
  }
}
