import type { SiteVerdict } from "../lib/site-summary/site-summary-types.js";

/**
 * The executive verdict as a block: the headline sentence (large, with a side bar in the winning
 * family's colour) and the numbers behind it. Browser only.
 * @param verdict the summary's verdict, or null when the run has no comparison
 * @returns a section element with class "verdict-block"
 */
export function verdictBlock(verdict: SiteVerdict | null): HTMLElement {
  const section = document.createElement("section");
  section.className = "verdict-block";
  const headline = document.createElement("p");
  headline.className = `verdict verdict--${verdict?.verdict ?? "inconclusive"}`;
  headline.textContent = verdict?.headline ?? "This run compared no IRM model with a CRM model.";
  section.append(headline);
  if (verdict) {
    const detail = document.createElement("p");
    detail.className = "verdict-detail";
    detail.textContent = verdict.detail;
    section.append(detail);
    for (const text of verdict.warnings ?? []) {
      const warning = document.createElement("p");
      warning.className = "verdict-warning";
      warning.setAttribute("role", "note");
      warning.textContent = `Warning: ${text}`;
      section.append(warning);
    }
  }
  return section;
}
