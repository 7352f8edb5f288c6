import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { hashFileIfExists } from "../hash.js";

const run = promisify(execFile);

/** The package version, git commit and dirty flag (null outside a git checkout), and the lockfile hash. */
export async function codeVersion(cwd = process.cwd()): Promise<{ code: { version: string; commit: string | null; dirty: boolean | null }; lockfileHash: string | null }> {
  const version = (JSON.parse(readFileSync(`${cwd}/package.json`, "utf8")) as { version: string }).version;
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = (await run("git", ["rev-parse", "HEAD"], { cwd })).stdout.trim();
    dirty = (await run("git", ["status", "--porcelain", "--untracked-files=no"], { cwd })).stdout.trim().length > 0;
  } catch {
    // not a git checkout (e.g. an unpacked release): commit stays null
  }
  return { code: { version, commit, dirty }, lockfileHash: await hashFileIfExists(`${cwd}/package-lock.json`) };
}
