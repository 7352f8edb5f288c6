/**
 * What a fitted "buy 'til you die" transaction model (BG/NBD, Pareto/NBD) offers to the value and
 * evaluation code, so that CLV, holdout evaluation and tracking work with either model.
 */

/** A fitted transaction model; all times in the periods it was fitted in (weeks by default). */
export interface TransactionModel {
  /** "bg-nbd" or "pareto-nbd". */
  readonly name: string;
  /** Expected repeat transactions of a customer in the first t periods after their first purchase. */
  expected(t: number): number;
  /** Expected transactions in the next t periods of a customer with history (x, t_x, T). */
  conditionalExpected(x: number, tx: number, T: number, t: number): number;
  /** Probability that a customer with history (x, t_x, T) is still active at T. */
  pAlive(x: number, tx: number, T: number): number;
}

/** Options of the BTYD model fits. */
export interface BtydFitOptions {
  /** Starting parameters (natural scale) tried in addition to the built-in starts. Default: none. */
  readonly starts?: readonly (readonly number[])[];
  /** Nelder–Mead tolerance on the negative log-likelihood (relative). Default 1e-12. */
  readonly tolerance?: number;
}

/** Outcome of a maximum-likelihood fit. */
export interface MleFit<P> {
  /** Fitted parameters. */
  readonly params: P;
  /** Log-likelihood at params (summed over customers). */
  readonly logLikelihood: number;
  /** Customers fitted on. */
  readonly customers: number;
  /** Likelihood evaluations used (all starts). */
  readonly evaluations: number;
  /** False when the optimizer ran out of evaluations. */
  readonly converged: boolean;
}
