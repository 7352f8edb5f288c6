/**
 * Test hook for the fault suite: IRMLAB_FAULT_PHASE=<phase> makes the process report reaching that
 * commit phase on stderr ("irmlab fault phase: <phase> pid <pid>") and then stop there, so a test
 * can kill -9 it at exactly that point. IRMLAB_FAULT_PAUSE_MS (default 60000) bounds the stop, after
 * which the process carries on (tests of concurrent writers use a short pause). Unset: no effect.
 *
 * Phases of a run: reserved, models, predictions, metrics, record, manifest, store-locked, committed.
 * Phases of a sweep: sweep-locked, cell-committed (a cell's run is published, sweep.json not yet updated).
 */
export function faultPhase(phase: string): void {
  const wanted = process.env.IRMLAB_FAULT_PHASE;
  if (!wanted || !wanted.split(",").includes(phase)) return;
  process.stderr.write(`irmlab fault phase: ${phase} pid ${process.pid}\n`);
  const ms = Number(process.env.IRMLAB_FAULT_PAUSE_MS ?? 60_000);
  // a synchronous sleep: nothing else of this process runs while it is held at the phase
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number.isFinite(ms) && ms > 0 ? ms : 0);
}
