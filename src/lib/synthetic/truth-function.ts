import { assertContextCodes } from "./context-space.js";
import type { SyntheticCustomers } from "./customer-table.js";
import { isInactiveAt } from "./journey.js";
import { fillPreferences, logitFromPreferences, preferenceSize, sigmoid, type SyntheticWorld } from "./world.js";

/**
 * The true acceptance probability of any customer, item and context.
 * @param customer customer code (index into customerIds), integer in [0, customers)
 * @param item item code, integer in [0, items)
 * @param contextCodes one level code per context dimension (companion, intent, situation)
 * @param timeMs optional time (ms since the epoch): when given, 0 after the customer left and
 *   while dormant; when omitted, the probability while the customer is active
 * @returns P(accept) in [0, 1); exactly 0 for prospects
 * @throws RangeError naming the argument and the value when an argument is out of range
 */
export type TruthFunction = (customer: number, item: number, contextCodes: ArrayLike<number>, timeMs?: number) => number;

/**
 * A {@link TruthFunction} for a generated population. It keeps the tastes of the most recent
 * customer, so calls grouped by customer cost one dot product each; a new customer costs about
 * a hundred normal draws.
 */
export function createTruthFunction(world: SyntheticWorld, customers: SyntheticCustomers): TruthFunction {
  const prefs = new Float64Array(preferenceSize(world));
  let cached = -1;
  const nItems = world.itemBias.length;
  return (customer, item, contextCodes, timeMs) => {
    if (!(Number.isInteger(customer) && customer >= 0 && customer < customers.size)) {
      throw new RangeError(`truthFor: customer "${customer}" is not a customer code in [0, ${customers.size})`);
    }
    if (!(Number.isInteger(item) && item >= 0 && item < nItems)) {
      throw new RangeError(`truthFor: item "${item}" is not an item code in [0, ${nItems})`);
    }
    assertContextCodes(contextCodes, "truthFor");
    if (timeMs !== undefined && !Number.isFinite(timeMs)) throw new RangeError(`truthFor: timeMs must be a finite number, got "${timeMs}"`);
    if (customers.isProspect[customer] === 1) return 0;
    if (timeMs !== undefined && isInactiveAt(customers.journey, customer, timeMs)) return 0;
    if (customer !== cached) {
      fillPreferences(world, customer, prefs);
      cached = customer;
    }
    return sigmoid(logitFromPreferences(world, prefs, item, contextCodes));
  };
}
