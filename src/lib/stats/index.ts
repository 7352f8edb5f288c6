/** Statistics for honest model comparisons: bootstrap CIs, paired tests, multiple testing, ranks. */
export { pairedBootstrap, UndefinedMetricError } from "./paired-bootstrap.js";
export type { PairedBootstrapInput, PairedBootstrapResult } from "./paired-bootstrap.js";
export { clusterStatistic, aucLeaveOneGroupOut } from "./cluster-statistic.js";
export type { ClusterStatistic } from "./cluster-statistic.js";
export { delong } from "./delong.js";
export type { DeLongResult } from "./delong.js";
export { mcnemar, mcnemarFromCounts } from "./mcnemar.js";
export type { McNemarOptions, McNemarResult } from "./mcnemar.js";
export { nadeauBengio } from "./nadeau-bengio.js";
export type { NadeauBengioResult } from "./nadeau-bengio.js";
export { holm } from "./holm.js";
export { seedAggregate } from "./seed-aggregate.js";
export type { SeedAggregate } from "./seed-aggregate.js";
export { criticalDifferenceDiagram, friedman, friedmanFromAverageRanks, NEMENYI_Q, nemenyiCriticalDifference } from "./friedman-nemenyi.js";
export type { CriticalDifferenceDiagram, FriedmanResult, NemenyiAlpha } from "./friedman-nemenyi.js";
export * from "./distributions.js";
export { quantileSorted } from "./quantile.js";
