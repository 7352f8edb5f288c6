/**
 * One text cell of a CSV file the project writes (predictions.csv, the reject report), safe to
 * open in a spreadsheet: a cell that a spreadsheet would run as a formula (leading "=", "+", "-",
 * "@", tab or carriage return, e.g. an id like `=cmd|' /C calc'!A0`) gets a leading apostrophe
 * (the OWASP "CSV injection" defence); plain numbers such as "-1.5" stay as they are. Then RFC 4180
 * quoting. {@link readCsvText} undoes the apostrophe, so ids read back equal the ids written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `text` neutralised (see above) and quoted when it holds a comma, quote, CR or LF. */
export function csvCell(text: string): string {
  // apostrophes already in front are kept and one more added, so reading back is exact
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The text of a cell written by {@link csvCell} (after unquoting): the neutralising apostrophe removed. */
export function readCsvText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) && !PLAIN_NUMBER.test(cell.slice(1)) ? cell.slice(1) : cell;
}
