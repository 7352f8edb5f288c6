/**
 * Who owns a temporary run folder or a lock: a process id plus that process's start time, so a
 * reused pid (the owner died, another process got its number) is not mistaken for the owner.
 */
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

/** The identity recorded in owner and lock files. */
export interface ProcessOwner {
  readonly pid: number;
  /** Start time of the process in clock ticks since boot (Linux /proc/<pid>/stat field 22); null elsewhere. */
  readonly start: string | null;
  readonly host: string;
}

/** Start time of `pid` from /proc, or null where /proc is not available or the process is gone. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may contain spaces and parentheses: fields restart after the last ")"
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** This process. */
export function currentOwner(): ProcessOwner {
  return { pid: process.pid, start: processStart(process.pid), host: hostname() };
}

/**
 * Whether the process that wrote `owner` is still running. An owner from another host is assumed
 * alive (its pid means nothing here), so a shared folder is never cleaned from under it.
 */
export function isOwnerAlive(owner: ProcessOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (owner.start === null) return true;
  const now = processStart(owner.pid);
  return now === null || now === owner.start;
}

/**
 * Parses an owner file's text; null when it is not an owner record (a truncated write, a stray file).
 */
export function parseOwner(text: string): ProcessOwner | null {
  try {
    const o = JSON.parse(text) as Partial<ProcessOwner>;
    if (typeof o.pid !== "number" || !Number.isSafeInteger(o.pid) || typeof o.host !== "string") return null;
    return { pid: o.pid, start: typeof o.start === "string" ? o.start : null, host: o.host };
  } catch {
    return null;
  }
}
