import { readFile, stat } from "node:fs/promises";
import { parse, YAMLParseError } from "yaml";
import { DescriptorError, type Descriptor } from "./descriptor.js";
import { parseDescriptor } from "./parse-descriptor.js";
import { expandSource, isGlob } from "../ingest/source-files.js";

/**
 * Reads and validates a dataset descriptor (YAML) and checks that its source file exists.
 * @param path descriptor path (relative to the working directory or absolute)
 * @throws DescriptorError when the file cannot be read, is not valid YAML, fails validation, or
 *   names a source file that does not exist
 */
export async function loadDescriptor(path: string): Promise<Descriptor> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new DescriptorError(path, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split("\n")[0] : String(error);
    throw new DescriptorError(path, `not valid YAML: ${detail}`, { cause: error });
  }
  const descriptor = parseDescriptor(keepTypedMissing(raw, text), path);
  if (isGlob(descriptor.source)) {
    if ((await expandSource(descriptor.sourcePath)).length === 0) {
      throw new DescriptorError(path, `source "${descriptor.source}" matches no file (resolved to ${descriptor.sourcePath})`);
    }
    return descriptor;
  }
  try {
    const s = await stat(descriptor.sourcePath);
    if (!s.isFile()) throw new Error("not a file");
  } catch (error) {
    throw new DescriptorError(path, `source "${descriptor.source}" is not a readable file (resolved to ${descriptor.sourcePath})`, { cause: error });
  }
  return descriptor;
}

/**
 * The `missing` list as the user typed it: YAML reads `NULL` and `~` as null, `0` as a number and
 * `yes` as true, but a missing-value marker is text compared with the file's text, so the list is
 * re-read with YAML's failsafe schema (every scalar a string). Quoted entries are unchanged.
 */
function keepTypedMissing(raw: unknown, text: string): unknown {
  if (raw === null || typeof raw !== "object" || !Array.isArray((raw as Record<string, unknown>).missing)) return raw;
  const typed = (parse(text, { schema: "failsafe", uniqueKeys: true }) as Record<string, unknown>).missing;
  if (!Array.isArray(typed) || !typed.every((x) => typeof x === "string")) return raw;
  return { ...(raw as Record<string, unknown>), missing: typed };
}
