/**
 * The what-if bundle: one binary file (src/data/whatif.bin) carrying a JSON manifest and the saved
 * TensorFlow.js weights of each model, so a page fetches a single file and predicts in the browser.
 *
 *   "IRMW" (4 bytes) | manifest length n (uint32 LE) | manifest JSON (UTF-8, n bytes, space-padded to 4)
 *   | weights of model 0 | weights of model 1 | ...   (offsets and lengths in the manifest)
 *
 * Only synthetic customers appear, by dictionary code and a display label; no identifier is stored.
 */
import type { ModelFiles } from "../../models/io/artifacts-files.js";
import type { ModelFamily } from "../../models/model.js";
import type { OutcomeType } from "../../schema/outcome.js";

/** The magic bytes that open a what-if bundle. */
export const WHAT_IF_MAGIC = "IRMW";

/** One model of the bundle: its model.json text and where its weights lie. */
export interface WhatIfModel {
  readonly name: string;
  readonly family: ModelFamily;
  readonly description: string;
  /** model.json of the saved TensorFlow.js model. */
  readonly modelJson: string;
  /** Byte offset of the weights, counted from the end of the manifest. */
  readonly weightsOffset: number;
  readonly weightsLength: number;
}

/** A synthetic customer the page offers: dictionary code, label, and their most frequent contexts. */
export interface WhatIfCustomer {
  /** Display label, e.g. "Customer A". Never the source identifier. */
  readonly label: string;
  /** Row of the customer in the models' embedding tables. */
  readonly code: number;
  /** The level code the customer is most often seen in, per context dimension. */
  readonly usual: readonly number[];
  /** Number of distinct context combinations the customer was seen in. */
  readonly contextsSeen: number;
}

/** What the page needs besides the weights. */
export interface WhatIfManifest {
  readonly schemaVersion: 1;
  readonly runId: string;
  /** YYYY-MM-DD of the run. */
  readonly date: string;
  readonly dataset: string;
  readonly outcomeType: OutcomeType;
  /** Models of the run left out of the bundle to keep the page small (names). */
  readonly omitted: readonly string[];
  /** Dictionary sizes the models were trained with. */
  readonly layout: {
    readonly customers: number;
    readonly items: number;
    readonly contexts: readonly { readonly name: string; readonly levels: readonly string[] }[];
  };
  readonly models: readonly WhatIfModel[];
  readonly customers: readonly WhatIfCustomer[];
  /** Items offered in the picker: code and display label ("offer 12"). */
  readonly items: readonly { readonly code: number; readonly label: string }[];
}

/**
 * Packs a manifest (whose weightsOffset/weightsLength are filled in here) and the weights.
 * @param manifest the manifest; its models' offsets are recomputed
 * @param weights weights shard of each model, in manifest order
 * @throws RangeError when the counts of models and weights differ
 */
export function encodeWhatIfBundle(manifest: Omit<WhatIfManifest, "models"> & { models: readonly Omit<WhatIfModel, "weightsOffset" | "weightsLength">[] }, weights: readonly Uint8Array[]): Uint8Array {
  if (manifest.models.length !== weights.length) {
    throw new RangeError(`encodeWhatIfBundle: ${manifest.models.length} models but ${weights.length} weight shards`);
  }
  let offset = 0;
  const models = manifest.models.map((m, i) => {
    const length = weights[i]!.byteLength;
    const placed = { ...m, weightsOffset: offset, weightsLength: length };
    offset += length;
    return placed;
  });
  let json = new TextEncoder().encode(JSON.stringify({ ...manifest, models }));
  const padded = Math.ceil(json.byteLength / 4) * 4;
  const out = new Uint8Array(8 + padded + offset);
  out.set(new TextEncoder().encode(WHAT_IF_MAGIC), 0);
  new DataView(out.buffer).setUint32(4, padded, true);
  out.fill(0x20, 8, 8 + padded);
  out.set(json, 8);
  json = out.subarray(8, 8 + padded);
  let at = 8 + padded;
  for (const w of weights) {
    out.set(w, at);
    at += w.byteLength;
  }
  return out;
}

/**
 * Reads a bundle written by {@link encodeWhatIfBundle}.
 * @param bytes the file's bytes
 * @param source where they came from, for messages. Default "data/whatif.bin".
 * @returns the manifest and, per model, the files {@link filesToArtifacts} reads
 * @throws Error when the magic, the manifest or a weights range is wrong
 */
export function decodeWhatIfBundle(bytes: ArrayBuffer | Uint8Array, source = "data/whatif.bin"): { manifest: WhatIfManifest; files: ModelFiles[] } {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const magic = new TextDecoder().decode(u8.subarray(0, 4));
  if (u8.byteLength < 8 || magic !== WHAT_IF_MAGIC) {
    throw new Error(`${source}: expected a what-if bundle starting with "${WHAT_IF_MAGIC}", received "${magic}" (${u8.byteLength} bytes)`);
  }
  const n = new DataView(u8.buffer, u8.byteOffset, u8.byteLength).getUint32(4, true);
  if (8 + n > u8.byteLength) throw new Error(`${source}: manifest length "${n}" runs past the end of the file (${u8.byteLength} bytes)`);
  let manifest: WhatIfManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(u8.subarray(8, 8 + n))) as WhatIfManifest;
  } catch (error) {
    throw new Error(`${source}: the manifest is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (manifest.schemaVersion !== 1) throw new Error(`${source}: expected schemaVersion 1, received "${String(manifest.schemaVersion)}"`);
  const base = 8 + n;
  const files = manifest.models.map((m) => {
    const start = base + m.weightsOffset;
    if (start + m.weightsLength > u8.byteLength) {
      throw new Error(`${source}: weights of model "${m.name}" (offset ${m.weightsOffset}, ${m.weightsLength} bytes) run past the end of the file`);
    }
    return { modelJson: m.modelJson, weights: u8.slice(start, start + m.weightsLength) };
  });
  return { manifest, files };
}
