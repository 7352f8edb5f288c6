/**
 * What the `clv` and `value` commands share: option parsers, the data-source and window options,
 * and turning them into a ValueSource.
 */
import { InvalidArgumentError, type Command } from "commander";
import type { ValueSource } from "./load-value-data.js";

/** Parser of an integer option >= min. */
export const integerOption = (flag: string, min: number) => (raw: string): number => {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got "${raw}"`);
  return v;
};

/** Parser of a number option in (0, 1). */
export const fractionOption = (flag: string) => (raw: string): number => {
  const v = Number(raw);
  if (!(v > 0 && v < 1)) throw new InvalidArgumentError(`${flag} must be a number in (0, 1), got "${raw}"`);
  return v;
};

/** The flags {@link addSourceOptions} defines. */
export interface SourceFlags {
  calibrationEnd?: string;
  holdoutEnd?: string;
  synthetic?: boolean;
  customers: number;
  contextStrength?: string;
  seed: number;
  resamples: number;
  json?: boolean;
  out?: string;
  quiet?: boolean;
}

/** Adds the data source, window, seed, bootstrap and output options of a value command. */
export function addSourceOptions(command: Command, what: { calibration: string; seed: string; out: string }): Command {
  return command
    .argument("[descriptor]", "dataset descriptor (YAML) with customer + timestamp (+ value, contexts) columns")
    .option("--calibration-end <date>", `${what.calibration}, e.g. 1997-09-30 (UTC); synthetic default: the generator's`)
    .option("--holdout-end <date>", "end of the holdout period (default: the last timestamp)")
    .option("--synthetic", "use the embedded synthetic population (ground truth known) instead of a descriptor")
    .option("--customers <n>", "synthetic: number of customers", integerOption("--customers", 1), 2000)
    .option("--context-strength <x>", "synthetic: how much context matters")
    .option("--seed <n>", what.seed, integerOption("--seed", 0), 1)
    .option("--resamples <n>", "bootstrap resamples (customers)", integerOption("--resamples", 1), 1000)
    .option("--json", "print the result as JSON")
    .option("--out <file>", what.out)
    .option("--quiet", "no progress output");
}

/**
 * The data source the flags name.
 * @throws Error when both or neither of a descriptor and --synthetic are given, or --context-strength is not a number
 */
export function sourceOf(descriptor: string | undefined, flags: SourceFlags): ValueSource {
  if (descriptor && flags.synthetic) throw new Error("give a descriptor or --synthetic, not both");
  if (descriptor) return { descriptor };
  if (!flags.synthetic) throw new Error("give a dataset descriptor (e.g. data/datasets/cdnow-sample.yaml) or --synthetic");
  const strength = flags.contextStrength === undefined ? undefined : Number(flags.contextStrength);
  if (strength !== undefined && !Number.isFinite(strength)) throw new Error(`--context-strength must be a number, got "${flags.contextStrength}"`);
  return { synthetic: { seed: flags.seed, customers: flags.customers, ...(strength === undefined ? {} : { contextStrength: strength }) } };
}

/** The calibration / holdout flags as run options (absent flags left out). */
export function windowFlags(flags: SourceFlags): { calibrationEnd?: string; holdoutEnd?: string } {
  return {
    ...(flags.calibrationEnd === undefined ? {} : { calibrationEnd: flags.calibrationEnd }),
    ...(flags.holdoutEnd === undefined ? {} : { holdoutEnd: flags.holdoutEnd }),
  };
}
