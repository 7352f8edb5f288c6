/** The one number formatter of IRM Lab's terminal output (and of any page that prints numbers as text). */
export * from "./format-number.js";
export * from "./format-units.js";
export * from "./format-interval.js";
export * from "./text-table.js";
export * from "./experiment-summary.js";
export * from "./sweep-summary.js";
