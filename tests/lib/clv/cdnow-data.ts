/**
 * Test helper: a tiny reader of the CDNOW files (Fader & Hardie) as a TransactionLog. Customer codes
 * follow the order of first appearance, which for CDNOW_sample.txt is BTYD's customer numbering.
 */
import { existsSync, readFileSync } from "node:fs";
import type { TransactionLog } from "../../../src/lib/clv/purchase-days.js";

export const CDNOW_DIR = "../shared/datasets/cdnow";
export const CDNOW_PRESENT = existsSync(CDNOW_DIR);
if (!CDNOW_PRESENT) console.warn(`CDNOW tests skipped: dataset folder ${CDNOW_DIR} is absent`);

/** 1997-09-30, the end of the 39-week calibration period, in ms. */
export const CDNOW_CAL_END = Date.UTC(1997, 8, 30);
/** 1998-06-30, the end of the 39-week holdout period, in ms. */
export const CDNOW_HOLDOUT_END = Date.UTC(1998, 5, 30);
/** 1997-01-01, the start of the data. */
export const CDNOW_START = Date.UTC(1997, 0, 1);

/**
 * Reads CDNOW_sample.txt (master_id sample_id YYYYMMDD cds dollars) or CDNOW_master.txt
 * (header; customer_id date cds dollars).
 */
export function readCdnow(file: "CDNOW_sample.txt" | "CDNOW_master.txt"): TransactionLog & { ids: string[] } {
  const text = readFileSync(`${CDNOW_DIR}/${file}`, "utf8");
  const lines = text.split("\n");
  const sample = file === "CDNOW_sample.txt";
  const codes = new Map<string, number>();
  const customer: number[] = [], time: number[] = [], amount: number[] = [];
  for (let i = sample ? 0 : 1; i < lines.length; i++) {
    const f = lines[i]!.trim().split(/\s+/);
    if (f.length < 4) continue;
    const id = sample ? f[1]! : f[0]!;
    const date = sample ? f[2]! : f[1]!;
    let code = codes.get(id);
    if (code === undefined) {
      code = codes.size;
      codes.set(id, code);
    }
    customer.push(code);
    time.push(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
    amount.push(Number(sample ? f[4] : f[3]));
  }
  return {
    customer: Int32Array.from(customer),
    time: Float64Array.from(time),
    amount: Float64Array.from(amount),
    customers: codes.size,
    ids: [...codes.keys()],
  };
}
