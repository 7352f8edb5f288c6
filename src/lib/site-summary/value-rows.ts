/**
 * Published value data → the rows the Relationship value page and the dashboard show: CI rows for
 * interval charts, tables (rules, relationship types, targeting), and the dashboard's headline texts.
 * Pure; every text says what its number is.
 */
import type { RelationshipRule } from "../value/relationship-rules.js";
import type { Estimate } from "../value/customer-bootstrap.js";
import type { ErrorSummary } from "../value/clv-report.js";
import type { Targeting } from "../value/targeting.js";
import type { NullEstimate } from "../value/null-estimate.js";
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
 * The fire policies' holdout value lost (share of all holdout value) and their paired difference;
 * a suppressed or context-free policy becomes a note row.
 * @param fire PublishedValue.firePolicy
 */
export function firePolicyRows(fire: PublishedValue["firePolicy"]): EstimateRow[] {
  const row = (label: string, e: Estimate | string, group: string): EstimateRow =>
    fire.suppressed ? { label, estimate: null, lower: null, upper: null, group, note: "suppressed: too few customers fired" }
      : typeof e === "string" ? { label, estimate: null, lower: null, upper: null, group, note: e }
      : { label, estimate: e.estimate, lower: e.lower, upper: e.upper, group };
  return [
    row("fire by CLV: value lost", fire.lostByClv, "crm"),
    row("fire by IRM-aware score: value lost", fire.lostByIrm, "irm"),
    row("difference (CLV − IRM-aware)", fire.difference, "difference"),
  ];
}

/**
 * The flat measure table of a value record: estimate, null, excess with its unadjusted CI, the
 * Holm-adjusted interval (excludes 0 exactly when claimed; "—" in records written before it), Holm p
 * and the claim.
 */
export function measuresTable(measures: PublishedValue["measures"]): DisplayTable {
  const f = (unit: string) => (v: number | null): string => v === null ? "—" : unit.startsWith("share") ? pct(v, 1) : unit === "acceptance rate" ? `${(v * 100).toFixed(1)} pts` : unit.startsWith("nats") ? v.toFixed(3) : `${num(v)} ${unit}`;
  return {
    caption: "Every value measure against its null: the null baseline is the same measure when context labels are shuffled among each customer's own rows (the journey measure: a linear funnel with exit states). Excess = estimate − null, 95% CI from resampling customers (paired), for each measure on its own; the Holm-adjusted interval widens it for the measures tested together and excludes 0 exactly when a claim is made (a Holm-adjusted p below 0.05).",
    columns: ["measure", "estimate", "null baseline", "excess (95% CI, unadjusted)", "Holm-adjusted interval", "Holm p", "claim"],
    rows: measures.map((m) => {
      const g = f(m.unit), v = m.value;
      return {
        cells: [m.measure, g(v.estimate), g(v.baseline), `${g(v.excess)} (${g(v.lower)} to ${g(v.upper)})`, m.adjusted ? `${g(m.adjusted.lower)} to ${g(m.adjusted.upper)}` : "—", m.pHolm === null ? "—" : m.pHolm.toFixed(3), m.claim ? "yes" : "no"],
        suppressed: [false, false, false, false, false, false, false],
      };
    }),
  };
}

/**
 * Breadth rows: mean share of the contexts a customer lives in where the firm serves them, per dimension.
 * @param breadth PublishedValue.breadth
 * @returns [] when no context is recorded
 */
export function breadthRows(breadth: PublishedValue["breadth"]): EstimateRow[] {
  if (typeof breadth === "string") return [];
  return breadth.flatMap((b) => [
    { label: `${b.dimension}: all customers`, estimate: b.meanBreadth.estimate, lower: null, upper: null, note: `${b.customers.toLocaleString("en-US")} customers; null ${pct(b.meanBreadth.baseline)}` },
    { label: `${b.dimension}: buyers`, estimate: b.meanBreadthBuyers.estimate, lower: null, upper: null, note: `null ${pct(b.meanBreadthBuyers.baseline)}` },
  ]);
}

/** The relationship rules as a table: type, Fournier's form, plain-words description, conditions. */
export function rulesTable(rules: readonly RelationshipRule[]): DisplayTable {
  return {
    caption: "Relationship types: the first rule whose conditions all hold gives a customer's type (checked top to bottom).",
    columns: ["type", "read from (Fournier 1998)", "meaning", "conditions"],
    rows: rules.map((r) => ({
      cells: [r.type, r.fournierForm ?? "—", r.description, r.conditions.length === 0 ? "none (everyone else)" : r.conditions.map(conditionInWords).join(" and ")],
      suppressed: [false, false, false, false],
    })),
  };
}

/** How each signal reads in a sentence; shares (0-1) are shown as percentages. */
const SIGNAL_WORDS: Readonly<Record<string, { readonly words: string; readonly share?: boolean }>> = {
  purchases: { words: "purchase days" },
  repeatPurchases: { words: "repeat purchase days" },
  tenureWeeks: { words: "weeks as a customer" },
  weeksSinceLastPurchase: { words: "weeks since the last purchase" },
  spanWeeks: { words: "weeks from first to last purchase" },
  breadth: { words: "of the customer's contexts served", share: true },
  concentration: { words: "of the customer's value in one context", share: true },
};
const OP_WORDS: Readonly<Record<string, string>> = { ">=": "at least", "<=": "at most", ">": "more than", "<": "fewer than", "==": "exactly" };

/** A rule condition in plain words: "fewer than 13 weeks as a customer", "at least 80% of the customer's value in one context". */
export function conditionInWords(c: { readonly signal: string; readonly op: string; readonly value: number }): string {
  const s = SIGNAL_WORDS[c.signal] ?? { words: c.signal };
  const op = s.share && c.op === "<" ? "less than" : (OP_WORDS[c.op] ?? c.op);
  return `${op} ${s.share ? `${Math.round(c.value * 100)}%` : c.value} ${s.words}`;
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

/** Targeting per model: both sides of the campaign, and each model against the reference on the same customers. */
export function targetingTable(t: Targeting, currency: string): DisplayTable {
  const diff = (e: Estimate | null, f: (v: number | null) => string) => (e === null ? "—" : `${f(e.estimate)} (${f(e.lower)} to ${f(e.upper)})`);
  const points = (v: number | null) => (v === null ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)} pts`);
  const money = (v: number | null) => (v === null ? "—" : `${v >= 0 ? "+" : "−"}${num(Math.abs(v))}`);
  return {
    caption: `Targeting simulation (${t.mode}): each model picks every customer's offer in their current context; the firm contacts the ${pct(t.targetShare)} it scores highest, ${t.contactsPerMonth} contacts in the month. Differences are against ${t.comparisons[0]?.reference ?? "the reference model"} on the same customers (paired 95% CIs). Revenue in ${currency}. Opt-out risk: share of contacted customers who receive more contacts than the monthly maximum they stated.`,
    columns: ["model", "acceptance rate", "difference in acceptance (95% CI)", `expected revenue (${currency})`, "difference in revenue (95% CI)", "relevance to the customer", "contacted at opt-out risk"],
    rows: t.models.map((m) => {
      const c = t.comparisons.find((x) => x.model === m.model);
      return {
        cells: [
          m.model, pct(m.firm.acceptanceRate.estimate, 1), c ? diff(c.acceptanceRate, points) : "reference", num(m.firm.revenue),
          c ? diff(c.revenue, money) : "reference", pct(m.customer.relevance.estimate, 1),
          m.customer.optOutRiskShare === null ? "not recorded" : pct(m.customer.optOutRiskShare, 1),
        ],
        suppressed: Array(7).fill(false),
      };
    }),
  };
}

/** The dashboard's "value at stake": the IRM model's campaign against the CRM model's, paired. */
export interface ValueAtStake {
  readonly irm: string;
  readonly crm: string;
  readonly currency: string;
  /** Extra expected revenue of the IRM campaign over the CRM campaign (same number contacted), paired 95% CI. */
  readonly extraRevenue: Estimate | null;
  /** The extra revenue against the IRM model refitted on permuted contexts; null when not fitted. */
  readonly vsNull: NullEstimate | null;
  /** Acceptance-rate difference (IRM − CRM) with its paired CI, as a chart row. */
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
  const c = value.targeting.comparisons.find((x) => x.model === irm && x.reference === crm);
  if (!c) return null;
  const money = (v: number | null) => (v === null ? "—" : `${v >= 0 ? "+" : "−"}${num(Math.abs(v))}`);
  const r = c.revenue, n = c.vsNull?.revenue ?? null;
  const nullText = n ? ` Refitted on data whose context labels are shuffled within customer, the same model gains ${money(n.baseline)}: context itself is worth ${money(n.excess)} (95% CI ${money(n.lower)} to ${money(n.upper)}).` : "";
  return {
    irm, crm, currency: value.currency, extraRevenue: r, vsNull: n,
    rows: [{ label: `${irm} − ${crm}`, estimate: c.acceptanceRate.estimate, lower: c.acceptanceRate.lower, upper: c.acceptanceRate.upper, group: "irm" }],
    text: r
      ? `Expected revenue of one campaign targeted by ${irm} minus one targeted by ${crm}, same customers and number of contacts: ${money(r.estimate)} ${value.currency} (95% CI ${money(r.lower)} to ${money(r.upper)}).${nullText}`
      : `No money recorded: acceptance-rate difference only.${nullText}`,
  };
}
