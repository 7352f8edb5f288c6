/** Peak resident set size of this process so far, MB (every bench reports it the same way). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
