/**
 * A small static file server for the built site: compressed responses (brotli or gzip, as the
 * client accepts) and HTTP caching that suits a Framework build, whose assets carry a content hash.
 *
 *   request → file (index.html / .html fallbacks, never outside the folder)
 *     → cache-control: content-hashed asset → immutable for a year; anything else → revalidate (ETag)
 *     → 304 when If-None-Match matches, else the body, compressed when text and accepted
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { createBrotliCompress, createGzip, constants as zlib } from "node:zlib";

/** Content types of the files a Framework build writes. */
const MIME: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export interface StaticServer {
  /** Base URL of the folder with trailing slash, e.g. "http://127.0.0.1:41234/" or ".../sub/site/". */
  readonly url: string;
  /** Every path requested so far, in order. */
  readonly requested: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves a folder on 127.0.0.1, the way a static host serves a Framework build:
 * "/" → index.html, "/comparison" → comparison.html; 404 otherwise; never outside the folder.
 * Used by `npm start` (scripts/serve.mjs) and by the browser tests.
 * @param dir the folder to serve
 * @param prefix URL path the folder is mounted at, starting and ending with "/"; other paths 404. Default "/".
 * @param port TCP port; 0 picks a free one. Default 0.
 */
export async function serveStatic(dir: string, prefix = "/", port = 0): Promise<StaticServer> {
  const root = resolve(dir);
  const requested: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requested.push(path);
    const file = path.startsWith(prefix) ? await findFile(root, `/${path.slice(prefix.length)}`) : null;
    if (file === null) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`not found: ${path}`);
      return;
    }
    const info = await stat(file);
    const type = MIME[extname(file)] ?? "application/octet-stream";
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = { "content-type": type, "cache-control": cacheControl(path), etag, vary: "accept-encoding" };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const encoding = COMPRESSIBLE.test(type) && info.size >= 1024 ? pickEncoding(req.headers["accept-encoding"]) : null;
    if (encoding === null) {
      res.writeHead(200, { ...headers, "content-length": String(info.size) });
      if (req.method === "HEAD") return void res.end();
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(200, { ...headers, "content-encoding": encoding });
    if (req.method === "HEAD") return void res.end();
    // Brotli at quality 5: most of the size gain of 11 at a fraction of the CPU, fine per request.
    const compressor = encoding === "br" ? createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: info.size } }) : createGzip({ level: 6 });
    createReadStream(file).pipe(compressor).pipe(res);
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    requested,
    close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
  };
}

/** Types worth compressing (text); images, fonts and wasm are already compressed or gain little. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|wasm)|image\/svg\+xml)/;

/**
 * Framework names its bundles and attachments after their content hash ("/_observablehq/client.6f3a2b1c.js",
 * "/_file/data/summary.0a1b2c3d.json", "/_npm/vega@6.1.2/+esm.ab12cd34.js"), so they never change under
 * one URL and may be cached for good; pages (HTML) and anything unhashed must be revalidated.
 */
export function cacheControl(path: string): string {
  return /\/_(observablehq|file|npm|node|import)\/.*\.[0-9a-f]{8,}\.[a-z0-9]+$/i.test(path) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** br when the client accepts it, else gzip, else none (q=0 refuses an encoding). */
function pickEncoding(header: string | string[] | undefined): "br" | "gzip" | null {
  const accepted = new Set(
    String(header ?? "")
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  return accepted.has("br") ? "br" : accepted.has("gzip") ? "gzip" : null;
}

async function findFile(root: string, path: string): Promise<string | null> {
  const candidates = path.endsWith("/") ? [`${path}index.html`] : [path, `${path}.html`, `${path}/index.html`];
  for (const candidate of candidates) {
    const full = normalize(join(root, candidate));
    if (full !== root && !full.startsWith(root + sep)) return null;
    const info = await stat(full).catch(() => null);
    if (info?.isFile()) return full;
  }
  return null;
}
