import { METRICS } from "../evaluation/metric-names.js";
import { overallDifference, verdictOf } from "../evaluation/verdict.js";
import type { Comparison } from "../records/metrics-record.js";

/**
 * Warnings when the run's own comparisons contradict its headline: the headline says the IRM model
 * beats the CRM model, but another CRM model of the run (the baseline included) beats that IRM
 * model on the same metric; or the mirror image for a CRM win. The headline pair of a hand-written
 * config is fixed, not the best of each family, so this can happen; `models: auto` picks the pair
 * on training rows instead. Test-set results never change the headline; they only qualify it.
 * @param headline the headline comparison (its metric is the one checked)
 */
export function headlineContradictions(comparisons: readonly Comparison[], headline: Comparison): string[] {
  const h = verdictOf(overallDifference(headline), headline.higherIsBetter);
  if (h !== "irm-better" && h !== "crm-better") return [];
  const label = METRICS[headline.metric].label;
  const out: string[] = [];
  for (const c of comparisons) {
    if (c === headline || c.metric !== headline.metric) continue;
    const v = verdictOf(overallDifference(c), c.higherIsBetter);
    if (h === "irm-better" && c.irm === headline.irm && c.crm !== headline.crm && v === "crm-better") {
      out.push(`the headline says ${headline.irm} (IRM) predicts better than ${headline.crm} (CRM), but ${c.crm} (CRM) predicts better than ${headline.irm} on ${label} in this run: the headline pair was fixed by the config, not chosen as the best of each family (models: auto chooses it on training rows)`);
    }
    if (h === "crm-better" && c.crm === headline.crm && c.irm !== headline.irm && v === "irm-better") {
      out.push(`the headline says ${headline.crm} (CRM) predicts better than ${headline.irm} (IRM), but ${c.irm} (IRM) predicts better than ${headline.crm} on ${label} in this run: the headline pair was fixed by the config, not chosen as the best of each family (models: auto chooses it on training rows)`);
    }
  }
  return out;
}
