/**
 * Numbers with their unit: durations, sizes, shares, rates and money. Every number IRM Lab
 * prints for people goes through here or {@link formatNumber}, so the same quantity always looks
 * the same in every command.
 */
import { MISSING, formatCompact, formatCount, formatNumber, type NumberFormat } from "./format-number.js";

/** A duration in seconds as "850 ms", "12.3 s", "2 min 05 s" or "1 h 02 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return MISSING;
  if (seconds < 0) throw new RangeError(`duration: expected seconds >= 0, got ${seconds}`);
  if (seconds === 0) return "0 s";
  if (seconds < 1e-3) return `${formatNumber(seconds * 1e6)} µs`;
  if (seconds < 1) return `${formatNumber(seconds * 1e3)} ms`;
  if (seconds < 59.95) return `${formatNumber(seconds)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${pad2(whole % 60)} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${pad2(minutes % 60)} min`;
}

/** Bytes in decimal units: "512 B", "1.23 MB", "4.50 GB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return MISSING;
  if (Math.abs(bytes) < 1000) return `${formatCount(bytes)} B`;
  const units = ["kB", "MB", "GB", "TB"] as const;
  let scaled = bytes / 1000;
  let i = 0;
  while (i < units.length - 1 && Math.abs(Number(scaled.toPrecision(3))) >= 1000) {
    scaled /= 1000;
    i++;
  }
  return `${formatNumber(scaled)} ${units[i]}`;
}

/** A fraction as a percentage: 0.1234 → "12.3%"; 0.00004 → "0.00400%". */
export function formatPercent(fraction: number | null | undefined, options: NumberFormat = {}): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return MISSING;
  return `${formatNumber(fraction * 100, options)}%`;
}

/** A throughput: formatRate(2134567, "rows") → "2.13 M rows/s". */
export function formatRate(perSecond: number | null | undefined, unit: string): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return MISSING;
  return `${formatCompact(perSecond)} ${unit}/s`;
}

/** A count with its noun, singular for 1: formatCounted(14080, "row") → "14,080 rows". */
export function formatCounted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/**
 * Money in the dataset's currency: "5,538 USD", or "5,538 (currency units)" when the dataset
 * does not say which currency its values are in. Three significant digits, never fewer than the
 * integer digits ("0.423 USD", "5,538 USD").
 * @param currency ISO 4217 code or any unit name; null/undefined when unknown
 */
export function formatMoney(amount: number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return MISSING;
  const text = formatNumber(amount);
  return currency ? `${text} ${currency}` : `${text} (currency units)`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
