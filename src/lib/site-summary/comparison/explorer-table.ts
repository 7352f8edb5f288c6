/**
 * The analyst's explorer table: every paired difference IRM − CRM of a dataset's run, one row per
 * (model pair, metric, cell), with both models' metric on that cell, shaped with arquero from the
 * site summary (already pooled and suppressed: no id and no small cell's level name reaches it).
 *
 *   summary.comparisons ─► difference rows (overall, per context value, per segment)
 *   summary.models / cells / segments.cells ─► model-value rows (model-cells.ts, also models.arrow)
 *   differences ⋈ values (irm) ⋈ values (crm) ─► explorer table ─► Arrow IPC (cells.arrow)
 *
 * The page (src/datasets/[dataset]/comparison.md) filters it with arquero by pair, metric and
 * breakdown, and explorerComparison (explorer-rows.ts) turns the rows of one pair and metric back
 * into the comparison the forest plot and the difference table draw.
 */
import { from, type ColumnTable } from "arquero";
import type { SiteContextDifference, SiteSummary } from "../site-summary-types.js";
import { differenceColumns, EXPLORER_COLUMNS, OVERALL, type ExplorerKind } from "./explorer-rows.js";
import { modelCellRows } from "./model-cells.js";


/** Each model's value of each metric on each cell (overall, context values, segments), long format (models.arrow's rows). */
const modelValues = (summary: SiteSummary): ColumnTable => from(modelCellRows(summary)).select("model", "metric", "kind", "dimension", "level", "value");

/**
 * The explorer table of a site summary (arquero): one row per model pair, metric and cell, with both
 * models' values joined on.
 * @param summary the dataset's site summary (publishable aggregates)
 */
export function explorerTable(summary: SiteSummary): ColumnTable {
  const differences = from(
    summary.comparisons.flatMap((c, i) => {
      const base = { order: i, irm: c.irm, crm: c.crm, metric: c.metric, label: c.label, higherIsBetter: c.higherIsBetter, ciLevel: c.level, resamples: c.resamples };
      const cell = (kind: ExplorerKind, offset: number) => (d: SiteContextDifference, j: number) => ({ ...base, cell: offset + j, kind, dimension: d.dimension, level: d.level, ...differenceColumns(d) });
      return [{ ...base, cell: 0, ...OVERALL, ...differenceColumns(c.overall) }, ...c.byContext.map(cell("context", 1)), ...c.bySegment.map(cell("segment", 1 + c.byContext.length))];
    }),
  );
  const values = modelValues(summary);
  const keys = ["metric", "kind", "dimension", "level"];
  const irm = values.rename({ model: "irm", value: "irmValue" });
  const crm = values.rename({ model: "crm", value: "crmValue" });
  return differences
    .join_left(irm, [["irm", ...keys], ["irm", ...keys]])
    .join_left(crm, [["crm", ...keys], ["crm", ...keys]])
    // a join lists rows in its own order: back to comparison order, cells in the summary's order within each
    .orderby("order", "cell")
    .select(...EXPLORER_COLUMNS);
}
