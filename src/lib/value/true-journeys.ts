/**
 * The synthetic generator's true journeys as monthly stages, to check the observed journeys against.
 * Event → stage: entered → prospect, first-purchase → first, repeat-purchase and loyal → repeat,
 * lapsed → lapsed, returned → returned, churned → lapsed (gone for good looks lapsed in a log), except
 * for prospects who churn: they never bought, so they stay prospects.
 */
import { JOURNEY_EVENT_NAMES, type Journey } from "../synthetic/journey.js";
import { monthOf, type StageSequences } from "./journeys.js";

const STAGE_OF_EVENT: Readonly<Record<string, number>> = {
  entered: 0, "first-purchase": 1, "repeat-purchase": 2, loyal: 2, lapsed: 3, returned: 4, churned: 3,
};

/**
 * Monthly true stages over the same months as `observed` (the stage at the end of each month).
 * @param journey true events; customer c of the journey is customer code c of the data
 */
export function trueStages(journey: Journey, observed: StageSequences, holdoutEnd: number): StageSequences {
  const stages = new Uint8Array(observed.stages.length);
  const n = observed.firstMonth.length;
  for (let c = 0; c < n && c < journey.offsets.length - 1; c++) {
    if (observed.firstMonth[c]! < 0) continue;
    let e = journey.offsets[c]!, stage = 0, churned = false;
    const endE = journey.offsets[c + 1]!;
    for (let m = observed.firstMonth[c]!, at = observed.offsets[c]!; at < observed.offsets[c + 1]!; m++, at++) {
      while (e < endE && journey.time[e]! <= holdoutEnd && monthOf(journey.time[e]!) <= m) {
        const name = JOURNEY_EVENT_NAMES[journey.kind[e]!]!;
        // a prospect who loses interest never bought: in a log they stay a prospect
        if (!churned && !(name === "churned" && stage === 0)) stage = STAGE_OF_EVENT[name] ?? stage;
        if (name === "churned") churned = true;
        e++;
      }
      stages[at] = stage;
    }
  }
  return { firstMonth: observed.firstMonth, offsets: observed.offsets, stages };
}

/** Agreement of observed with true stages. */
export interface JourneyAgreement {
  /** Share of customer-months whose observed stage equals the true stage. */
  readonly stageAgreement: number;
  /** Share of customers for whom "ever left the funnel" (a lapsed or returned month) agrees. */
  readonly leftFunnelAgreement: number;
  /** Share of customers who truly left the funnel, and share observed to. */
  readonly trulyLeftFunnel: number;
  readonly observedLeftFunnel: number;
}

/** Compares observed and true stage sequences over the same months. */
export function journeyAgreement(observed: StageSequences, truth: StageSequences): JourneyAgreement {
  let same = 0, months = 0, agree = 0, customers = 0, trueLeft = 0, obsLeft = 0;
  for (let c = 0; c < observed.firstMonth.length; c++) {
    if (observed.firstMonth[c]! < 0) continue;
    customers++;
    let o = false, t = false;
    for (let at = observed.offsets[c]!; at < observed.offsets[c + 1]!; at++) {
      months++;
      if (observed.stages[at] === truth.stages[at]) same++;
      if (observed.stages[at]! >= 3) o = true;
      if (truth.stages[at]! >= 3) t = true;
    }
    if (o === t) agree++;
    if (o) obsLeft++;
    if (t) trueLeft++;
  }
  return {
    stageAgreement: months > 0 ? same / months : 0,
    leftFunnelAgreement: customers > 0 ? agree / customers : 0,
    trulyLeftFunnel: customers > 0 ? trueLeft / customers : 0,
    observedLeftFunnel: customers > 0 ? obsLeft / customers : 0,
  };
}
