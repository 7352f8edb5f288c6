import { readCdnow, CDNOW_CAL_END } from "./cdnow-data.js";
import { rfmSummary } from "../../../src/lib/clv/rfm.js";
import { bgNbdLogLikelihood } from "../../../src/lib/clv/bg-nbd.js";
import { minimizeNelderMead } from "../../../src/lib/clv/nelder-mead.js";
const s = rfmSummary(readCdnow("CDNOW_master.txt"), { calibrationEnd: CDNOW_CAL_END });
const f = (z: Float64Array) => -bgNbdLogLikelihood({ r: Math.exp(z[0]!), alpha: Math.exp(z[1]!), a: Math.exp(z[2]!), b: Math.exp(z[3]!) }, s);
for (const tol of [1e-4, 1e-7, 1e-10]) {
  const r = minimizeNelderMead(f, [0, Math.log(3), 0, 0], { tolerance: tol, maxRestarts: 1 });
  console.log(tol, r.evaluations, r.value);
}
