/**
 * The files a descriptor's `source` names: one path, or a glob of partition files
 * (`parts/*.parquet`, `year=*\/month=*\/*.csv.gz`, `export/**\/*.parquet`), expanded in sorted order so
 * that data rows are numbered the same way on every run.
 */
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

const GLOB_CHARS = /[*?[]/;

/** Whether `source` is a glob pattern rather than one file. */
export function isGlob(source: string): boolean {
  return GLOB_CHARS.test(source);
}

/**
 * Regular expression for a glob: `*` any run of characters within one path segment, `?` one such
 * character, `**` any number of whole segments, `[abc]` one of the listed characters.
 */
export function globRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*" && pattern[i + 1] === "*") {
      // "**/" matches zero or more whole folders
      re += pattern[i + 2] === "/" ? "(?:[^/]*/)*" : ".*";
      i += pattern[i + 2] === "/" ? 2 : 1;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/**
 * The files matched by an absolute path or glob, sorted by path.
 * @returns the file itself when `path` is no glob (whether or not it exists: callers stat it)
 */
export async function expandSource(path: string): Promise<string[]> {
  if (!isGlob(path)) return [path];
  const posix = path.split(sep).join("/");
  const firstGlob = posix.search(GLOB_CHARS);
  const root = posix.slice(0, posix.lastIndexOf("/", firstGlob) + 1) || "/";
  const re = globRegExp(posix.slice(root.length));
  let entries: string[];
  try {
    entries = await readdir(root, { recursive: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = e.split(sep).join("/");
    if (!re.test(rel)) continue;
    const full = join(root, rel);
    if ((await stat(full)).isFile()) out.push(full);
  }
  return out.sort((a, b) => (relative(root, a) < relative(root, b) ? -1 : a === b ? 0 : 1));
}
