/**
 * Each stage's own peak resident set size. The process's peak (peakRssMb, getrusage's maxRSS) only
 * grows, so it shows which stage raised it, never how much a later, smaller stage needed. A helper
 * thread reads /proc/self/status every `intervalMs` and keeps the largest VmRSS since the last
 * reset; the calling thread's own readings at reset and at the end are included, so a stage shorter
 * than the interval still has its start and end. Linux only: elsewhere startRssSampler returns null.
 *
 *   bench stage ─ reset() ─► work (helper: max of VmRSS every intervalMs) ─► peakMb()
 */
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** One process's stage peaks (see startRssSampler). */
export interface RssSampler {
  /** Starts a new stage: its peak is the current RSS. */
  reset(): void;
  /** Largest RSS since the last reset, MiB (the helper's samples and this thread's reading now). */
  peakMb(): number;
  /** Stops the helper thread. */
  close(): void;
}

const STATUS = "/proc/self/status";

// CommonJS (an eval worker); slot 0: peak KiB since reset, slot 1: 1 = stop
const SAMPLER = `
const { workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const state = workerData.state;
for (;;) {
  const m = /VmRSS:\\s+(\\d+)/.exec(readFileSync(${JSON.stringify(STATUS)}, "utf8"));
  if (m) {
    const kb = Number(m[1]);
    for (let seen = Atomics.load(state, 0); kb > seen; seen = Atomics.load(state, 0)) {
      if (Atomics.compareExchange(state, 0, seen, kb) === seen) break;
    }
  }
  if (Atomics.wait(state, 1, 0, workerData.intervalMs) !== "timed-out") break;
}`;

/** VmRSS of this process in KiB, or null where /proc is not there. */
export function currentRssKb(): number | null {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(STATUS, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Starts the sampling thread (it does not keep the process alive), or returns null where the
 * process's RSS cannot be read (no /proc/self/status).
 * @param intervalMs time between samples; default 50
 */
export function startRssSampler(intervalMs = 50): RssSampler | null {
  const now = currentRssKb();
  if (now === null) return null;
  const state = new Int32Array(new SharedArrayBuffer(8));
  state[0] = now;
  const worker = new Worker(SAMPLER, { eval: true, workerData: { state, intervalMs } });
  worker.unref();
  return {
    reset() {
      Atomics.store(state, 0, currentRssKb() ?? 0);
    },
    peakMb() {
      return Math.round(Math.max(Atomics.load(state, 0), currentRssKb() ?? 0) / 1024);
    },
    close() {
      Atomics.store(state, 1, 1);
      Atomics.notify(state, 1);
    },
  };
}
