import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { assertInteractions } from "../../../src/lib/schema/interactions.js";
import { BINARY_OUTCOME } from "../../../src/lib/schema/outcome.js";
import { CONTEXT_DIMENSIONS } from "../../../src/lib/synthetic/context-space.js";
import { generatePopulation, type SyntheticPopulation } from "../../../src/lib/synthetic/generate-population.js";
import { journeyCode } from "../../../src/lib/synthetic/journey.js";
import { isFunnelStep } from "../../../src/lib/value/funnel-test.js";
import { journeyMatrix, observedStages } from "../../../src/lib/value/journeys.js";

/** Every context as [companion, intent, situation] codes (5 × 3 × 2 = 30). */
const ALL_CONTEXTS: number[][] = [];
for (let a = 0; a < 5; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 2; c++) ALL_CONTEXTS.push([a, b, c]);

/** Whether two typed arrays hold the same bytes (toEqual is slow on 100k-element arrays). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Every typed-array column of a population (interactions, customers, journey), by name. */
function columns(p: SyntheticPopulation): Record<string, ArrayBufferView> {
  const out: Record<string, ArrayBufferView> = {};
  const d = p.interactions;
  for (const key of ["customer", "item", "timestamp", "outcome", "value", "truth"] as const) out[key] = d[key]!;
  d.contexts.forEach((c) => (out[`context:${c.name}`] = c.codes));
  for (const [key, v] of Object.entries(p.customers)) if (ArrayBuffer.isView(v)) out[`customers.${key}`] = v;
  for (const [key, v] of Object.entries(p.customers.journey)) out[`journey.${key}`] = v;
  return out;
}

const rowCodes = (pop: SyntheticPopulation, r: number): number[] => pop.interactions.contexts.map((c) => c.codes[r]!);

describe("generatePopulation", () => {
  let pop: SyntheticPopulation;
  beforeAll(() => {
    pop = generatePopulation({}, createRng(7));
  });

  it("produces a valid binary Interactions table of the documented default size", () => {
    const d = pop.interactions;
    assertInteractions(d);
    expect(d.outcomeSpec).toEqual(BINARY_OUTCOME);
    expect(d.customerIds.length).toBe(2000);
    expect(d.itemIds.length).toBe(100);
    expect(d.customerIds[123]).toBe("c000123");
    expect(d.contexts.map((c) => [c.name, c.levels])).toEqual(CONTEXT_DIMENSIONS.map((c) => [c.name, c.levels]));
    expect(d.size).toBeGreaterThan(50_000);
    expect(d.size).toBeLessThan(150_000);
    expect(d.timestamp && d.value && d.truth).toBeTruthy();
  });

  it("is deterministic: the same seed gives identical arrays, another seed different ones", () => {
    const again = generatePopulation({}, createRng(7));
    const a = columns(again);
    const b = columns(pop);
    expect(Object.keys(a).length).toBe(24);
    expect(Object.keys(a).filter((k) => !sameBytes(a[k]!, b[k]!))).toEqual([]);
    expect(again.customers.ids).toEqual(pop.customers.ids);
    expect(again.parameters).toEqual(pop.parameters);
    const other = generatePopulation({}, createRng(8));
    expect(other.interactions.size).not.toBe(pop.interactions.size);
    expect(other.interactions.truth!.subarray(0, 100)).not.toEqual(pop.interactions.truth!.subarray(0, 100));
  });

  it("keeps customer c the same customer whatever the population size", () => {
    const small = generatePopulation({ customers: 30 }, createRng(7));
    const rows = (p: SyntheticPopulation) => Array.from(p.interactions.customer).filter((c) => c < 30).length;
    expect(small.interactions.size).toBe(rows(pop));
    expect(small.interactions.truth).toEqual(pop.interactions.truth!.subarray(0, small.interactions.size));
    expect(small.interactions.timestamp).toEqual(pop.interactions.timestamp!.subarray(0, small.interactions.size));
  });

  it("stores as truth of every row exactly truthFor(customer, item, context, time)", () => {
    const d = pop.interactions;
    let mismatches = 0;
    for (let r = 0; r < d.size; r++) {
      if (pop.truthFor(d.customer[r]!, d.item[r]!, rowCodes(pop, r), d.timestamp![r]!) !== d.truth![r]!) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("never lets a prospect accept, and truthFor is 0 for prospects", () => {
    const d = pop.interactions;
    const c = pop.customers;
    let prospectRows = 0;
    for (let r = 0; r < d.size; r++) {
      if (c.isProspect[d.customer[r]!] === 1) {
        prospectRows++;
        expect(d.outcome[r]).toBe(0);
        expect(d.truth![r]).toBe(0);
      }
    }
    expect(prospectRows).toBeGreaterThan(100);
    const prospect = c.isProspect.indexOf(1);
    expect(ALL_CONTEXTS.map((ctx) => pop.truthFor(prospect, 0, ctx))).toEqual(ALL_CONTEXTS.map(() => 0));
  });

  it("records a positive value exactly on accepted offers", () => {
    const d = pop.interactions;
    let wrong = 0;
    for (let r = 0; r < d.size; r++) if (d.value![r]! > 0 !== (d.outcome[r] === 1)) wrong++;
    expect(wrong).toBe(0);
  });

  it("draws outcomes from the truth: the mean outcome is within 4 standard errors of the mean truth", () => {
    const d = pop.interactions;
    let y = 0;
    let t = 0;
    let variance = 0;
    for (let r = 0; r < d.size; r++) {
      y += d.outcome[r]!;
      t += d.truth![r]!;
      variance += d.truth![r]! * (1 - d.truth![r]!);
    }
    expect(Math.abs(y - t) / Math.sqrt(variance)).toBeLessThan(4);
  });

  it("gives customers histories of very different lengths", () => {
    const offers = Array.from(pop.customers.offers);
    expect(offers.reduce((a, b) => a + b, 0)).toBe(pop.interactions.size);
    expect(offers.filter((n) => n <= 2).length).toBeGreaterThan(30);
    expect(offers.filter((n) => n >= 50).length).toBeGreaterThan(100);
  });

  it("lets customers live in few contexts, not uniformly in all", () => {
    const share = pop.customers.contextShare;
    const L = pop.customers.contextLevels.length;
    let fewCompanions = 0;
    let allCompanions = 0;
    const mean = new Float64Array(L);
    for (let c = 0; c < pop.customers.size; c++) {
      let used = 0;
      for (let k = 0; k < 5; k++) if (share[c * L + k]! > 0) used++;
      if (used <= 2) fewCompanions++;
      if (used === 5) allCompanions++;
      for (let k = 0; k < L; k++) mean[k] = mean[k]! + share[c * L + k]! / pop.customers.size;
    }
    expect(fewCompanions / pop.customers.size).toBeGreaterThan(0.3);
    expect(allCompanions).toBeGreaterThan(0);
    // alone is the most common companion, business the rarest
    expect(mean[0]!).toBeGreaterThan(2 * mean[4]!);
    for (let c = 0; c < 50; c++) {
      for (const [from, to] of [[0, 5], [5, 8], [8, 10]] as const) {
        let s = 0;
        for (let k = from; k < to; k++) s += share[c * L + k]!;
        expect(s).toBeCloseTo(1, 12);
      }
    }
  });

  it("with contextStrength 0 makes the truth independent of context, exactly", () => {
    const flat = generatePopulation({ customers: 200, contextStrength: 0 }, createRng(7));
    for (let c = 0; c < 200; c += 7) {
      for (let i = 0; i < 100; i += 13) {
        const values = new Set(ALL_CONTEXTS.map((ctx) => flat.truthFor(c, i, ctx)));
        expect(values.size).toBe(1);
      }
    }
  });

  it("with contextStrength > 0 makes the truth depend on context", () => {
    const c = pop.customers.isProspect.indexOf(0);
    const values = new Set(ALL_CONTEXTS.map((ctx) => pop.truthFor(c, 3, ctx)));
    expect(values.size).toBe(30);
    // the population-level effect of the companion is visible in the rows too
    const d = pop.interactions;
    const sum = new Float64Array(5);
    const n = new Float64Array(5);
    for (let r = 0; r < d.size; r++) {
      if (d.truth![r]! === 0) continue;
      const k = d.contexts[0]!.codes[r]!;
      sum[k] = sum[k]! + d.truth![r]!;
      n[k] = n[k]! + 1;
    }
    const means = Array.from(sum, (s, k) => s / n[k]!);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.03);
  });

  it("keeps the mean acceptance at acceptanceRate for fresh customers whatever the context strength", () => {
    for (const strength of [0, 2]) {
      const p = generatePopulation({ customers: 3000, contextStrength: strength, prospectShare: 0 }, createRng(3));
      const rng = createRng(99);
      let sum = 0;
      let sumSq = 0;
      const n = 6000;
      for (let s = 0; s < n; s++) {
        const c = 2048 + rng.int(952); // customers not used to calibrate b0
        const L = p.customers.contextLevels.length;
        const ctx = [[0, 5], [5, 3], [8, 2]].map(([from, len]) => {
          let u = rng.next();
          for (let k = 0; k < len!; k++) {
            u -= p.customers.contextShare[c * L + from! + k]!;
            if (u < 0) return k;
          }
          return len! - 1;
        });
        let u = rng.next();
        let item = 0;
        while (item < 99 && (u -= p.items.popularity[item]!) >= 0) item++;
        const t = p.truthFor(c, item, ctx);
        sum += t;
        sumSq += t * t;
      }
      const mean = sum / n;
      const se = Math.sqrt((sumSq / n - mean * mean) / n);
      expect(Math.abs(mean - 0.25)).toBeLessThan(4 * se + 0.01);
    }
  });

  it("rejects invalid truthFor arguments with the argument and value in the message", () => {
    expect(() => pop.truthFor(2000, 0, [0, 0, 0])).toThrowError(/customer "2000" is not a customer code in \[0, 2000\)/);
    expect(() => pop.truthFor(0, 1.5, [0, 0, 0])).toThrowError(/item "1.5" is not an item code/);
    expect(() => pop.truthFor(0, 0, [0, 3, 0])).toThrowError(/context intent code "3" is not in \[0, 3\)/);
    expect(() => pop.truthFor(0, 0, [0, 0])).toThrowError(/expected 3 context codes/);
    expect(() => pop.truthFor(0, 0, [0, 0, 0], Number.NaN)).toThrowError(/timeMs must be a finite number, got "NaN"/);
  });

  it("rejects invalid options before generating", () => {
    expect(() => generatePopulation({ customers: 0 }, createRng(1))).toThrowError(/customers must be a positive integer, got "0"/);
  });
});

describe("generatePopulation purchase process and journeys", () => {
  let pop: SyntheticPopulation;
  beforeAll(() => {
    pop = generatePopulation({ customers: 1500 }, createRng(11));
  });

  it("keeps rows, purchases, first purchase, churn and dormancy consistent with the journey", () => {
    const d = pop.interactions;
    const t = pop.customers;
    const start = Date.parse("2024-01-01T00:00:00Z");
    const end = start + 78 * 7 * 24 * 3600 * 1000;
    const lapsed = journeyCode("lapsed");
    const returned = journeyCode("returned");
    const problems: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && problems.length < 5) problems.push(what);
    };
    let r = 0;
    let lapses = 0;
    for (let c = 0; c < t.size; c++) {
      const events = Array.from({ length: t.journey.offsets[c + 1]! - t.journey.offsets[c]! }, (_, k) => {
        const e = t.journey.offsets[c]! + k;
        return { kind: t.journey.kind[e]!, time: t.journey.time[e]! };
      });
      check(events[0]!.kind === journeyCode("entered") && events[0]!.time === t.entryTime[c], `customer ${c}: first event is not entry`);
      for (let k = 1; k < events.length; k++) check(events[k]!.time >= events[k - 1]!.time, `customer ${c}: events out of order`);
      const spells: [number, number][] = [];
      for (let k = 0; k < events.length; k++) {
        if (events[k]!.kind !== lapsed) continue;
        lapses++;
        const back = events[k + 1]?.kind === returned ? events[k + 1]!.time : Infinity;
        spells.push([events[k]!.time, back]);
      }
      let purchases = 0;
      let first = Infinity;
      let previous = -Infinity;
      for (let k = 0; k < t.offers[c]!; k++, r++) {
        check(d.customer[r] === c, `row ${r}: customer ${d.customer[r]}, expected ${c}`);
        const ts = d.timestamp![r]!;
        check(ts > previous && ts >= start && ts < end, `row ${r}: timestamp ${ts} out of order or period`);
        previous = ts;
        for (const [a, b] of spells) check(!(ts >= a && ts < b), `row ${r}: inside a dormant spell`);
        if (ts > t.dropoutTime[c]!) check(d.truth![r] === 0, `row ${r}: truth ${d.truth![r]} after dropout`);
        if (d.outcome[r] === 1) {
          purchases++;
          first = Math.min(first, ts);
        }
      }
      check(purchases === t.purchases[c] && first === t.firstPurchaseTime[c], `customer ${c}: purchases or first purchase differ`);
      const churn = events.find((e) => e.kind === journeyCode("churned"));
      check((churn?.time ?? Infinity) === t.dropoutTime[c], `customer ${c}: churn event differs from dropoutTime`);
    }
    expect(problems).toEqual([]);
    expect(r).toBe(d.size);
    expect(lapses).toBeGreaterThan(100);
  });

  it("draws λ, p, prospects and channels from their documented distributions", () => {
    const t = pop.customers;
    const n = t.size;
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0) / a.length;
    const sd = (a: ArrayLike<number>) => {
      const m = mean(a);
      return Math.sqrt(Array.from(a).reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1));
    };
    // λ ~ Gamma(1.5, 2.5): mean 0.6; p ~ Beta(1.2, 8): mean 0.1304
    expect(Math.abs(mean(t.lambda) - 0.6)).toBeLessThan((4 * sd(t.lambda)) / Math.sqrt(n));
    expect(Math.abs(mean(t.dropoutProbability) - 1.2 / 9.2)).toBeLessThan((4 * sd(t.dropoutProbability)) / Math.sqrt(n));
    const se = (p: number) => 4 * Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(mean(t.isProspect) - 0.2)).toBeLessThan(se(0.2));
    const none = t.channels.indexOf("none");
    const noneShare = mean(Array.from(t.preferredChannel, (ch) => (ch === none ? 1 : 0)));
    expect(Math.abs(noneShare - 0.15)).toBeLessThan(se(0.15));
    for (let c = 0; c < n; c++) expect(t.maxContactsPerMonth[c] === 0).toBe(t.preferredChannel[c] === none);
  });

  it("produces non-linear lifecycles: lapses with returns, and churn before a repeat purchase", () => {
    const t = pop.customers;
    let churnedAfterOne = 0;
    let returnedBuyers = 0;
    for (let c = 0; c < t.size; c++) {
      if (t.purchases[c] === 1 && Number.isFinite(t.dropoutTime[c]!)) churnedAfterOne++;
      for (let e = t.journey.offsets[c]!; e < t.journey.offsets[c + 1]!; e++) {
        if (t.journey.kind[e] === journeyCode("returned") && t.journey.time[e]! > t.firstPurchaseTime[c]!) {
          returnedBuyers++;
          break;
        }
      }
    }
    expect(churnedAfterOne).toBeGreaterThan(20);
    expect(returnedBuyers).toBeGreaterThan(20);
  });
});

describe("generatePopulation with journeys: funnel", () => {
  let pop: SyntheticPopulation;
  beforeAll(() => {
    pop = generatePopulation({ customers: 1500, journeys: "funnel" }, createRng(11));
  });

  it("lets nobody come back: no dormant spell, no purchase after leaving, no gap over funnelGapWeeks", () => {
    const d = pop.interactions, t = pop.customers, gapMs = 12 * 7 * 86_400_000;
    const problems: string[] = [];
    let r = 0, churned = 0, gapExits = 0;
    for (let c = 0; c < t.size; c++) {
      for (let e = t.journey.offsets[c]!; e < t.journey.offsets[c + 1]!; e++) {
        const k = t.journey.kind[e]!;
        if (k === journeyCode("lapsed") || k === journeyCode("returned")) problems.push(`customer ${c}: event ${k}`);
        if (k === journeyCode("churned")) churned++;
      }
      let last = -Infinity;
      for (let k = 0; k < t.offers[c]!; k++, r++) {
        if (d.outcome[r] !== 1) continue;
        const ts = d.timestamp![r]!;
        if (ts > t.dropoutTime[c]!) problems.push(`row ${r}: purchase after leaving`);
        if (Number.isFinite(last) && ts - last > gapMs) problems.push(`row ${r}: purchase ${((ts - last) / gapMs).toFixed(2)} gaps after the previous one`);
        last = ts;
      }
      // a buyer who left without buying at the exit: the gap rule (dropout 12 weeks after the last purchase)
      if (Number.isFinite(last) && t.dropoutTime[c]! - last === gapMs) gapExits++;
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(r).toBe(d.size);
    expect(churned).toBeGreaterThan(t.size * 0.5);
    expect(gapExits).toBeGreaterThan(20);
  });

  it("makes every observed monthly stage move one the funnel with exits allows, with exits from first and repeat", () => {
    const o = pop.parameters.options;
    const start = Date.parse(o.start), week = 7 * 86_400_000;
    for (const lapseMonths of [3, 6]) {
      const seq = observedStages(pop.interactions, { calibrationEnd: start + o.calibrationWeeks * week, holdoutEnd: start + o.weeks * week }, lapseMonths);
      const m = journeyMatrix(seq);
      const forbidden = m.counts.flatMap((row, a) => row.map((n, b) => (isFunnelStep(a, b) ? 0 : n))).reduce((x, y) => x + y, 0);
      expect(forbidden, `lapseMonths ${lapseMonths}`).toBe(0);
      expect(m.counts[1]![3]!).toBeGreaterThan(50);
      expect(m.counts[2]![3]!).toBeGreaterThan(50);
    }
  });

  it("rejects an unknown journeys mode, naming the value and the modes", () => {
    expect(() => generatePopulation({ journeys: "spiral" as never }, createRng(1))).toThrowError(/journeys must be one of free, funnel, got "spiral"/);
  });
});

describe("generatePopulation context variance", () => {
  it("reports the share of the logit variance due to context: 0 without context, growing with the strength", () => {
    const share = (k: number) => generatePopulation({ customers: 5, contextStrength: k }, createRng(2)).parameters.contextVarianceShare;
    const shares = [0, 0.5, 1, 2].map(share);
    expect(shares[0]).toBe(0);
    for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeGreaterThan(shares[i - 1]!);
    expect(shares[2]!).toBeGreaterThan(0.3);
    expect(shares[2]!).toBeLessThan(0.7);
  });
});
