import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { checkedWrite } from "./write-error.js";

/**
 * Writes `text` to `path` atomically: to a temporary file in the same folder (created when needed),
 * then renamed; the temporary file is removed when writing fails.
 * @param what what is being written, for the error message; default "the file"
 * @throws WriteError naming `path` and `what` (ENOSPC, EACCES, EROFS, ...)
 */
export async function writeFileAtomic(path: string, text: string, what = "the file"): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await checkedWrite(path, what, async () => {
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(tmp, text);
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  });
}
