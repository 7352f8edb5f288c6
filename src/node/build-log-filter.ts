/**
 * Shortens the site build's log to what a user must act on. Framework's build prints a line per
 * copied file, loaded page, bundled module and resolved npm package (hundreds), and esbuild repeats
 * the same known warning about `require` in TensorFlow.js's Node-only code. Those are counted and
 * summarised in one line each; everything else (errors, unknown warnings, anything new) passes
 * through unchanged. When the build fails, the hidden lines are printed too: the error's context
 * matters then.
 *
 *   lines → strip colour → known Framework progress? count : known warning block? count : print
 *     → at the end: one summary line per kind, then what the build produced
 */

/** Kinds of hidden lines, each summarised in one line. */
export type HiddenKind = "framework" | "require-warning";

/** What happened to one line. */
export type LineVerdict = { readonly show: true } | { readonly show: false; readonly kind: HiddenKind };

// Framework 1.13's progress output: every line names a step it did, with no action for the user.
const FRAMEWORK = [
  /^(copy|load|bundle|build|resolve|alias|render) \S/, // copy src/data/x.json → …, load /page …, alias /_node/x.js → /_node/x.1a2b.js
  /^[┌├└│]/, // the table of page sizes
  /^\S+ → (src\/)?\.observablehq\/cache\//, // vega → src/.observablehq/cache/_node/vega@6.4.0/index.js
  /^npm:\S+$/, // npm:d3@7.9.2
  /^(npm:\S+ → )+/, // npm:d3-dsv@latest → npm:@observablehq/plot@0.6.17
  /^\S*(\.observablehq\/cache|_file|_import|_node|_npm|_observablehq)\/\S+$/, // test-output/dist/_file/data/summary.a2426932.json
  /^in \d+(\.\d+)?m?s$/,
  /^success [\d.]+ [kMG]?B in \d+m?s$/,
  /^\[(missing|fresh|stale|using stale)\] /,
  /^\S+\.(json|csv|bin|parquet|arrow|zip|txt): /, // a data loader's own progress line on stderr (summary.json: run …)
];
const BUILT = /^built (\d+) pages? in \S+$/;
const LINKS = /^\d+ links? validated$/;
// esbuild's warning on require() in @tensorflow/tfjs-core's platform_node.js: dead code in the browser.
const REQUIRE_WARNING = /^\[plugin esbuild\] .*\[WARNING\] Converting "require" to "esm" is currently not supported/;

/** Removes ANSI colour codes. */
export function stripAnsi(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}

/**
 * A stateful line filter (a warning spans several lines: the header, its source excerpt, blank lines).
 * Feed it every line in order with {@link BuildLogFilter.line}, then call {@link BuildLogFilter.summary}.
 */
export class BuildLogFilter {
  private inWarning = false;
  private readonly counts: Record<HiddenKind, number> = { framework: 0, "require-warning": 0 };
  private warnings = 0;
  private pages: number | null = null;
  private links: number | null = null;
  /** Every hidden line, raw, for a failed build's context. */
  readonly hidden: string[] = [];

  /** Decides whether a line of the log is shown. */
  line(raw: string): LineVerdict {
    const line = stripAnsi(raw).trimEnd();
    if (REQUIRE_WARNING.test(line)) {
      this.inWarning = true;
      this.warnings++;
      return this.hide(raw, "require-warning");
    }
    // a warning's excerpt is indented or blank; the first flush-left line ends it
    if (this.inWarning && (line === "" || /^\s/.test(line))) return this.hide(raw, "require-warning");
    this.inWarning = false;
    const built = BUILT.exec(line);
    if (built) this.pages = Number(built[1]);
    const links = /^(\d+) links?/.exec(line);
    if (links && LINKS.test(line)) this.links = Number(links[1]);
    if (line === "" || built || LINKS.test(line) || FRAMEWORK.some((re) => re.test(line))) return this.hide(raw, "framework");
    return { show: true };
  }

  /** One line per kind of hidden output; empty when nothing was hidden. */
  summary(): string[] {
    const out: string[] = [];
    if (this.counts.framework > 0) {
      const pages = this.pages === null ? "" : `built ${this.pages} pages, `;
      const links = this.links === null ? "" : `${this.links} links validated, `;
      out.push(`Framework: ${pages}${links}${this.counts.framework} progress lines hidden (copied files, data loaders, bundled modules; IRMLAB_BUILD_LOG=full shows them)`);
    }
    if (this.warnings > 0) {
      out.push(`known warning ×${this.warnings}: esbuild cannot convert require() in @tensorflow/tfjs-core's Node-only platform code (never runs in the browser; harmless)`);
    }
    return out;
  }

  private hide(raw: string, kind: HiddenKind): LineVerdict {
    this.counts[kind]++;
    this.hidden.push(raw);
    return { show: false, kind };
  }
}
