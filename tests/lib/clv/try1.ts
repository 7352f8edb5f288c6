import { readCdnow, CDNOW_CAL_END, CDNOW_HOLDOUT_END } from "./cdnow-data.js";
import { rfmSummary } from "../../../src/lib/clv/rfm.js";
import { fitGammaGamma, gammaGammaExpectedSpend } from "../../../src/lib/clv/gamma-gamma.js";
const log = readCdnow("CDNOW_sample.txt");
const s = rfmSummary(log, { calibrationEnd: CDNOW_CAL_END, holdoutEnd: CDNOW_HOLDOUT_END });
console.log(fitGammaGamma({ frequency: s.frequency, monetary: s.monetary }));
console.log(fitGammaGamma({ frequency: s.frequency, monetary: s.averageSpend }));
const fp1 = s.frequency.map((x) => x > 0 ? x + 1 : 0);
console.log(fitGammaGamma({ frequency: fp1, monetary: s.averageSpend }));
