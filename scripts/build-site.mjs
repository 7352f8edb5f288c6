#!/usr/bin/env node
// Builds the site into dist/ ($IRMLAB_SITE_OUT) with no network: the loader cache is cleared (the
// loaders read the run store, which changes without their source changing) and Framework's npm
// versions are pinned from node_modules (src/node/site/framework-cache.ts), so nothing resolves @latest.
// Then every page gets the accessibility fixes Framework's page shell needs (src/node/site/accessible-html.ts).
import { spawnSync } from "node:child_process";
import { delimiter, resolve } from "node:path";
import { register } from "tsx/esm/api";

register();
const { prepareFrameworkCache } = await import("../src/node/site/framework-cache.ts");
const { fixBuiltSite } = await import("../src/node/site/accessible-html.ts");
prepareFrameworkCache(process.cwd());
const bin = "node_modules/@observablehq/framework/dist/bin/observable.js";
// Framework runs .ts data loaders with the `tsx` command: put the project's own on the PATH (as npx would).
const PATH = `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`;
const result = spawnSync(process.execPath, [bin, "build"], { stdio: "inherit", env: { OBSERVABLE_TELEMETRY_DISABLE: "true", ...process.env, PATH } });
if (result.status === 0) fixBuiltSite(resolve(process.env.IRMLAB_SITE_OUT ?? "dist"));
process.exit(result.status ?? 1);
