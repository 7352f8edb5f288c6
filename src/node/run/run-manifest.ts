/**
 * manifest.json of a run folder: every file of the run with its size and sha256, written last,
 * just before the folder is renamed into place. A run is complete only when its manifest is there,
 * lists run.json and metrics.json, and every file it lists exists with those bytes.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { parseRunRecord, type RunRecord } from "../../lib/records/run-record.js";
import { checkedWrite } from "../write-error.js";

export const MANIFEST_FILE = "manifest.json";
const KIND = "irmlab-run-manifest/1";

export interface RunManifest {
  readonly kind: typeof KIND;
  readonly runId: string;
  /** Every file of the run, relative to the run folder with "/" separators, sorted. */
  readonly files: readonly { readonly path: string; readonly bytes: number; readonly sha256: string }[];
}

/** What a run folder holds, judged from its manifest. */
export type RunInspection =
  | { readonly status: "complete"; readonly run: RunRecord; readonly manifest: RunManifest }
  | { readonly status: "incomplete" | "damaged"; readonly problem: string };

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Files under `dir` (relative, "/"-separated, sorted), leaving out `skip` names at the top. */
async function listFiles(dir: string, skip: readonly string[], prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? posix.join(prefix, entry.name) : entry.name;
    if (!prefix && skip.includes(entry.name)) continue;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, skip, rel)));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * Hashes every file in `dir` (except `skip`) and writes manifest.json.
 * @throws WriteError naming manifest.json when it cannot be written
 */
export async function writeManifest(dir: string, runId: string, skip: readonly string[] = []): Promise<RunManifest> {
  const files = [];
  for (const path of await listFiles(dir, [MANIFEST_FILE, ...skip])) {
    const full = join(dir, path);
    files.push({ path, bytes: (await stat(full)).size, sha256: await sha256(full) });
  }
  const manifest: RunManifest = { kind: KIND, runId, files };
  const file = join(dir, MANIFEST_FILE);
  await checkedWrite(file, `the manifest of run ${runId}`, () => writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`));
  return manifest;
}

/**
 * Checks a published run folder against its manifest. Never throws for a bad folder: the problem
 * (naming the file) is returned.
 */
export async function inspectRunFolder(dir: string): Promise<RunInspection> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? { status: "incomplete", problem: `${MANIFEST_FILE} is missing (it is written last: the run never finished, or predates manifests)` }
      : { status: "damaged", problem: `${MANIFEST_FILE} cannot be read (${code ?? (error as Error).message})` };
  }
  const manifest = parseManifest(text);
  if (typeof manifest === "string") return { status: "damaged", problem: `${MANIFEST_FILE}: ${manifest}` };
  for (const f of manifest.files) {
    const full = join(dir, f.path);
    let size: number;
    try {
      size = (await stat(full)).size;
    } catch {
      return { status: "damaged", problem: `${f.path} is missing (listed in ${MANIFEST_FILE})` };
    }
    if (size !== f.bytes) return { status: "damaged", problem: `${f.path} has ${size} bytes; ${MANIFEST_FILE} records ${f.bytes}` };
    if ((await sha256(full)) !== f.sha256) return { status: "damaged", problem: `${f.path} does not match its sha256 in ${MANIFEST_FILE} (changed after the run was written)` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, "run.json"), "utf8"));
  } catch (error) {
    return { status: "damaged", problem: `run.json is not valid JSON (${(error as Error).message})` };
  }
  let run: RunRecord;
  try {
    run = parseRunRecord(raw, "run.json");
  } catch (error) {
    return { status: "damaged", problem: (error as Error).message };
  }
  return { status: "complete", run, manifest };
}

/** The manifest, or what is wrong with it. */
function parseManifest(text: string): RunManifest | string {
  let raw: Partial<RunManifest>;
  try {
    raw = JSON.parse(text) as Partial<RunManifest>;
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (raw?.kind !== KIND || !Array.isArray(raw.files)) return `expected an object with kind "${KIND}" and a files list`;
  for (const f of raw.files) {
    const ok = typeof f?.path === "string" && !f.path.startsWith("/") && !f.path.split("/").includes("..") && Number.isSafeInteger(f.bytes) && /^[0-9a-f]{64}$/.test(String(f.sha256));
    if (!ok) return `malformed entry ${JSON.stringify(f)}`;
  }
  const paths = new Set(raw.files.map((f) => f.path));
  for (const required of ["run.json", "metrics.json"]) if (!paths.has(required)) return `does not list ${required}`;
  return raw as RunManifest;
}
