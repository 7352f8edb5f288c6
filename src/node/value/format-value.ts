import type { Estimate } from "../../lib/value/customer-bootstrap.js";
import type { ValueRun } from "./run-value.js";

const fmt = (v: number | null, digits = 3): string => (v === null ? "n/a" : Number(v.toPrecision(digits)).toString());
const ci = (e: Estimate | string): string => (typeof e === "string" ? e : `${fmt(e.estimate)} [${fmt(e.lower)}, ${fmt(e.upper)}]`);

/** Plain-text summary of a value run for the terminal. */
export function formatValue(run: ValueRun): string {
  const v = run.value;
  const lines = [`${run.dataset.name}: ${run.dataset.customers} customers, calibration to ${v.calibrationEnd.slice(0, 10)}, holdout to ${v.holdoutEnd.slice(0, 10)} (95% CIs, customers resampled)`];
  if (typeof v.valueByContext === "string") lines.push(`value by context, breadth: ${v.valueByContext}`);
  else {
    for (const d of v.valueByContext) lines.push(`value misattributed by a single profile (${d.dimension}): ${ci(d.misattributedShare)}`);
    for (const b of typeof v.breadth === "string" ? [] : v.breadth) lines.push(`breadth (${b.dimension}): buyers served in ${ci(b.meanBreadthBuyers)} of the levels they live in`);
  }
  lines.push(`relationship types: ${v.relationshipTypes.types.filter((t) => t.customers > 0).map((t) => `${t.type} ${fmt(100 * t.share)}%`).join(", ")}`);
  const f = v.fireList;
  lines.push(`fire list (${f.fired} of ${f.customers}, lowest ${100 * f.percentile}% CLV): valuable in a context ${ci(f.valuableInContext)}, valuable later ${ci(f.valuableInHoldout)}, value lost ${ci(f.valueLostShare)} of holdout value`);
  lines.push(`journeys: ${ci(v.journeys.nonFunnelShareOfMoves)} of stage changes are not funnel steps; ${ci(v.journeys.customersLeavingFunnel)} of customers leave the funnel`);
  if (v.journeys.truth) lines.push(`  truth: ${ci(v.journeys.truth.nonFunnelShareOfMoves)} of true stage changes; stage agreement ${fmt(v.journeys.truth.stageAgreement)}`);
  if (typeof v.targeting !== "string") {
    lines.push(`targeting (${v.targeting.mode}, ${v.targeting.units} units, ${v.targeting.candidates} offers):`);
    for (const m of v.targeting.models) {
      lines.push(`  ${m.model}: acceptance ${ci(m.firm.acceptanceRate)}, revenue ${fmt(m.firm.revenue, 5)}, relevance ${ci(m.customer.relevance)}, opt-out risk ${fmt(m.customer.optOutRiskShare)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
