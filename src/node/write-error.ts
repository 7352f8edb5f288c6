/**
 * Checked writes: a failed write (ENOSPC, EACCES, EROFS, EDQUOT, EIO, ...) becomes one error that
 * names the file and what was being written, instead of "ENOSPC: no space left on device, write".
 */

/** Plain-words reasons for the errno codes a write can end with. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENOENT: "the folder does not exist (removed while writing?)",
  ENOTDIR: "a parent path is not a folder",
  EISDIR: "a folder is in the way",
  EEXIST: "it already exists",
  EFBIG: "the file is too large for the file system",
};

/** An error raised while writing `file`. */
export class WriteError extends Error {
  override readonly name = "WriteError";
  constructor(
    readonly file: string,
    readonly what: string,
    readonly code: string | null,
    options: { cause: unknown },
  ) {
    const reason = code ? `${code}: ${REASONS[code] ?? (options.cause as Error).message}` : (options.cause as Error).message;
    super(`cannot write ${what} to ${file} (${reason})`, options);
  }
}

/**
 * `error` as a WriteError naming `file` and `what` (an already wrapped error is returned as is).
 * @param what what was being written, e.g. "the predictions of run X"
 */
export function writeError(error: unknown, file: string, what: string): WriteError {
  if (error instanceof WriteError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return new WriteError(file, what, typeof code === "string" ? code : null, { cause: error });
}

/**
 * Runs `write` and turns any failure into a {@link WriteError} for `file`.
 * Honours the test hook IRMLAB_FAULT_WRITE=<file name>[:<errno>] (e.g. "predictions.csv:ENOSPC"): the
 * write of a file of that name fails with that code, for fault tests where no tiny disk can be mounted.
 */
export async function checkedWrite<T>(file: string, what: string, write: () => Promise<T>): Promise<T> {
  try {
    injectedFault(file);
    return await write();
  } catch (error) {
    throw writeError(error, file, what);
  }
}

/** Throws the error IRMLAB_FAULT_WRITE asks for when `file` is the named file. */
export function injectedFault(file: string): void {
  const hook = process.env.IRMLAB_FAULT_WRITE;
  if (!hook) return;
  const [name, code = "ENOSPC"] = hook.split(":");
  if (name && (file === name || file.endsWith(`/${name}`))) {
    throw Object.assign(new Error(`${code}: injected by IRMLAB_FAULT_WRITE, write '${file}'`), { code });
  }
}
