import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/**
 * A text file written line by line through a buffered stream that respects backpressure:
 * memory stays at about one chunk however many lines are written.
 */
export interface LineWriter {
  /** Appends `line` and a newline; resolves at once unless the stream asked to drain. */
  write(line: string): Promise<void> | void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens `path` for writing (truncating it).
 * @param chunkChars characters buffered before a write to the stream; default 1 << 20
 * @throws Error from the file system when the file cannot be opened or written
 */
export function openLineWriter(path: string, chunkChars = 1 << 20): LineWriter {
  const stream: WriteStream = createWriteStream(path, { encoding: "utf8" });
  let failure: Error | null = null;
  stream.on("error", (error) => {
    failure = error;
  });
  let buffer = "";
  const flush = async (): Promise<void> => {
    if (failure) throw failure;
    if (buffer.length === 0) return;
    const ok = stream.write(buffer);
    buffer = "";
    // once() also rejects when the stream emits "error" while we wait
    if (!ok) await once(stream, "drain");
    if (failure) throw failure;
  };
  return {
    write(line: string) {
      buffer += line + "\n";
      if (buffer.length >= chunkChars) return flush();
    },
    async close() {
      await flush();
      await new Promise<void>((resolveClose, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolveClose())));
      if (failure) throw failure;
    },
  };
}

/** A CSV field: quoted (RFC 4180) only when it contains a delimiter, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
