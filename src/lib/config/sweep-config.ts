import { at, checkArray, checkObject, fail, show, type Where } from "./checks.js";
import { parseExperimentConfig, type ExperimentConfig } from "./experiment-config.js";

/**
 * Sweeps: one experiment config plus a grid of parameter values.
 *
 *   sweep: { "dataset.synthetic.contextStrength": [0, 1, 2], seed: [1, 2, 3] }
 *     → cartesian product, first key outermost → one raw config per cell (the key path set to the
 *       cell's value) → each validated by parseExperimentConfig, so a bad value names its cell
 *
 * A key is a dot path into the config; numeric parts index lists ("models.3.params.epochs").
 * Values may be scalars or whole mappings (`split: [{ kind: kfold }, { kind: leave-last-out }]`).
 */
export interface SweepCell {
  /** 0-based position in the grid. */
  readonly index: number;
  /** The cell's value per swept key path, in grid order. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The cell's raw config (sweep removed), as recorded in its run. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly config: ExperimentConfig;
}

export interface SweepConfig {
  /** The base config's name. */
  readonly name: string;
  readonly grid: readonly { readonly path: string; readonly values: readonly unknown[] }[];
  readonly cells: readonly SweepCell[];
}

/** At most this many cells per sweep. */
export const MAX_SWEEP_CELLS = 10000;

/**
 * Validates a config with a `sweep` entry and expands its grid.
 * @param raw the parsed YAML
 * @param file the config's path, for messages
 * @throws ConfigError when sweep is missing or malformed, a path does not fit the config, or a
 *   cell's config is invalid (the message names the cell's parameter values)
 */
export function parseSweepConfig(raw: unknown, file: string): SweepConfig {
  const root: Where = { file, path: "" };
  const obj = checkObject(raw, root, Object.keys(raw && typeof raw === "object" ? raw : {}));
  if (obj.sweep === undefined) fail(at(root, "sweep"), 'expected a sweep mapping of key paths to lists of values, e.g. sweep: { seed: [1, 2, 3] }');
  const sweepWhere = at(root, "sweep");
  const sweep = checkObject(obj.sweep, sweepWhere, Object.keys((obj.sweep as object | null) ?? {}));
  const grid = Object.entries(sweep).map(([path, values]) => {
    const w = { file, path: `sweep."${path}"` };
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path)) fail(w, `expected a dot path such as dataset.synthetic.contextStrength, got ${show(path)}`);
    const list = checkArray(values, w);
    if (list.length === 0) fail(w, "list at least one value");
    return { path, values: list };
  });
  if (grid.length === 0) fail(sweepWhere, "list at least one key path to vary");
  const total = grid.reduce((n, g) => n * g.values.length, 1);
  if (total > MAX_SWEEP_CELLS) fail(sweepWhere, `the grid has ${total} cells; at most ${MAX_SWEEP_CELLS}`);
  const { sweep: _drop, ...base } = obj;
  const cells: SweepCell[] = [];
  for (let index = 0; index < total; index++) {
    const params: Record<string, unknown> = {};
    let rest = index;
    for (let g = grid.length - 1; g >= 0; g--) {
      const { path, values } = grid[g]!;
      params[path] = values[rest % values.length];
      rest = Math.floor(rest / values.length);
    }
    const ordered = Object.fromEntries(grid.map((g) => [g.path, params[g.path]]));
    let cellRaw: Record<string, unknown> = structuredClone(base);
    for (const g of grid) cellRaw = setPath(cellRaw, g.path, ordered[g.path], file);
    const label = grid.map((g) => `${g.path}=${JSON.stringify(ordered[g.path])}`).join(", ");
    const config = parseExperimentConfig(cellRaw, `${file} (sweep cell ${index}: ${label})`);
    cells.push({ index, params: ordered, raw: cellRaw, config });
  }
  return { name: cells[0]!.config.name, grid, cells };
}

/**
 * A copy of `obj` with the value at a dot path replaced; missing mappings on the way are created.
 * @throws ConfigError when the path runs through a value that is neither a mapping nor a list, or
 *   indexes a list out of range
 */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown, file: string): Record<string, unknown> {
  const parts = path.split(".");
  const out = structuredClone(obj);
  let node: unknown = out;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const where = { file, path: `sweep."${path}"` };
    if (Array.isArray(node)) {
      const idx = Number(part);
      if (!(Number.isInteger(idx) && idx >= 0 && idx < node.length)) fail(where, `"${part}" is not an index of the list at ${parts.slice(0, i).join(".")} (${node.length} entries)`);
      if (last) node[idx] = value;
      else {
        if (typeof node[idx] === "string") node[idx] = { name: node[idx] }; // "mf" → { name: mf } so params can be set
        node = node[idx];
      }
    } else if (node && typeof node === "object") {
      const rec = node as Record<string, unknown>;
      if (last) rec[part] = value;
      else {
        if (rec[part] === undefined) rec[part] = {};
        node = rec[part];
      }
    } else {
      fail(where, `cannot set "${part}": ${parts.slice(0, i).join(".")} is ${show(node)}, not a mapping or list`);
    }
  });
  return out;
}
