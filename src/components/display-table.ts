import type { DisplayTable } from "../lib/site-summary/tables.js";

/**
 * Renders a {@link DisplayTable} as an accessible HTML table (caption, column headers, row headers)
 * inside a horizontally scrollable wrapper, for phones. Browser only.
 * @param table the table model (from src/lib/site-summary/tables.ts)
 * @returns a div.table-scroll holding a table.metrics
 */
export function displayTable(table: DisplayTable): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "table-scroll";
  const el = document.createElement("table");
  el.className = "metrics";
  el.createCaption().textContent = table.caption;
  const head = el.createTHead().insertRow();
  for (const label of table.columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    head.append(th);
  }
  const body = el.createTBody();
  for (const row of table.rows) {
    const tr = body.insertRow();
    row.cells.forEach((text, i) => {
      const cell = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) (cell as HTMLTableCellElement).scope = "row";
      cell.textContent = text;
      if (row.suppressed[i]) cell.className = "suppressed";
      tr.append(cell);
    });
  }
  wrap.append(el);
  return wrap;
}
