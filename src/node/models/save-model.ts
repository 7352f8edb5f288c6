/**
 * Writes a learned model as TensorFlow.js files plus a model card:
 *   <dir>/model.json      TensorFlow.js artifact (topology + weightsManifest)
 *   <dir>/weights.bin     the one weights shard
 *   <dir>/model-card.json inputs, vocabularies (no customer identifiers), training data hash, metrics, backend
 * Node and the browser load model.json with the same code (src/lib/models/io).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { artifactsToFiles, filesToArtifacts, WEIGHTS_FILE } from "../../lib/models/io/artifacts-files.js";
import { fromArtifacts, toArtifacts } from "../../lib/models/io/learned-artifacts.js";
import type { LearnedModel } from "../../lib/models/learned/learned-model.js";

/** The model card saved beside a learned model: what it was trained on and how (no customer identifiers). */
export interface ModelCard {
  readonly model: string;
  readonly family: string;
  readonly description: string;
  readonly runId: string;
  readonly seed: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: {
    readonly customers: number;
    readonly items: number;
    /** Item identifiers by code (offers, not people). */
    readonly itemIds: readonly string[];
    readonly contexts: readonly { readonly name: string; readonly levels: readonly string[] }[];
    readonly outcome: { readonly type: string; readonly min: number; readonly max: number };
  };
  readonly training: { readonly datasetHash: string; readonly splitHash: string; readonly rows: number };
  readonly testMetrics: Readonly<Record<string, number | null>>;
  readonly tfjsBackend: string | null;
  readonly fitted: Readonly<Record<string, unknown>>;
}

/**
 * Writes model.json, weights.bin and model-card.json into `dir` (created, with parents).
 * @throws Error from the file system when `dir` cannot be created or written
 */
export async function saveModelFolder(dir: string, model: LearnedModel, card: ModelCard): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = artifactsToFiles(await toArtifacts(model));
  await writeFile(join(dir, "model.json"), files.modelJson);
  await writeFile(join(dir, WEIGHTS_FILE), files.weights);
  await writeFile(join(dir, "model-card.json"), `${JSON.stringify(card, null, 2)}\n`);
}

/**
 * Loads a model folder written by {@link saveModelFolder}.
 * @throws Error naming the folder and the file when a file is missing or unreadable, the card is
 *   not JSON, or the artifacts are not an IRM Lab learned model
 */
export async function loadModelFolder(dir: string): Promise<{ model: LearnedModel; card: ModelCard }> {
  const read = async (file: string): Promise<Buffer> => {
    try {
      return await readFile(join(dir, file));
    } catch (error) {
      throw new Error(`model folder ${dir}: cannot read ${file} (${(error as Error).message})`, { cause: error });
    }
  };
  const modelJson = (await read("model.json")).toString("utf8");
  const weights = new Uint8Array(await read(WEIGHTS_FILE));
  const cardText = (await read("model-card.json")).toString("utf8");
  let card: ModelCard;
  try {
    card = JSON.parse(cardText) as ModelCard;
  } catch (error) {
    throw new Error(`model folder ${dir}: model-card.json is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  try {
    return { model: fromArtifacts(filesToArtifacts({ modelJson, weights })), card };
  } catch (error) {
    throw new Error(`model folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
}
