/**
 * A small static file server for the built site.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

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
    res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    requested,
    close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
  };
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
