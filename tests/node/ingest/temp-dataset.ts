import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary folder for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "irmlab-ingest-"));
}

/**
 * Writes a data file and a descriptor pointing at it into `dir`.
 * @param descriptorYaml descriptor text without `source:` (added, pointing at `fileName`)
 * @returns the descriptor path
 */
export function writeDataset(dir: string, fileName: string, content: string | Buffer, descriptorYaml: string, descriptorName = "test.yaml"): string {
  writeFileSync(join(dir, fileName), content);
  const path = join(dir, descriptorName);
  writeFileSync(path, `source: ${fileName}\n${descriptorYaml}`);
  return path;
}
