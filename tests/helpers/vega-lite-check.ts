import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** What compiling and rendering a Vega-Lite spec produced. */
export interface CheckedSpec {
  /** Warnings and errors logged by Vega-Lite's compiler (expected: none). */
  readonly warnings: string[];
  /** The chart rendered headless to SVG markup by Vega (no browser needed). */
  readonly svg: string;
}

/**
 * Compiles a Vega-Lite spec with a logger that records every warning, then renders it headless to SVG
 * with Vega, logging Vega's warnings too.
 * @param spec the Vega-Lite spec to check
 */
export async function checkVegaLite(spec: TopLevelSpec): Promise<CheckedSpec> {
  const warnings: string[] = [];
  let current = 0;
  const record =
    (kind: string) =>
    (...args: readonly unknown[]) => {
      warnings.push(`${kind}: ${args.map(String).join(" ")}`);
      return logger;
    };
  const logger = {
    level(level?: number) {
      if (level === undefined) return current as never;
      current = level;
      return logger as never;
    },
    error: record("error"),
    warn: record("warn"),
    info: () => logger,
    debug: () => logger,
  };
  const { spec: vgSpec } = compile(spec, { logger });
  const view = new View(parse(vgSpec), { renderer: "none" });
  view.logger(logger as never);
  const svg = await view.toSVG();
  view.finalize();
  return { warnings, svg };
}
