/**
 * Data loader for data/whatif.bin: the saved TensorFlow.js models of the newest run on synthetic
 * data that has any, packed with a manifest (see src/lib/site-summary/what-if/what-if-bundle.ts) for the what-if page.
 *
 *   runs root ($IRMLAB_RUNS or data/runs) and <root>/.whatif: newest synthetic run with artifacts
 *     └─ none: run $IRMLAB_WHATIF_CONFIG (default data/experiments/learned.yaml) into
 *        $IRMLAB_WHATIF_OUT (default <root>/.whatif, which the site's run listing ignores)
 *   → model folders (model.json, weights.bin, model-card.json) → regenerate the data → pick customers
 *     and items → encodeWhatIfBundle → stdout
 *
 * Models are added CRM first, then IRM by size, while the weights stay under
 * $IRMLAB_WHATIF_MAX_BYTES (default 600,000 bytes); the rest are named as omitted.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DatasetRef } from "../lib/config/experiment-config.js";
import { encodeWhatIfBundle } from "../lib/site-summary/what-if/what-if-bundle.js";
import { pickWhatIfCustomers, pickWhatIfItems } from "../lib/site-summary/what-if/what-if-picks.js";
import type { ModelFamily } from "../lib/models/model.js";
import { loadExperimentData } from "../node/run/load-data.js";
import { listRuns, readRun, type StoredRun } from "../node/run/run-store.js";

const log = (text: string): boolean => process.stderr.write(`whatif.bin: ${text}\n`);

interface Folder {
  readonly name: string;
  readonly family: ModelFamily;
  readonly description: string;
  readonly modelJson: string;
  readonly weights: Uint8Array;
}

async function findRun(roots: readonly string[]): Promise<StoredRun | null> {
  for (const root of roots) {
    for (const listing of await listRuns(root)) {
      const stored = await readRun(listing.dir);
      const dir = artifactsOf(stored);
      if (stored.run.dataset.synthetic !== null && dir && existsSync(dir) && readdirSync(dir).length > 0) return stored;
    }
  }
  return null;
}

/** The run's saved models folder: run.json's artifactsDir, relative to the run folder. */
function artifactsOf(stored: StoredRun): string | null {
  return stored.run.artifactsDir ? resolve(stored.dir, stored.run.artifactsDir) : null;
}

function readFolders(dir: string): Folder[] {
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, "model-card.json")))
    .map((name) => {
      const card = JSON.parse(readFileSync(join(dir, name, "model-card.json"), "utf8")) as { model: string; family: ModelFamily; description: string };
      return {
        name: card.model,
        family: card.family,
        description: card.description,
        modelJson: readFileSync(join(dir, name, "model.json"), "utf8"),
        weights: new Uint8Array(readFileSync(join(dir, name, "weights.bin"))),
      };
    });
}

try {
  const root = process.env.IRMLAB_RUNS ?? "data/runs";
  const extra = process.env.IRMLAB_WHATIF_OUT ?? join(root, ".whatif");
  let stored = await findRun([root, extra]);
  if (!stored) {
    const config = process.env.IRMLAB_WHATIF_CONFIG ?? "data/experiments/learned.yaml";
    log(`no synthetic run with saved models; running ${config} into ${extra}`);
    const { runExperiment } = await import("../node/run/run-experiment.js");
    await runExperiment(config, { out: extra, quiet: true });
    stored = await findRun([extra]);
    if (!stored) throw new Error(`${config} saved no learned model; the what-if page needs at least one`);
  }
  const { run } = stored;
  const artifacts = artifactsOf(stored)!;
  log(`run ${run.runId}, models from ${artifacts}`);
  const limit = Number(process.env.IRMLAB_WHATIF_MAX_BYTES ?? 600_000);
  const folders = readFolders(artifacts).sort(
    (a, b) => Number(a.family !== "crm") - Number(b.family !== "crm") || a.weights.byteLength - b.weights.byteLength || a.name.localeCompare(b.name),
  );
  const kept: Folder[] = [];
  const omitted: string[] = [];
  let bytes = 0;
  for (const f of folders) {
    if (kept.length > 0 && bytes + f.weights.byteLength > limit) omitted.push(f.name);
    else {
      kept.push(f);
      bytes += f.weights.byteLength;
    }
  }
  const configPath = run.configPath ?? "data/experiments/learned.yaml";
  // run.json keeps the validated config: its dataset entry is already a DatasetRef.
  const { data } = await loadExperimentData(run.config.dataset as DatasetRef, configPath);
  const bundle = encodeWhatIfBundle(
    {
      schemaVersion: 1,
      runId: run.runId,
      date: run.startedAt.slice(0, 10),
      dataset: run.dataset.name,
      outcomeType: run.dataset.outcomeType,
      omitted,
      layout: { customers: data.customerIds.length, items: data.itemIds.length, contexts: data.contexts.map((c) => ({ name: c.name, levels: [...c.levels] })) },
      models: kept.map(({ weights: _w, ...m }) => m),
      customers: pickWhatIfCustomers(data, 8),
      items: pickWhatIfItems(data, 12),
    },
    kept.map((f) => f.weights),
  );
  log(`${kept.length} models (${bytes} weight bytes), omitted: ${omitted.join(", ") || "none"}`);
  process.stdout.write(bundle);
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
