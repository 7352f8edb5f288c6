#!/usr/bin/env node
// `npm run dev`: Framework's preview server with live reload, plus a watch on the run store
// (data/runs, data/sweeps) so that a finished `irmlab experiment` or `sweep` reruns the data
// loaders and the open page updates. Usage: node scripts/dev.mjs [--port N] [other preview flags]
import { spawn } from "node:child_process";
import { delimiter, resolve } from "node:path";
import { register } from "tsx/esm/api";

register();
const { watchRunStore } = await import("../src/node/watch-run-store.ts");
// the same offline pins of Framework's npm imports as the build (scripts/build-site.mjs)
const { prepareFrameworkCache } = await import("../src/node/site/framework-cache.ts");
prepareFrameworkCache(process.cwd());
const bin = "node_modules/@observablehq/framework/dist/bin/observable.js";
// Framework runs .ts data loaders with the `tsx` command: the project's own goes first on the PATH.
const PATH = `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`;
const preview = spawn(process.execPath, [bin, "preview", "--no-open", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { OBSERVABLE_TELEMETRY_DISABLE: "true", ...process.env, PATH },
});
const watcher = watchRunStore({
  onReload: (changed) => process.stderr.write(`run store changed (${changed.slice(0, 3).join(", ")}${changed.length > 3 ? ", …" : ""}): data loaders marked stale, the open page reloads with the new data\n`),
});
const stop = () => preview.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
preview.on("exit", (code) => {
  watcher.close();
  process.exit(code ?? 0);
});
