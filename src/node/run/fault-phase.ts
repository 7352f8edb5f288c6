import { existsSync } from "node:fs";

/**
 * Test hook for the fault suite: IRMLAB_FAULT_PHASE=<phase> makes the process report reaching that
 * commit phase on stderr ("irmlab fault phase: <phase> pid <pid>") and then stop there, so a test
 * can kill -9 it at exactly that point. It carries on after IRMLAB_FAULT_PAUSE_MS (default 60000),
 * or as soon as the file IRMLAB_FAULT_RESUME_FILE exists (tests of concurrent writers). Unset: no effect.
 *
 * Phases of a run: reserved, models, predictions, metrics, record, manifest, store-locked, committed.
 * Phases of a sweep: sweep-locked, cell-committed (a cell's run is published, sweep.json not yet updated).
 * Any lock: lock-busy (another live process holds it; this one waits or refuses).
 */
export function faultPhase(phase: string): void {
  const wanted = process.env.IRMLAB_FAULT_PHASE;
  if (!wanted || !wanted.split(",").includes(phase)) return;
  process.stderr.write(`irmlab fault phase: ${phase} pid ${process.pid}\n`);
  const ms = Number(process.env.IRMLAB_FAULT_PAUSE_MS ?? 60_000);
  const resume = process.env.IRMLAB_FAULT_RESUME_FILE;
  const deadline = Date.now() + (Number.isFinite(ms) && ms > 0 ? ms : 0);
  // a synchronous sleep: nothing else of this process runs while it is held at the phase
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline && !(resume && existsSync(resume))) Atomics.wait(cell, 0, 0, Math.min(50, deadline - Date.now()));
}
