/**
 * An exclusive lock held as a file created with O_EXCL, holding the owner (pid, process start, host).
 *
 *   create <path> exclusively ──ok──▶ held; release() removes it (only if still ours)
 *        │ exists
 *        ▼
 *   owner alive? ──yes──▶ wait and retry until waitMs, then refuse (LockBusyError naming owner and file)
 *        │ no (killed holder, reused pid)
 *        ▼
 *   break it: rename to a unique name, check it is the stale one just read (else put it back), retry
 */
import { randomBytes } from "node:crypto";
import { link, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { currentOwner, isOwnerAlive, parseOwner, type ProcessOwner } from "./process-owner.js";
import { writeError } from "../write-error.js";
import { faultPhase } from "./fault-phase.js";

/** The lock is held by a live process and waiting longer was not allowed. */
export class LockBusyError extends Error {
  override readonly name = "LockBusyError";
  constructor(
    readonly file: string,
    readonly owner: ProcessOwner | null,
    message: string,
  ) {
    super(message);
  }
}

export interface LockOptions {
  /** What the lock protects, for messages ("run store data/runs"). */
  readonly purpose: string;
  /** How long to wait for a live holder, in ms; 0 refuses at once. Default 30000. */
  readonly waitMs?: number;
  /** Shown after a refusal: what the user can do. Default none. */
  readonly hint?: string;
}

/** A held lock. */
export interface HeldLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's. */
  release(): Promise<void>;
}

/** An unparsable lock file younger than this is being written right now: wait, don't break it. */
const FRESH_MS = 10_000;

/**
 * Takes the lock at `file`, waiting (bounded) while a live process holds it.
 * @throws LockBusyError naming the file and the holder when it stays held past waitMs; WriteError
 *   when the lock file cannot be created (ENOSPC, EACCES, EROFS, ...)
 */
export async function acquireLock(file: string, options: LockOptions): Promise<HeldLock> {
  const waitMs = options.waitMs ?? 30_000;
  const mine = `${JSON.stringify({ ...currentOwner(), token: randomBytes(8).toString("hex"), since: new Date().toISOString(), purpose: options.purpose })}\n`;
  const deadline = Date.now() + waitMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    try {
      await writeFile(file, mine, { flag: "wx" });
      return { file, release: () => releaseIfMine(file, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        // a half-written lock file would block everyone: remove it (it is ours, created just now)
        if ((error as NodeJS.ErrnoException).code === "ENOSPC") await releaseIfMine(file, null).catch(() => undefined);
        throw writeError(error, file, `the lock of ${options.purpose}`);
      }
    }
    const text = await readFile(file, "utf8").catch(() => null);
    if (text === null) continue; // released between our attempt and the read
    const owner = parseOwner(text);
    const stale = owner ? !isOwnerAlive(owner) : await olderThan(file, FRESH_MS);
    if (stale) {
      await breakStale(file, text);
      continue;
    }
    if (delay === 20) faultPhase("lock-busy");
    if (Date.now() >= deadline) {
      const who = owner ? `process ${owner.pid}${owner.host ? ` on ${owner.host}` : ""}` : "another process";
      const since = /"since":"([^"]+)"/.exec(text)?.[1];
      throw new LockBusyError(
        file,
        owner,
        `${options.purpose} is in use by ${who}${since ? ` since ${since}` : ""} (lock file ${file})` +
          `${waitMs > 0 ? `; waited ${Math.round(waitMs / 1000)} s` : ""}${options.hint ? `; ${options.hint}` : ""}`,
      );
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

async function olderThan(file: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > ms;
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock without ever removing a fresh one: another process may have broken the
 * stale lock and taken a new one between our read and now, so the file moved aside is checked.
 */
async function breakStale(file: string, staleText: string): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await rename(file, aside);
  } catch {
    return; // gone already: someone else broke or released it
  }
  const moved = await readFile(aside, "utf8").catch(() => null);
  if (moved !== null && moved !== staleText) {
    // a live holder's lock: put it back (link fails if yet another lock was taken meanwhile)
    await link(aside, file).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

async function releaseIfMine(file: string, mine: string | null): Promise<void> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text !== null && (mine === null ? text === "" : text === mine)) await unlink(file).catch(() => undefined);
}

/** Runs `work` holding the lock at `file`. */
export async function withLock<T>(file: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(file, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
