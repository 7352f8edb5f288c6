/**
 * Progress bars for long steps, on stderr. Drawn in place on a TTY, as a few milestone lines
 * otherwise (CI logs), and not at all when quiet.
 */
export interface Progress {
  /** Set the fraction done in [0, 1]. */
  update(fraction: number): void;
  /** Mark the step done and print its duration. */
  done(): void;
}

export interface ProgressOptions {
  /** Print nothing. Default false. */
  readonly quiet?: boolean;
  /** Stream to draw on. Default process.stderr. */
  readonly stream?: NodeJS.WriteStream;
}

export function startProgress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const started = performance.now();
  if (options.quiet) return { update: () => {}, done: () => {} };
  const tty = Boolean(stream.isTTY);
  let lastDrawn = -1;
  const draw = (fraction: number): void => {
    const f = Math.min(1, Math.max(0, fraction));
    const pct = Math.floor(f * 100);
    const elapsed = (performance.now() - started) / 1000;
    if (tty) {
      if (pct === lastDrawn) return;
      const width = 24;
      const filled = Math.round(f * width);
      const eta = f > 0 && f < 1 ? ` eta ${formatSeconds((elapsed / f) * (1 - f))}` : "";
      stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${pct}%${eta}   `);
    } else {
      const milestone = Math.floor(pct / 25) * 25;
      if (milestone === lastDrawn || milestone === 0 || milestone === 100) return;
      stream.write(`${label}: ${milestone}%\n`);
      lastDrawn = milestone;
      return;
    }
    lastDrawn = pct;
  };
  draw(0);
  return {
    update: draw,
    done(): void {
      const elapsed = (performance.now() - started) / 1000;
      stream.write(`${tty ? "\r" : ""}${label}: done in ${formatSeconds(elapsed)}${tty ? "                              " : ""}\n`);
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  return `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}
