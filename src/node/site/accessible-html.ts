import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The language every page of the site is written in. */
export const SITE_LANG = "en";

/**
 * The two accessibility faults of the page shell Observable Framework 1.13 writes, which no config
 * option reaches (render.js): `<html>` has no `lang` (screen readers guess the language), and the
 * sidebar's first `<ol>` holds the sidebar's close `<label>` directly (a list may hold only `<li>`).
 * Returns the page with `lang` set and the label moved just before that list; the label is
 * positioned absolutely against the sidebar, so it looks the same. Idempotent.
 * @param html one page as Framework wrote it
 */
export function fixFrameworkHtml(html: string): string {
  return html
    .replace(/^(\s*<!DOCTYPE html>\s*)<html(?![^>]*\blang=)([^>]*)>/i, `$1<html lang="${SITE_LANG}"$2>`)
    .replace(/(<nav id="observablehq-sidebar">\s*)<ol>(\s*)(<label id="observablehq-sidebar-close"[^>]*><\/label>)/, "$1$3$2<ol>");
}

/**
 * The same fix for the live preview (`npm run dev`), whose pages Framework renders on request: a
 * script for the config's `head` that sets `lang` and moves the label once the sidebar is parsed.
 */
export const FRAMEWORK_HTML_FIX_SCRIPT = `<script>document.documentElement.lang=${JSON.stringify(SITE_LANG)};addEventListener("DOMContentLoaded",()=>{const l=document.getElementById("observablehq-sidebar-close");if(l&&l.parentElement&&l.parentElement.tagName==="OL")l.parentElement.before(l)})</script>`;

/**
 * Applies {@link fixFrameworkHtml} to every .html file under a built site, each rewritten atomically
 * (temporary file, then rename).
 * @param dir the build's output folder (dist/)
 * @returns how many pages were changed
 */
export function fixBuiltSite(dir: string): number {
  let changed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const path = join(entry.parentPath, entry.name);
    const before = readFileSync(path, "utf8");
    const after = fixFrameworkHtml(before);
    if (after === before) continue;
    writeFileSync(`${path}.tmp`, after);
    renameSync(`${path}.tmp`, path);
    changed++;
  }
  return changed;
}
