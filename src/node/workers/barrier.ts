import type { Barrier } from "../../lib/models/learned/parallel-training.js";

/** Thrown by a barrier when a helper thread failed (its error is on the helper's stderr). */
export class HelperThreadError extends Error {}

/**
 * A reusable barrier for `parties` threads over shared state [arrived, generation]: the last
 * thread to arrive resets the count and bumps the generation; the others spin briefly (a batch
 * phase takes well under a millisecond), then sleep in Atomics.wait. `failed[0]` ≠ 0 (set by a
 * helper that threw) makes every waiter throw instead of waiting forever.
 * @param spins polls before sleeping
 * @throws HelperThreadError naming the failed thread
 */
export function makeBarrier(state: Int32Array, parties: number, failed: Int32Array, spins = 2000): Barrier {
  return () => {
    const generation = Atomics.load(state, 1);
    if (Atomics.add(state, 0, 1) === parties - 1) {
      Atomics.store(state, 0, 0);
      Atomics.add(state, 1, 1);
      Atomics.notify(state, 1);
      return;
    }
    for (let i = 0; i < spins; i++) if (Atomics.load(state, 1) !== generation) return;
    while (Atomics.load(state, 1) === generation) {
      const f = Atomics.load(failed, 0);
      if (f !== 0) throw new HelperThreadError(`training: helper thread ${f} failed (see its error above)`);
      Atomics.wait(state, 1, generation, 1000);
    }
  };
}
