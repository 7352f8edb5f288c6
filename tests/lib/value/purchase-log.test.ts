import { describe, expect, it } from "vitest";
import { assertValueInput, isPurchase, purchaseLog, rowValue, valueUnit } from "../../../src/lib/value/purchase-log.js";
import { DAY, T0, tinyData } from "./tiny-data.js";

describe("purchase-log", () => {
  const data = tinyData([[0, 0, 0, 1, 10], [0, 0, 1, 0, 0], [1, 0, 2, 1, 5]], { customers: 2 });

  it("counts accepted binary rows as purchases worth their value", () => {
    expect([0, 1, 2].map((i) => isPurchase(data, i))).toEqual([true, false, true]);
    expect([0, 1, 2].map((i) => rowValue(data, i))).toEqual([10, 0, 5]);
    expect(valueUnit(data)).toBe("currency");
    expect(purchaseLog(data)).toEqual({
      customer: Int32Array.from([0, 1]), time: Float64Array.from([T0, T0 + 2 * DAY]), amount: Float64Array.from([10, 5]), customers: 2,
    });
  });

  it("counts purchases when no money is recorded", () => {
    const d = tinyData([[0, 0, 0, 1, 0]], { customers: 1, noValue: true });
    expect(valueUnit(d)).toBe("purchases");
    expect(rowValue(d, 0)).toBe(1);
    expect(purchaseLog(d).amount).toBeNull();
  });

  it("rejects data without timestamps and calibration ends before every row, quoting the value", () => {
    expect(() => assertValueInput({ ...data, timestamp: null }, { calibrationEnd: 0, holdoutEnd: 0 }, "value")).toThrowError(/value: the dataset has no timestamp column/);
    expect(() => assertValueInput(data, { calibrationEnd: T0 - 1, holdoutEnd: T0 }, "value")).toThrowError(/no row is at or before the calibration end 2023-12-31/);
    expect(() => assertValueInput(data, { calibrationEnd: T0, holdoutEnd: T0 - 5 }, "value")).toThrowError(/holdoutEnd must be at or after .* got "\d+"/);
  });
});
