import { beforeAll, describe, expect, it } from "vitest";
import type { HelperJob, ParallelJob } from "../../../src/lib/models/learned/parallel-training.js";
import { setTrainThreads, trainThreads } from "../../../src/lib/models/learned/parallel-training.js";
import { getModel } from "../../../src/lib/models/registry.js";
import { loadValueData, resolveWindow } from "../../../src/node/value/load-value-data.js";
import { calibrationRows, nullScorersOf } from "../../../src/node/value/run-value.js";
import { nodeTrainThreads } from "../../../src/node/workers/train-threads.js";

// The targeting null's refits of a profile model go two at a time, one on a helper thread alone
// (profile-fit-thread.ts) and one on the calling thread: the scorers must be exactly those of the
// refits one after another, for a binary and a count outcome (a count is fitted on the log scale).

describe("null refits side by side", () => {
  let jobs = 0;
  beforeAll(() => {
    const inner = nodeTrainThreads(2);
    setTrainThreads({ ...inner, start: (job: ParallelJob | HelperJob) => ((jobs += "kind" in job && job.kind === "profile-fit" ? 1 : 0), inner.start(job)) });
  });

  for (const outcome of ["binary", "count"] as const) {
    it(`give the refits made one after another, bit for bit (${outcome} outcome)`, async () => {
      const loaded = await loadValueData({ synthetic: { customers: 600, seed: 3, contextStrength: 1 } });
      const window = resolveWindow(loaded, undefined, undefined);
      // a count outcome: the purchases times a number that varies by row
      const data = outcome === "binary" ? loaded.data : {
        ...loaded.data,
        outcome: loaded.data.outcome.map((y, i) => y * (1 + (i % 4))),
        outcomeSpec: { type: "count" as const, min: 0, max: Infinity },
      };
      const definition = getModel("context-profile");
      jobs = 0;
      const apart = await nullScorersOf(definition, data, window, 7, 3, { seed: 7 }, Infinity);
      expect(jobs).toBe(0);
      const paired = await nullScorersOf(definition, data, window, 7, 3, { seed: 7 }, 0);
      // 3 refits: one pair (one on the helper), then one alone
      expect(jobs).toBe(1);
      expect(trainThreads()!.available).toBe(2);
      expect(paired.scorers.map((s) => s.scorer.name)).toEqual(apart.scorers.map((s) => s.scorer.name));
      const rows = calibrationRows(data, window);
      const predictions = apart.scorers.map((s) => s.scorer.score(rows));
      paired.scorers.forEach((s, p) => {
        expect(s.world.contexts[0]!.codes).toEqual(apart.scorers[p]!.world.contexts[0]!.codes);
        expect(Array.from(s.scorer.score(rows))).toEqual(Array.from(predictions[p]!));
        expect(paired.fitted[p]!.fitted.describe()).toEqual(apart.fitted[p]!.fitted.describe());
      });
      // the refits differ from each other (the worlds are permuted differently): equal predictions would prove nothing
      expect(Array.from(predictions[1]!)).not.toEqual(Array.from(predictions[0]!));
    });
  }
});
