import { FLAT_LEVEL_NAMES, TOTAL_LEVELS } from "./context-space.js";
import { CONTACT_CHANNELS, type ContactChannel, type CustomerTraits } from "./customer-traits.js";
import type { Journey } from "./journey.js";
import type { CustomerOutcome } from "./simulate-customer.js";

/**
 * Ground truth per synthetic customer, column-wise: every column is indexed by the customer code
 * used in the interactions (customerIds[c] = ids[c]).
 */
export interface SyntheticCustomers {
  readonly size: number;
  /** "c000123"-style synthetic identifiers. */
  readonly ids: readonly string[];
  /** 1 when the customer never accepts anything. */
  readonly isProspect: Uint8Array;
  /** First contact, ms since the Unix epoch. */
  readonly entryTime: Float64Array;
  /** λ: purchases per week while active (offers arrive at λ / acceptanceRate per week). */
  readonly lambda: Float64Array;
  /** p: probability of leaving after each purchase. */
  readonly dropoutProbability: Float64Array;
  /** When the customer left for good, ms; Infinity when still engaged at the end of the period. */
  readonly dropoutTime: Float64Array;
  /** Expected spend per purchase in a neutral context (Gamma-Gamma p/ν). */
  readonly meanSpend: Float64Array;
  /** Names of the channel codes. */
  readonly channels: readonly ContactChannel[];
  /** Preferred contact channel, index into channels. */
  readonly preferredChannel: Uint8Array;
  /** Most contacts per month the customer welcomes; 0 = do not contact. */
  readonly maxContactsPerMonth: Uint8Array;
  /** "dimension:level" names of the contextShare columns. */
  readonly contextLevels: readonly string[];
  /** Share of the customer's occasions per level, customers × contextLevels.length, row-major; sums to 1 per dimension. */
  readonly contextShare: Float64Array;
  /** Number of interaction rows (offers) of the customer. */
  readonly offers: Int32Array;
  /** Number of accepted offers. */
  readonly purchases: Int32Array;
  /** ms of the first purchase; Infinity when none. */
  readonly firstPurchaseTime: Float64Array;
  /** Lifecycle events (entered, first-purchase, lapsed, returned, churned, ...). */
  readonly journey: Journey;
}

/** Fills a SyntheticCustomers table customer by customer (customers must come in index order). */
export class CustomerTableBuilder {
  private readonly n: number;
  readonly ids: string[];
  readonly isProspect: Uint8Array;
  readonly entryTime: Float64Array;
  readonly lambda: Float64Array;
  readonly dropoutProbability: Float64Array;
  readonly dropoutTime: Float64Array;
  readonly meanSpend: Float64Array;
  readonly preferredChannel: Uint8Array;
  readonly maxContactsPerMonth: Uint8Array;
  readonly contextShare: Float64Array;
  readonly offers: Int32Array;
  readonly purchases: Int32Array;
  readonly firstPurchaseTime: Float64Array;
  readonly journeyOffsets: Int32Array;

  /** @param n number of customers */
  constructor(n: number) {
    this.n = n;
    this.ids = new Array<string>(n);
    this.isProspect = new Uint8Array(n);
    this.entryTime = new Float64Array(n);
    this.lambda = new Float64Array(n);
    this.dropoutProbability = new Float64Array(n);
    this.dropoutTime = new Float64Array(n);
    this.meanSpend = new Float64Array(n);
    this.preferredChannel = new Uint8Array(n);
    this.maxContactsPerMonth = new Uint8Array(n);
    this.contextShare = new Float64Array(n * TOTAL_LEVELS);
    this.offers = new Int32Array(n);
    this.purchases = new Int32Array(n);
    this.firstPurchaseTime = new Float64Array(n);
    this.journeyOffsets = new Int32Array(n + 1);
  }

  /**
   * Records customer c.
   * @param entryMs first contact in ms
   * @param journeyEnd number of journey events recorded so far, this customer's included
   */
  set(c: number, id: string, traits: CustomerTraits, entryMs: number, outcome: CustomerOutcome, journeyEnd: number): void {
    this.ids[c] = id;
    this.isProspect[c] = traits.isProspect ? 1 : 0;
    this.entryTime[c] = entryMs;
    this.lambda[c] = traits.lambda;
    this.dropoutProbability[c] = traits.dropoutProbability;
    this.dropoutTime[c] = outcome.dropoutTime;
    this.meanSpend[c] = traits.meanSpend;
    this.preferredChannel[c] = traits.channel;
    this.maxContactsPerMonth[c] = traits.maxContactsPerMonth;
    this.contextShare.set(traits.contextShare, c * TOTAL_LEVELS);
    this.offers[c] = outcome.rows;
    this.purchases[c] = outcome.purchases;
    this.firstPurchaseTime[c] = outcome.firstPurchaseTime;
    this.journeyOffsets[c + 1] = journeyEnd;
  }

  /** The finished table. */
  finish(journeyKind: Uint8Array, journeyTime: Float64Array): SyntheticCustomers {
    return {
      size: this.n,
      ids: this.ids,
      isProspect: this.isProspect,
      entryTime: this.entryTime,
      lambda: this.lambda,
      dropoutProbability: this.dropoutProbability,
      dropoutTime: this.dropoutTime,
      meanSpend: this.meanSpend,
      channels: CONTACT_CHANNELS,
      preferredChannel: this.preferredChannel,
      maxContactsPerMonth: this.maxContactsPerMonth,
      contextLevels: FLAT_LEVEL_NAMES,
      contextShare: this.contextShare,
      offers: this.offers,
      purchases: this.purchases,
      firstPurchaseTime: this.firstPurchaseTime,
      journey: { offsets: this.journeyOffsets, kind: journeyKind, time: journeyTime },
    };
  }
}
