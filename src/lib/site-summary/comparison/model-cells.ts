/**
 * The comparison page's per-model tables as one long table (data/datasets/<dataset>/models.arrow):
 * one row per model, cell (overall, context value, customer segment) and metric, from the site summary
 * (already pooled and suppressed), and the way back from rows to the summary fields the display tables
 * (tables.ts, segment-tables.ts) read. No arquero here: the loader wraps the rows with arquero, the
 * page filters them with its own browser bundle.
 */
import type { MetricName } from "../../evaluation/metric-names.js";
import type { ModelFamily } from "../../models/model.js";
import type { SiteCell, SiteModelCell, SiteSummary } from "../site-summary-types.js";
import { OVERALL, type ExplorerKind } from "./explorer-rows.js";

/** One row of models.arrow: one model's metric on one cell (null where the cell is suppressed or the metric undefined). */
export interface ModelCellRow {
  readonly model: string;
  readonly family: ModelFamily;
  /** Display label of the family, e.g. "multi-context (IRM)". */
  readonly familyLabel: string;
  readonly kind: ExplorerKind;
  /** "overall" for the overall row. */
  readonly dimension: string;
  /** "all test rows" for the overall row; pooled levels read "other (N levels)". */
  readonly level: string;
  readonly rows: number | null;
  readonly customers: number | null;
  readonly suppressed: boolean;
  readonly metric: MetricName;
  readonly value: number | null;
}

/** Column order of the published table. */
export const MODEL_CELL_COLUMNS = ["model", "family", "familyLabel", "kind", "dimension", "level", "rows", "customers", "suppressed", "metric", "value"] as const satisfies readonly (keyof ModelCellRow)[];

/** What the per-model display tables read of a site summary (a whole summary, or one rebuilt by {@link modelTablesSource}). */
export type ModelTablesSource = Pick<SiteSummary, "metrics" | "minCellCustomers"> & {
  readonly split: Pick<SiteSummary["split"], "testRows">;
  readonly dataset: Pick<SiteSummary["dataset"], "contexts">;
  readonly models: readonly Pick<SiteSummary["models"][number], "name" | "family" | "familyLabel" | "overall">[];
  readonly cells: readonly SiteModelCell[];
  readonly segments: Pick<SiteSummary["segments"], "dimensions" | "cells">;
};

/**
 * Every model's value of every metric on every cell, long format, in the summary's order (models,
 * then context cells, then segment cells; metrics in report order within each).
 * @param summary the dataset's site summary (publishable aggregates)
 */
export function modelCellRows(summary: SiteSummary): ModelCellRow[] {
  const familyLabel = new Map(summary.models.map((m) => [m.name, m.familyLabel]));
  const rows: ModelCellRow[] = [];
  const push = (model: string, family: ModelFamily, kind: ExplorerKind, dimension: string, level: string, cell: SiteCell): void => {
    for (const m of summary.metrics) {
      rows.push({
        model, family, familyLabel: familyLabel.get(model) ?? family, kind, dimension, level,
        rows: cell.rows, customers: cell.customers, suppressed: cell.suppressed, metric: m.name,
        value: cell.suppressed ? null : (cell.metrics[m.name] ?? null),
      });
    }
  };
  for (const m of summary.models) push(m.name, m.family, "overall", OVERALL.dimension, OVERALL.level, m.overall);
  for (const c of summary.cells) push(c.model, c.family, "context", c.dimension, c.level, c);
  for (const c of summary.segments.cells) push(c.model, c.family, "segment", c.dimension, c.level, c);
  return rows;
}

/**
 * The summary fields the per-model display tables read, rebuilt from rows of models.arrow (as the page
 * filtered them: a table shows only the metrics and cells whose rows it is given).
 * @param page what the comparison page's header carries (comparison-page.ts)
 * @param rows rows of models.arrow
 */
export function modelTablesSource(page: Omit<ModelTablesSource, "models" | "cells" | "segments"> & { readonly segments: Pick<SiteSummary["segments"], "dimensions"> }, rows: readonly ModelCellRow[]): ModelTablesSource {
  const cellOf = new Map<string, { rows: number | null; customers: number | null; suppressed: boolean; metrics: Partial<Record<MetricName, number | null>>; row: ModelCellRow }>();
  for (const r of rows) {
    const key = [r.model, r.kind, r.dimension, r.level].join("\u0000");
    const cell = cellOf.get(key) ?? { rows: r.rows, customers: r.customers, suppressed: r.suppressed, metrics: {}, row: r };
    cell.metrics[r.metric] = r.value;
    cellOf.set(key, cell);
  }
  const all = [...cellOf.values()];
  const site = ({ rows, customers, suppressed, metrics }: (typeof all)[number]): SiteCell => ({ rows, customers, suppressed, metrics });
  const flat = (kind: ExplorerKind): SiteModelCell[] => all.filter((c) => c.row.kind === kind).map((c) => ({ model: c.row.model, family: c.row.family, dimension: c.row.dimension, level: c.row.level, ...site(c) }));
  // every model that has a row, in table order; its overall cell when the rows hold one
  const models = [...new Map(rows.map((r) => [r.model, r])).values()].map((r) => {
    const overall = cellOf.get([r.model, "overall", OVERALL.dimension, OVERALL.level].join("\u0000"));
    return { name: r.model, family: r.family, familyLabel: r.familyLabel, overall: overall ? site(overall) : { rows: null, customers: null, suppressed: false, metrics: {} } };
  });
  return { ...page, models, cells: flat("context"), segments: { dimensions: page.segments.dimensions, cells: flat("segment") } };
}
