/**
 * Published value data → the rows the Relationship value page and the dashboard show: CI rows for
 * interval charts, tables (rules, relationship types, targeting), and the dashboard's headline texts.
 * Pure; every text says what its number is.
 */
import type { RelationshipRule } from "../value/relationship-rules.js";
import type { Estimate } from "../value/customer-bootstrap.js";
import type { ErrorSummary } from "../value/clv-report.js";
import type { Targeting } from "../value/targeting.js";
import type { DisplayTable } from "./tables.js";
import type { PublishedValue } from "./value-summary.js";

/** An estimate with its CI for an interval chart; estimate null marks a row withheld or not computed. */
export interface EstimateRow {
  readonly label: string;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Optional group (colour), e.g. a model family. */
  readonly group?: string;
  /** Text shown instead of a point when estimate is null, and in the tooltip. Default "not computed". */
  readonly note?: string;
}

const pct = (v: number | null, digits = 0): string => (v === null ? "—" : `${(v * 100).toFixed(digits)}%`);
const num = (v: number | null, digits = 0): string => (v === null ? "—" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));

/** "95% CI 40% to 52%" of a share estimate; "" when the CI is missing. */
export function shareCi(e: Estimate, digits = 0): string {
  return e.lower === null || e.upper === null ? "" : `95% CI ${pct(e.lower, digits)} to ${pct(e.upper, digits)}`;
}

/**
 * Holdout error rows (one per model and measure) of a CLV report.
 * @param holdout ClvReport.holdout
 * @param measure which error: "mae" (purchases per customer) or "totalRatio" (Σ predicted / Σ actual)
 */
export function holdoutErrorRows(holdout: Readonly<Record<string, ErrorSummary>>, measure: "mae" | "totalRatio" | "pearson"): EstimateRow[] {
  return Object.entries(holdout).map(([model, e]) => ({ label: model, estimate: e[measure].estimate, lower: e[measure].lower, upper: e[measure].upper, note: `${e.customers.toLocaleString("en-US")} customers` }));
}

/**
 * The fire list's shares with CIs; a suppressed or context-free measure becomes a note row.
 * @param fire PublishedValue.fireList
 */
export function fireListRows(fire: PublishedValue["fireList"]): EstimateRow[] {
  const row = (label: string, e: Estimate | string): EstimateRow =>
    fire.suppressed ? { label, estimate: null, lower: null, upper: null, note: "suppressed: too few customers fired" }
      : typeof e === "string" ? { label, estimate: null, lower: null, upper: null, note: e }
      : { label, estimate: e.estimate, lower: e.lower, upper: e.upper };
  return [
    row("valuable in some context", fire.valuableInContext),
    row("valuable in the holdout", fire.valuableInHoldout),
    row("came back and bought", fire.cameBack),
    row("share of holdout value lost", fire.valueLostShare),
  ];
}

/**
 * Breadth rows: mean share of the contexts a customer lives in where the firm serves them, per dimension.
 * @param breadth PublishedValue.breadth
 * @returns [] when no context is recorded
 */
export function breadthRows(breadth: PublishedValue["breadth"]): EstimateRow[] {
  if (typeof breadth === "string") return [];
  return breadth.flatMap((b) => [
    { label: `${b.dimension}: all customers`, ...b.meanBreadth, note: `${b.customers.toLocaleString("en-US")} customers` },
    { label: `${b.dimension}: buyers`, ...b.meanBreadthBuyers },
  ]);
}

/** The relationship rules as a table: type, Fournier's form, plain-words description, conditions. */
export function rulesTable(rules: readonly RelationshipRule[]): DisplayTable {
  return {
    caption: "Relationship types: the first rule whose conditions all hold gives a customer's type (checked top to bottom).",
    columns: ["type", "read from (Fournier 1998)", "meaning", "conditions"],
    rows: rules.map((r) => ({
      cells: [r.type, r.fournierForm ?? "—", r.description, r.conditions.length === 0 ? "none (everyone else)" : r.conditions.map((c) => `${c.signal} ${c.op} ${c.value}`).join(" and ")],
      suppressed: [false, false, false, false],
    })),
  };
}

/** Customers per relationship type, with mean CLV and holdout behaviour; suppressed rows marked. */
export function typesTable(types: PublishedValue["relationshipTypes"]["types"], unit: string): DisplayTable {
  const cell = (v: unknown, f: (x: number) => string): string => (typeof v === "number" ? f(v) : "—");
  return {
    caption: `Customers per relationship type at the calibration end; types with fewer than the minimum customers are suppressed. Value in ${unit}.`,
    columns: ["type", "customers", "share", "mean 12-month CLV", "mean holdout value", "bought in holdout"],
    rows: types.map((t) => ({
      cells: t.suppressed
        ? [t.type, "suppressed", "suppressed", "suppressed", "suppressed", "suppressed"]
        : [t.type, cell(t.customers, (x) => num(x)), cell(t.share, (x) => pct(x, 1)), cell(t.meanClv, (x) => num(x, 1)), cell(t.meanHoldoutValue, (x) => num(x, 1)), cell(t.boughtInHoldout, (x) => pct(x))],
      suppressed: [false, ...Array(5).fill(t.suppressed)],
    })),
  };
}

/** Targeting per model: both sides of the campaign. */
export function targetingTable(t: Targeting): DisplayTable {
  return {
    caption: `Targeting simulation (${t.mode}): each model picks every customer's offer in their current context; the firm contacts the ${pct(t.targetShare)} it scores highest, ${t.contactsPerMonth} contacts in the month.`,
    columns: ["model", "acceptance rate (95% CI)", "expected revenue", "relevance to the customer (95% CI)", "contacts beyond preference", "contacted at opt-out risk"],
    rows: t.models.map((m) => ({
      cells: [
        m.model,
        `${pct(m.firm.acceptanceRate.estimate, 1)} (${pct(m.firm.acceptanceRate.lower, 1)} to ${pct(m.firm.acceptanceRate.upper, 1)})`,
        num(m.firm.revenue),
        `${pct(m.customer.relevance.estimate, 1)} (${pct(m.customer.relevance.lower, 1)} to ${pct(m.customer.relevance.upper, 1)})`,
        m.customer.excessContacts === null ? "not recorded" : num(m.customer.excessContacts),
        m.customer.optOutRiskShare === null ? "not recorded" : pct(m.customer.optOutRiskShare, 1),
      ],
      suppressed: [false, false, false, false, false, false],
    })),
  };
}

/** The dashboard's "value at stake": IRM vs CRM campaign, or null when the record has no such pair. */
export interface ValueAtStake {
  readonly irm: string;
  readonly crm: string;
  /** Extra expected revenue of the IRM model's campaign over the CRM model's (same contacts). */
  readonly extraRevenue: number | null;
  readonly rows: EstimateRow[];
  readonly text: string;
}

/**
 * The dashboard's value-at-stake card: the IRM model's campaign against the CRM model's.
 * @param value published value record
 * @param irm multi-context model name. Default "context-profile".
 * @param crm single-profile model name. Default "customer-profile".
 */
export function valueAtStake(value: PublishedValue, irm = "context-profile", crm = "customer-profile"): ValueAtStake | null {
  if (typeof value.targeting === "string") return null;
  const a = value.targeting.models.find((m) => m.model === irm), b = value.targeting.models.find((m) => m.model === crm);
  if (!a || !b) return null;
  const extra = a.firm.revenue !== null && b.firm.revenue !== null ? a.firm.revenue - b.firm.revenue : null;
  const rate = (m: typeof a) => m.firm.acceptanceRate;
  return {
    irm, crm, extraRevenue: extra,
    rows: [a, b].map((m) => ({ label: m.model, ...rate(m), group: m === a ? "irm" : "crm" })),
    text: `Acceptance ${pct(rate(a).estimate, 1)} (${shareCi(rate(a), 1)}) with ${irm} vs ${pct(rate(b).estimate, 1)} (${shareCi(rate(b), 1)}) with ${crm}, same number of customers contacted.`,
  };
}
