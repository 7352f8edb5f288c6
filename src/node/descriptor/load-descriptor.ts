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
  const descriptor = parseDescriptor(raw, path);
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
