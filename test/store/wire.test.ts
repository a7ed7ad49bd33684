import { describe, expect, it } from "vitest";
import { type Frame, WireReader } from "../../src/store/embedded/wire.js";

function startup(): Buffer {
  const body = Buffer.from("user\0postgres\0database\0postgres\0\0");
  const message = Buffer.alloc(8 + body.length);
  message.writeInt32BE(message.length, 0);
  message.writeInt32BE(196608, 4);
  body.copy(message, 8);
  return message;
}

function typed(type: string, body: string): Buffer {
  const text = Buffer.from(body);
  const message = Buffer.alloc(5 + text.length);
  message.write(type, 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

const kinds = (frames: Frame[]) => frames.map((f) => ("bytes" in f ? `${f.kind}:${f.bytes.length}` : f.kind));

describe("cutting a connection's bytes into whole PostgreSQL messages", () => {
  it("answers SSL, passes the startup message, then groups whole typed messages", () => {
    const reader = new WireReader();
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8, 0);
    ssl.writeInt32BE(80877103, 4);
    const query = typed("Q", "SELECT 1\0");
    const parse = typed("P", "\0SELECT $1\0\0\0");
    const sync = typed("S", "");
    expect(kinds(reader.push(Buffer.concat([ssl, startup()])))).toEqual([
      "ssl",
      `startup:${startup().length}`,
    ]);
    expect(kinds(reader.push(Buffer.concat([query, parse, sync])))).toEqual([
      `messages:${query.length + parse.length + sync.length}`,
    ]);
  });

  it("waits for the rest of a message split across chunks, byte by byte if need be", () => {
    const reader = new WireReader();
    const bytes = Buffer.concat([startup(), typed("Q", "SELECT 'a long enough statement'\0")]);
    const frames: Frame[] = [];
    for (const byte of bytes) frames.push(...reader.push(Uint8Array.of(byte)));
    expect(kinds(frames)).toEqual([
      `startup:${startup().length}`,
      `messages:${bytes.length - startup().length}`,
    ]);
  });

  it("runs what came before a Terminate, then ends", () => {
    const reader = new WireReader();
    reader.push(startup());
    const query = typed("Q", "COMMIT\0");
    expect(kinds(reader.push(Buffer.concat([query, typed("X", "")])))).toEqual([
      `messages:${query.length}`,
      "terminate",
    ]);
  });

  it("refuses bytes that are no PostgreSQL client's", () => {
    expect(() => new WireReader().push(Buffer.from("GET / HTTP/1.1\r\n\r\n"))).toThrow(/not a PostgreSQL/);
  });
});
