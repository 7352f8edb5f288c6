/**
 * The preview/static server over real HTTP on 127.0.0.1: compression as the client accepts it,
 * long caching for content-hashed assets only, revalidation (ETag → 304) for pages.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheControl, serveStatic, type StaticServer } from "../../src/node/static-server.js";

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

const page = `<!doctype html><title>t</title>${"<p>IRM Lab page text. </p>".repeat(200)}`;
const script = `export const x = ${JSON.stringify("a".repeat(5000))};`;
let server: StaticServer;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "irmlab-serve-"));
  mkdirSync(join(root, "_observablehq"));
  mkdirSync(join(root, "_file", "data"), { recursive: true });
  writeFileSync(join(root, "index.html"), page);
  writeFileSync(join(root, "_observablehq", "client.6f3a2b1c.js"), script);
  writeFileSync(join(root, "_file", "data", "summary.0a1b2c3d.json"), "{}");
  writeFileSync(join(root, "small.txt"), "tiny");
  server = await serveStatic(root);
});
afterAll(() => server.close());

describe("serveStatic", () => {
  it("compresses with brotli when accepted, else gzip, and the bytes decompress to the file", async () => {
    const br = await get(server.url, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(page);
    expect(br.body.length).toBeLessThan(page.length / 5);
    const gz = await get(`${server.url}_observablehq/client.6f3a2b1c.js`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(script);
    expect(gz.headers.vary).toBe("accept-encoding");
  });

  it("sends the plain file with its length when the client accepts no encoding, refuses one (q=0), or the file is tiny", async () => {
    for (const [path, accept] of [["", ""], ["", "br;q=0, gzip;q=0"], ["small.txt", "gzip, br"]] as const) {
      const r = await get(`${server.url}${path}`, accept ? { "accept-encoding": accept } : {});
      expect(r.headers["content-encoding"], `${path} ${accept}`).toBeUndefined();
      expect(Number(r.headers["content-length"])).toBe(r.body.length);
    }
  });

  it("lets content-hashed assets be cached for a year and makes pages revalidate", async () => {
    expect((await get(`${server.url}_observablehq/client.6f3a2b1c.js`)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await get(`${server.url}_file/data/summary.0a1b2c3d.json`)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await get(server.url)).headers["cache-control"]).toBe("no-cache");
    expect((await get(`${server.url}small.txt`)).headers["cache-control"]).toBe("no-cache");
  });

  it("answers 304 with no body when the page's ETag still matches", async () => {
    const first = await get(server.url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get(server.url, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe("cacheControl", () => {
  it("treats only hashed Framework asset paths as immutable", () => {
    expect(cacheControl("/_npm/vega@6.1.2/_esm.1a2b3c4d.js")).toBe("public, max-age=31536000, immutable");
    expect(cacheControl("/_observablehq/client.js")).toBe("no-cache");
    expect(cacheControl("/comparison")).toBe("no-cache");
    expect(cacheControl("/assets/report.0a1b2c3d.json")).toBe("no-cache");
  });
});
