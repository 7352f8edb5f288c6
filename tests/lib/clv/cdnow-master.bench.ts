/**
 * Fit-time benchmark on the full CDNOW log (23,570 customers, 69,659 transactions):
 * `npx vitest bench tests/lib/clv`. Skips when the dataset folder is absent.
 */
import { bench, describe } from "vitest";
import { fitBgNbd } from "../../../src/lib/clv/bg-nbd.js";
import { fitGammaGamma } from "../../../src/lib/clv/gamma-gamma.js";
import { fitParetoNbd } from "../../../src/lib/clv/pareto-nbd.js";
import { rfmSummary } from "../../../src/lib/clv/rfm.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, CDNOW_PRESENT, readCdnow } from "./cdnow-data.js";

describe.skipIf(!CDNOW_PRESENT)("CDNOW_master fits", () => {
  const log = CDNOW_PRESENT ? readCdnow("CDNOW_master.txt") : null;
  const summary = log ? rfmSummary(log, { calibrationEnd: CDNOW_CAL_END, holdoutEnd: CDNOW_HOLDOUT_END }) : null;
  const opts = { iterations: 3, warmupIterations: 0 };
  bench("rfmSummary", () => void rfmSummary(log!, { calibrationEnd: CDNOW_CAL_END, holdoutEnd: CDNOW_HOLDOUT_END }), opts);
  bench("fitBgNbd", () => void fitBgNbd(summary!), opts);
  bench("fitParetoNbd", () => void fitParetoNbd(summary!), opts);
  bench("fitGammaGamma", () => void fitGammaGamma({ frequency: summary!.frequency, monetary: summary!.monetary }), opts);
});
