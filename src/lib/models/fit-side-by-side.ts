import { PARALLEL_MIN_ROWS, trainThreads } from "./learned/parallel-training.js";
import { fitInput, fitModel, trainedModel, type FitOptions, type ModelDefinition, type TrainedModel } from "./model.js";
import { isProfileModel, startProfileFit } from "./profile/profile-models.js";
import type { Interactions } from "../schema/interactions.js";

/**
 * Memory a profile fit on a helper thread adds beside the fit here, per row of its rows: their copy,
 * its keys and outcome on shared memory, its working vectors and blocks. Measured: about 150 bytes a
 * row for the context-profile model with 3 context dimensions (2.29M rows); callers derive
 * fitSideBySide's maxRows from it and the machine's memory.
 */
export const SIDE_BY_SIDE_BYTES_PER_ROW = 150;

/** One fit of fitSideBySide. */
export interface FitJob {
  readonly definition: ModelDefinition;
  /** The rows to fit (made when the fit starts, so that a list of jobs holds no rows). */
  readonly rows: () => Interactions;
  readonly options: FitOptions;
}

/**
 * Fits every job, as fitModel would one after another, and returns the models in the jobs' order.
 * Where helper threads are installed, the profile-model jobs go two at a time (the first with the
 * second, the third with the fourth, …) when the earlier of the two has at least `minRows` rows: the
 * later one on a helper thread alone (startProfileFit), the earlier one here on the threads left;
 * every other job runs here on every thread. Two fits of one thread each get more from two cores
 * than one fit on two threads, which waits at every sum over rows (1.01M rows: 5 context-profile
 * refits 33.5 → 23.8 s), and a profile fit is the same bit for bit on any number of threads, so the
 * models are the ones fitted one after another.
 * A pair also needs the memory of two fits at once: above `maxRows` rows the jobs run one after
 * another (see SIDE_BY_SIDE_BYTES_PER_ROW).
 * @throws the first fit's error, after disposing the models already fitted
 */
export async function fitSideBySide(jobs: readonly FitJob[], minRows = PARALLEL_MIN_ROWS, maxRows = Infinity): Promise<TrainedModel[]> {
  const runtime = trainThreads();
  const out: (TrainedModel | undefined)[] = new Array(jobs.length);
  // the jobs that may pair, in order: the earlier of each pair points to the later one
  const partner = new Int32Array(jobs.length).fill(-1);
  if (runtime && runtime.available >= 2) {
    let open = -1;
    jobs.forEach((job, j) => {
      if (!isProfileModel(job.definition)) return;
      if (open < 0) open = j;
      else {
        partner[open] = j;
        open = -1;
      }
    });
  }
  try {
    for (let j = 0; j < jobs.length; j++) {
      if (out[j]) continue;
      const job = jobs[j]!;
      const rows = job.rows();
      const p = partner[j]!;
      if (p < 0 || rows.size < minRows || rows.size > maxRows) {
        out[j] = await fitModel(job.definition, rows, job.options);
        continue;
      }
      const other = jobs[p]!;
      // helpers 0 .. available − 3 stay with the fit here; the last one takes the other fit
      const aside = startProfileFit(other.definition, fitInput(other.definition, other.rows()), other.options, runtime!, runtime!.available - 2)!;
      out[j] = await fitModel(job.definition, rows, { ...job.options, threads: runtime!.available - 1 });
      out[p] = trainedModel(other.definition, aside());
    }
  } catch (error) {
    for (const m of out) m?.fitted.dispose?.();
    throw error;
  }
  return out as TrainedModel[];
}
