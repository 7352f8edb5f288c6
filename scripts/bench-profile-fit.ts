// The context-profile fit alone, before/after a change to it (src/node/bench/profile-fit-bench.ts).
// Usage: npx tsx scripts/bench-profile-fit.ts [customers (30000 ≈ 810k training rows)] [threads (1)] [tolerance]
// Prints one JSON document: passes, CPU and wall seconds, threads, variance components, load average.
import { runProfileFitBench } from "../src/node/bench/profile-fit-bench.js";

const [customers = "30000", threads = "1", tolerance] = process.argv.slice(2);
const report = await runProfileFitBench({
  customers: Number(customers),
  threads: Number(threads),
  ...(tolerance !== undefined ? { tolerance: Number(tolerance) } : {}),
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
