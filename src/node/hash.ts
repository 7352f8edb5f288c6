import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";

/** sha256 (hex) of a file's bytes, streamed. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** sha256 (hex) of a file, or null when it does not exist. */
export async function hashFileIfExists(path: string): Promise<string | null> {
  return existsSync(path) ? hashFile(path) : null;
}

/** sha256 (hex) of strings and typed arrays, in order. */
export function hashParts(...parts: (string | ArrayBufferView)[]): string {
  const hash = createHash("sha256");
  for (const p of parts) {
    if (typeof p === "string") hash.update(p, "utf8");
    else hash.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    hash.update("\0");
  }
  return hash.digest("hex");
}
