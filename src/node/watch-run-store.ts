/**
 * Live reload of the run store for `npm run dev`. Framework's preview reruns a data loader when
 * the loader file is newer than its cached output, and watches loader files for changes; the
 * loaders read data/runs and data/sweeps, which Framework does not watch. So when a run or sweep
 * lands, the loaders' modification times are bumped: their cached outputs go stale, the preview
 * reruns them and reloads the open page.
 *
 *   fs.watch(data/, recursive) → event under runs/ or sweeps/ → debounce → utimes(src/data/*.ts, now)
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, watch, type FSWatcher } from "node:fs";
import { join, sep } from "node:path";

export interface RunStoreWatchOptions {
  /** Folder that holds the run store's folders. Default "data". */
  readonly dataDir?: string;
  /** Subfolders of dataDir whose changes rerun the loaders. Default ["runs", "sweeps"]. */
  readonly stores?: readonly string[];
  /** Folder of the data loaders. Default "src/data". */
  readonly loadersDir?: string;
  /** Milliseconds to wait after the last event (a run writes many files, then renames its folder). Default 500. */
  readonly debounceMs?: number;
  /** Called after the loaders were touched, with the changed store paths. Default none. */
  readonly onReload?: (changed: readonly string[]) => void;
}

/**
 * Watches the run store and marks every data loader stale when it changes.
 * @returns the watcher; close() stops it
 */
export function watchRunStore(options: RunStoreWatchOptions = {}): { close(): void } {
  const dataDir = options.dataDir ?? "data";
  const stores = options.stores ?? ["runs", "sweeps"];
  const loadersDir = options.loadersDir ?? "src/data";
  const debounceMs = options.debounceMs ?? 500;
  for (const store of stores) mkdirSync(join(dataDir, store), { recursive: true });
  let timer: NodeJS.Timeout | null = null;
  const changed = new Set<string>();
  const watcher: FSWatcher = watch(dataDir, { recursive: true }, (_event, name) => {
    const path = String(name ?? "");
    if (!stores.some((s) => path === s || path.startsWith(`${s}${sep}`) || path.startsWith(`${s}/`))) return;
    changed.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      touchLoaders(loadersDir);
      const paths = [...changed];
      changed.clear();
      options.onReload?.(paths);
    }, debounceMs);
  });
  return {
    close(): void {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}

/** Sets every loader's modification time to now (its content is untouched, so git sees no change). */
export function touchLoaders(loadersDir: string): string[] {
  if (!existsSync(loadersDir)) return [];
  const now = new Date();
  // recursive: the per-dataset loaders live in src/data/datasets/[dataset]/
  const loaders = (readdirSync(loadersDir, { recursive: true }) as string[]).filter((f) => /\.(ts|js|mjs|py|sh)$/.test(f));
  for (const file of loaders) utimesSync(join(loadersDir, file), now, now);
  return loaders;
}
