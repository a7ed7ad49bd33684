import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadSlackFile } from "../../src/slack/slackFile.js";
import { SlackUrls } from "../../src/slack/slackUrls.js";

let server: Server;
let origin: string;
let sent = 0;

beforeAll(async () => {
  // Chunked (no content-length): the size is known only by reading.
  server = createServer((req, res) => {
    if (req.url === "/small") {
      res.write("personas: []\n");
      res.end();
      return;
    }
    if (req.url === "/moved") {
      res.writeHead(302, { location: "https://evil.example/steal" }).end();
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, "x");
    const more = () => {
      while (sent < 64 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", more);
      }
      res.end();
    };
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("a file shared in Slack", () => {
  const limits = { maxBytes: 512 * 1024, timeoutMs: 5_000 };

  it("is read when small", async () => {
    const text = await downloadSlackFile(new SlackUrls(origin), `${origin}/small`, "xoxb-1", limits);
    expect(text).toBe("personas: []\n");
  });

  it("is given up on as soon as it passes the limit, without reading the rest", async () => {
    await expect(
      downloadSlackFile(new SlackUrls(origin), `${origin}/huge`, "xoxb-1", limits),
    ).rejects.toThrow("that file is too large (512 KB at most).");
    // 64 MB were on offer; reading stopped near the limit (socket buffers hold a few MB at most).
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("never follows a redirect with the token, nor goes to a host that is not Slack's", async () => {
    await expect(
      downloadSlackFile(new SlackUrls(origin), `${origin}/moved`, "xoxb-1", limits),
    ).rejects.toThrow();
    await expect(downloadSlackFile(new SlackUrls(), `${origin}/small`, "xoxb-1", limits)).rejects.toThrow(
      "that is not a file shared in Slack.",
    );
  });
});
