/**
 * Plain-text tables for the terminal: a header, a rule, and columns padded to their widest cell,
 * numbers right-aligned so their digits line up.
 */

export interface TextColumn {
  readonly header: string;
  /** "right" for numbers. Default "left". */
  readonly align?: "left" | "right";
}

/**
 * Renders rows under headers, two spaces between columns, no trailing spaces.
 * @param columns one per cell of each row
 * @param rows cells as already formatted strings
 * @throws RangeError when a row's length differs from the number of columns
 */
export function textTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  rows.forEach((row, i) => {
    if (row.length !== columns.length) throw new RangeError(`textTable: row ${i + 1} has ${row.length} cells, expected ${columns.length} (${columns.map((c) => c.header).join(", ")})`);
  });
  const width = columns.map((c, j) => Math.max(length(c.header), ...rows.map((r) => length(r[j]!))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, j) => (columns[j]!.align === "right" ? " ".repeat(width[j]! - length(cell)) + cell : cell + " ".repeat(width[j]! - length(cell))))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), width.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** Display width in code points (every character this project prints is one column wide). */
function length(s: string): number {
  return [...s].length;
}
