/**
 * A paragraph of plain text (browser only): for "not computed in this run" notes inside cards,
 * without Framework's implicit html template (which would fetch a package from a CDN).
 * @param text the sentence
 * @param className CSS class. Default "note".
 */
export function note(text: string, className = "note"): HTMLParagraphElement {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}
