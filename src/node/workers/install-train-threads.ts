import { setTrainThreads } from "../../lib/models/learned/parallel-training.js";
import { nodeTrainThreads } from "./train-threads.js";

/**
 * Lets learned models train on every core of this machine (data-parallel, parallel-training.ts).
 * @param threads default thread count (the `threads: 0` option); default the machine's cores
 */
export function installTrainThreads(threads?: number): void {
  setTrainThreads(nodeTrainThreads(threads));
}
