/**
 * Prepares Observable Framework's cache (src/.observablehq/cache) so that `observable build` runs with
 * no network and resolves nothing `@latest`.
 *
 * Why: Framework's own client bundle (`/_observablehq/client.js`, stdlib) names `npm:` packages such as
 * `npm:react-dom` for features this site never uses (JSX, Plot, DuckDB...). Bundling it asks the npm
 * registry for each one's latest version unless the cache already holds a folder
 * `_npm/<name>@<version>/`, in which case Framework takes that version without a request. Only the
 * version is needed: the client embeds the path for a lazy import that no page of ours triggers, so
 * nothing is downloaded. We create those version folders: the version installed in node_modules when
 * the package is there (it follows the lockfile), else the pin below. Pages import installed packages
 * by bare specifier (`vega-embed`, `arquero`), which Framework bundles from node_modules.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Versions for packages Framework's client names but this project does not install. They appear only
 * as lazy-import paths in the built client; a page that really imported one would need it from the CDN,
 * and the offline build would then fail loudly (a folder without the file), never resolve `@latest`.
 */
export const NPM_PINS: Readonly<Record<string, string>> = {
  "@duckdb/duckdb-wasm": "1.29.0",
  "@observablehq/plot": "0.6.17",
  "@observablehq/sample-datasets": "1.0.1",
  "@uwdata/vgplot": "0.11.0",
  "@viz-js/viz": "3.11.0",
  "apache-arrow": "17.0.0",
  d3: "7.9.0",
  echarts: "5.6.0",
  katex: "0.16.22",
  leaflet: "1.9.4",
  lodash: "4.17.21",
  "mapbox-gl": "3.9.0",
  mermaid: "11.4.1",
  "parquet-wasm": "0.6.1",
  react: "19.1.0",
  "react-dom": "19.1.0",
  "sql.js": "1.12.0",
  "vega-lite-api": "5.0.0",
};

/** Package name of an `npm:` specifier (`npm:@a/b@1/x.js` → `@a/b`). */
export function npmSpecifierName(specifier: string): string {
  const parts = specifier.replace(/^npm:/, "").split("/");
  const nameRange = parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1] ?? ""}` : parts[0]!;
  const at = nameRange.indexOf("@", 1);
  return at > 0 ? nameRange.slice(0, at) : nameRange;
}

/** Every package named by an `npm:` string literal in Framework's client sources. */
export function frameworkClientPackages(projectRoot: string): string[] {
  const clientDir = join(projectRoot, "node_modules/@observablehq/framework/dist/client");
  const names = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".js")) {
        for (const match of readFileSync(path, "utf8").matchAll(/["'`]npm:([^"'`]+)["'`]/g)) names.add(npmSpecifierName(match[1]!));
      }
    }
  };
  visit(clientDir);
  return [...names].sort();
}

/** Installed version of a package in the project's node_modules, or undefined. */
function installedVersion(projectRoot: string, name: string): string | undefined {
  const path = join(projectRoot, "node_modules", name, "package.json");
  if (!existsSync(path)) return undefined;
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

/**
 * The version Framework should use for each package its client names: installed, else pinned.
 * @throws Error naming the package when one is neither installed nor pinned (a Framework upgrade added it)
 */
export function npmVersionPins(projectRoot: string): Map<string, string> {
  const pins = new Map<string, string>();
  for (const name of frameworkClientPackages(projectRoot)) {
    // Framework maps these to its own bundled modules; they never reach the registry.
    if (name.startsWith("@observablehq/") && !(name in NPM_PINS) && installedVersion(projectRoot, name) === undefined) continue;
    const version = installedVersion(projectRoot, name) ?? NPM_PINS[name];
    if (version === undefined) {
      throw new Error(`Framework's client names npm:${name}, which is neither installed nor pinned: add its version to NPM_PINS in src/node/site/framework-cache.ts`);
    }
    pins.set(name, version);
  }
  return pins;
}

/**
 * Makes the cache ready for an offline, pinned build: removes every data-loader output (Framework
 * reruns a loader only when its cached output is missing, and the loaders read the run store, which
 * changes without the loader source changing) and any `_npm` folder not matching a pin (an `@latest`
 * resolution left by an older build), then creates one `_npm/<name>@<version>/` folder per pin.
 * Framework's own bundles (`_observablehq`, `_node`) are kept: they depend on the lockfile only.
 * @param projectRoot folder holding node_modules and src/
 * @returns the pins applied
 */
export function prepareFrameworkCache(projectRoot: string): Map<string, string> {
  const cache = join(projectRoot, "src/.observablehq/cache");
  mkdirSync(cache, { recursive: true });
  for (const entry of readdirSync(cache)) {
    if (!entry.startsWith("_")) rmSync(join(cache, entry), { recursive: true, force: true });
  }
  const pins = npmVersionPins(projectRoot);
  const wanted = new Set([...pins].map(([name, version]) => `${name}@${version}`));
  const npmDir = join(cache, "_npm");
  mkdirSync(npmDir, { recursive: true });
  for (const entry of readdirSync(npmDir)) {
    const folders = entry.startsWith("@") ? readdirSync(join(npmDir, entry)).map((sub) => `${entry}/${sub}`) : [entry];
    for (const folder of folders) if (!wanted.has(folder)) rmSync(join(npmDir, folder), { recursive: true, force: true });
  }
  for (const folder of wanted) mkdirSync(join(npmDir, folder), { recursive: true });
  return pins;
}
