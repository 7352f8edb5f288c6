import type { Estimate } from "../../lib/value/customer-bootstrap.js";
import type { MeasureRow } from "../../lib/records/value-record.js";
import type { ValueRun } from "./run-value.js";

const fmt = (v: number | null, digits = 3): string => (v === null ? "n/a" : Number(v.toPrecision(digits)).toString());
const signed = (v: number | null, f: (x: number) => string): string => (v === null ? "n/a" : `${v >= 0 ? "+" : "−"}${f(Math.abs(v))}`);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const pts = (x: number): string => `${(100 * x).toFixed(1)} pts`;
const amount = (x: number): string => Math.round(x).toLocaleString("en-US");

/** A number in a measure's unit: shares as %, money rounded, log-loss with 3 decimals. */
function inUnit(unit: string): (x: number) => string {
  if (unit.startsWith("share")) return pct;
  if (unit === "acceptance rate") return pts;
  if (unit.startsWith("nats")) return (x) => x.toFixed(3);
  return (x) => `${amount(x)} ${unit}`;
}

/**
 * "estimate | null | excess [lower, upper] Holm [lower, upper]  p … pHolm …" of a measure, with a mark
 * when the record claims an excess (the Holm interval excludes 0 exactly then).
 */
export function nullLine(m: Pick<MeasureRow, "value" | "unit" | "claim" | "pHolm" | "adjusted">): string {
  const { value: e, unit } = m;
  const f = inUnit(unit);
  const plain = (v: number | null) => (v === null ? "n/a" : unit === "acceptance rate" ? signed(v, pts) : unit.startsWith("share") || unit.startsWith("nats") ? f(v) : signed(v, f));
  const holm = m.adjusted ? `[${signed(m.adjusted.lower, f)}, ${signed(m.adjusted.upper, f)}]` : "n/a";
  const p = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : v.toFixed(3));
  return `${plain(e.estimate)} | null ${plain(e.baseline)} | excess ${signed(e.excess, f)} [${signed(e.lower, f)}, ${signed(e.upper, f)}] Holm ${holm}  p ${p(e.p)} pHolm ${p(m.pHolm)}${m.claim ? "  *" : ""}`;
}

const ci = (e: Estimate, f: (x: number) => string): string => `${signed(e.estimate, f)} [${signed(e.lower, f)}, ${signed(e.upper, f)}]`;

/** Plain-text summary of a value run for the terminal. */
export function formatValue(run: ValueRun): string {
  const v = run.value;
  const lines = [
    `${run.dataset.name}: ${run.dataset.customers} customers, calibration to ${v.calibrationEnd.slice(0, 10)}, holdout to ${v.holdoutEnd.slice(0, 10)}; money in ${v.currency}`,
    `every measure: estimate | null baseline | excess over the null [95% CI of the excess, customers resampled, paired, unadjusted] Holm [interval adjusted for the measures tested together: excludes 0 exactly when claimed]; p: bootstrap; * = claimed (Holm-adjusted p < 0.05 among the context measures)`,
    `null: ${v.nullModel.permutations > 0 ? `context labels permuted within customer (${v.nullModel.permutations} permutations averaged)` : "no context recorded: context measures are not computed"}`,
  ];
  if (typeof v.valueByContext === "string") lines.push(`value by context, breadth, IRM-aware fire score: ${v.valueByContext}`);
  const width = Math.max(...v.measures.map((m) => m.measure.length));
  for (const m of v.measures) lines.push(`  ${m.measure.padEnd(width)}  ${nullLine(m)}`);
  const f = v.firePolicy;
  lines.push(`fire policy: drop the lowest ${100 * f.percentile}% (${f.fired} of ${f.customers} customers with a calibration purchase); share of holdout value they held:`);
  const share = (e: Estimate): string => (e.estimate === null ? "n/a" : `${pct(e.estimate)}${e.lower === null || e.upper === null ? "" : ` [${pct(e.lower)}, ${pct(e.upper)}]`}`);
  lines.push(`  by CLV ${share(f.lostByClv)}` +
    (typeof f.lostByIrm === "string" || typeof f.difference === "string" ? `; IRM-aware score: ${f.lostByIrm}` : `; by the IRM-aware score ${share(f.lostByIrm)}; difference (CLV − IRM-aware) ${ci(f.difference, pct)}; ${pct(f.overlap ?? 0)} of the fired are the same customers`));
  // the null calibration (docs/null-calibration.md) found the two policies fire ~99% the same
  // customers at every context strength: say "no gain" plainly instead of letting a 0 look like a finding
  if (typeof f.difference !== "string" && f.overlap !== null && f.overlap >= 0.95) {
    lines.push(`  no gain from the IRM-aware score: it fires ${pct(f.overlap)} of the same customers as CLV: the lowest CLVs belong to customers the CLV model judges to have stopped buying, and their contexts do not change that`);
  }
  const j = v.journeys.funnelTest;
  lines.push(`journeys: next month's stage on ${j.heldOutTransitions} held-out transitions of ${j.customers} customers: log-loss ${fmt(j.logLoss.estimate)} unconstrained vs ${fmt(j.logLoss.baseline)} funnel with exits (${j.forbiddenShare === null ? "n/a" : pct(j.forbiddenShare)} of held-out moves are ones the funnel forbids)`);
  if (typeof v.targeting !== "string") {
    const t = v.targeting;
    lines.push(`targeting (${t.mode}, ${t.units} units, ${t.candidates} offers, ${pct(t.targetShare)} contacted, ${t.contactsPerMonth} contacts): acceptance rate, expected revenue (${v.currency}), relevance, opt-out risk = share contacted more often than they allow`);
    for (const m of t.models) {
      lines.push(`  ${m.model}: acceptance ${pct(m.firm.acceptanceRate.estimate ?? NaN)}, revenue ${m.firm.revenue === null ? "n/a" : amount(m.firm.revenue)}, relevance ${pct(m.customer.relevance.estimate ?? NaN)}, opt-out risk ${m.customer.optOutRiskShare === null ? "not recorded" : pct(m.customer.optOutRiskShare)}`);
    }
    for (const c of t.comparisons) {
      lines.push(`  ${c.model} − ${c.reference} (same customers): acceptance ${ci(c.acceptanceRate, pts)}${c.revenue ? `, revenue ${ci(c.revenue, (x) => `${amount(x)} ${v.currency}`)}` : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
