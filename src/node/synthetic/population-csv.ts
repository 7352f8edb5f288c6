import type { SyntheticPopulation } from "../../lib/synthetic/generate-population.js";
import { JOURNEY_EVENT_NAMES } from "../../lib/synthetic/journey.js";
import { csvField, openLineWriter } from "./line-writer.js";

/** Header of interactions.csv, in column order. */
export const INTERACTION_COLUMNS = ["customer", "item", "timestamp", "outcome", "value", "companion", "intent", "situation", "true_probability"] as const;

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : "");

const DAY_MS = 86_400_000;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * ISO 8601 UTC formatting, identical to Date.prototype.toISOString for years 0..9999, without a
 * Date object per row: the "YYYY-MM-DDT" prefix is cached per day.
 */
export function createIsoFormatter(): (ms: number) => string {
  const prefixes = new Map<number, string>();
  return (ms: number): string => {
    const day = Math.floor(ms / DAY_MS);
    let prefix = prefixes.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
      if (prefix.length !== 11) return new Date(ms).toISOString(); // extended years: rare, exact
      prefixes.set(day, prefix);
    }
    let rest = ms - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const sec = Math.floor(rest / 1000);
    return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(sec)}.${pad3(rest - sec * 1000)}Z`;
  };
}

/**
 * Streams the interactions as CSV (INTERACTION_COLUMNS; timestamps ISO 8601 UTC, truth at full precision).
 * @param onProgress fraction of rows written, in [0, 1]
 * @throws Error when the population's context dimensions are not companion, intent, situation
 */
export async function writeInteractionsCsv(population: SyntheticPopulation, path: string, onProgress?: (fraction: number) => void): Promise<void> {
  const data = population.interactions;
  const names = data.contexts.map((c) => c.name).join(",");
  if (names !== "companion,intent,situation") throw new Error(`writeInteractionsCsv: expected contexts companion,intent,situation, got "${names}"`);
  const [companion, intent, situation] = data.contexts as [(typeof data.contexts)[0], (typeof data.contexts)[0], (typeof data.contexts)[0]];
  const out = openLineWriter(path);
  await out.write(INTERACTION_COLUMNS.join(","));
  const customerIds = data.customerIds.map(csvField);
  const itemIds = data.itemIds.map(csvField);
  const step = Math.max(1, Math.floor(data.size / 100));
  const time = createIsoFormatter();
  for (let i = 0; i < data.size; i++) {
    const line =
      `${customerIds[data.customer[i]!]},${itemIds[data.item[i]!]},${time(data.timestamp![i]!)},${data.outcome[i]},${data.value![i]},` +
      `${companion.levels[companion.codes[i]!]},${intent.levels[intent.codes[i]!]},${situation.levels[situation.codes[i]!]},${data.truth![i]}`;
    const pending = out.write(line);
    if (pending) await pending;
    if (onProgress && (i + 1) % step === 0) onProgress((i + 1) / data.size);
  }
  await out.close();
}

/** Streams the customer ground truth as CSV: one row per customer, context shares as share_<dimension>_<level>. */
export async function writeCustomersCsv(population: SyntheticPopulation, path: string): Promise<void> {
  const t = population.customers;
  const levels = t.contextLevels.length;
  const out = openLineWriter(path);
  await out.write(
    [
      "customer", "is_prospect", "entry_time", "lambda_per_week", "dropout_probability", "dropout_time", "mean_spend",
      "preferred_channel", "max_contacts_per_month", "offers", "purchases", "first_purchase_time",
      ...t.contextLevels.map((l) => `share_${l.replace(":", "_")}`),
    ].join(","),
  );
  for (let c = 0; c < t.size; c++) {
    const shares: string[] = [];
    for (let k = 0; k < levels; k++) shares.push(String(t.contextShare[c * levels + k]));
    const pending = out.write(
      [
        csvField(t.ids[c]!), t.isProspect[c], iso(t.entryTime[c]!), t.lambda[c], t.dropoutProbability[c], iso(t.dropoutTime[c]!),
        t.meanSpend[c], t.channels[t.preferredChannel[c]!], t.maxContactsPerMonth[c], t.offers[c], t.purchases[c],
        iso(t.firstPurchaseTime[c]!), ...shares,
      ].join(","),
    );
    if (pending) await pending;
  }
  await out.close();
}

/** Streams every customer's lifecycle events as CSV: customer,event,time. */
export async function writeJourneyCsv(population: SyntheticPopulation, path: string): Promise<void> {
  const t = population.customers;
  const { offsets, kind, time } = t.journey;
  const out = openLineWriter(path);
  await out.write("customer,event,time");
  for (let c = 0; c < t.size; c++) {
    const id = csvField(t.ids[c]!);
    for (let e = offsets[c]!; e < offsets[c + 1]!; e++) {
      const pending = out.write(`${id},${JOURNEY_EVENT_NAMES[kind[e]!]},${iso(time[e]!)}`);
      if (pending) await pending;
    }
  }
  await out.close();
}
