import { beforeAll, describe, expect, it } from "vitest";
import type { HelperJob, ParallelJob } from "../../../src/lib/models/learned/parallel-training.js";
import { setTrainThreads } from "../../../src/lib/models/learned/parallel-training.js";
import { getModel } from "../../../src/lib/models/registry.js";
import type { TrainedModel } from "../../../src/lib/models/model.js";
import { loadValueData, resolveWindow } from "../../../src/node/value/load-value-data.js";
import { calibrationRows, valueFits, VALUE_MODELS } from "../../../src/node/value/run-value.js";
import { nodeTrainThreads } from "../../../src/node/workers/train-threads.js";

// The value stage's profile fits go two at a time (fitSideBySide), one of each pair on a helper
// thread alone (profile-fit-thread.ts): the calibration models and the targeting null's refits must
// be exactly those fitted one after another, for a binary and a count outcome (a count is fitted on
// the log scale, with a smearing factor from the training rows).

describe("value fits side by side", () => {
  let jobs = 0;
  beforeAll(() => {
    const inner = nodeTrainThreads(2);
    setTrainThreads({ ...inner, start: (job: ParallelJob | HelperJob) => ((jobs += "kind" in job && job.kind === "profile-fit" ? 1 : 0), inner.start(job)) });
  });

  for (const outcome of ["binary", "count"] as const) {
    it(`give the models fitted one after another, bit for bit (${outcome} outcome)`, async () => {
      const loaded = await loadValueData({ synthetic: { customers: 600, seed: 3, contextStrength: 1 } });
      const window = resolveWindow(loaded, undefined, undefined);
      // a count outcome: the purchases times a number that varies by row
      const data = outcome === "binary" ? loaded.data : {
        ...loaded.data,
        outcome: loaded.data.outcome.map((y, i) => y * (1 + (i % 4))),
        outcomeSpec: { type: "count" as const, min: 0, max: Infinity },
      };
      const models = VALUE_MODELS.map((name) => ({ definition: getModel(name), options: { seed: 7 } }));
      const irm = { definition: getModel("context-profile"), options: { seed: 7 } };
      jobs = 0;
      const apart = await valueFits(data, window, 7, models, irm, { nullFits: 3, sideBySideMinRows: Infinity });
      expect(jobs).toBe(0);
      const paired = await valueFits(data, window, 7, models, irm, { nullFits: 3, sideBySideMinRows: 0 });
      // popularity with customer-profile, context-profile with null 0, null 1 with null 2
      expect(jobs).toBe(3);
      const rows = calibrationRows(data, window);
      // above sideBySideMaxRows calibration rows, one fit at a time
      jobs = 0;
      await valueFits(data, window, 7, models, irm, { nullFits: 1, sideBySideMinRows: 0, sideBySideMaxRows: rows.size - 1 });
      expect(jobs).toBe(0);
      const same = (a: TrainedModel, b: TrainedModel): void => {
        expect(b.definition).toBe(a.definition);
        expect(Array.from(b.predict(rows))).toEqual(Array.from(a.predict(rows)));
        expect(b.fitted.describe()).toEqual(a.fitted.describe());
      };
      paired.trained.forEach((m, i) => same(apart.trained[i]!, m));
      expect(paired.nulls!.scorers.map((s) => s.scorer.name)).toEqual(["context-profile (null 0)", "context-profile (null 1)", "context-profile (null 2)"]);
      paired.nulls!.fitted.forEach((m, p) => {
        same(apart.nulls!.fitted[p]!, m);
        expect(paired.nulls!.scorers[p]!.world().contexts[0]!.codes).toEqual(apart.nulls!.scorers[p]!.world().contexts[0]!.codes);
      });
      // the refits differ from each other and from the calibration fit (permuted worlds): equal predictions would prove nothing
      const nullScores = paired.nulls!.scorers.map((s) => Array.from(s.scorer.score(rows)));
      // the targeting scores every item at once with the refits fitted on a helper thread too
      for (const s of paired.nulls!.scorers) expect(s.scorer.scoreEveryItem, s.scorer.name).toBeDefined();
      expect(nullScores[1]).not.toEqual(nullScores[0]);
      expect(nullScores[0]).not.toEqual(Array.from(paired.trained[2]!.predict(rows)));
    });
  }

  it("fits no null without an IRM model", async () => {
    const loaded = await loadValueData({ synthetic: { customers: 300, seed: 4 } });
    const window = resolveWindow(loaded, undefined, undefined);
    const fits = await valueFits(loaded.data, window, 1, [{ definition: getModel("popularity"), options: { seed: 1 } }], null, { sideBySideMinRows: 0 });
    expect(fits.nulls).toBeNull();
    expect(fits.trained.map((m) => m.definition.name)).toEqual(["popularity"]);
  });
});
