/**
 * Loads TensorFlow.js for Node: the native backend (@tensorflow/tfjs-node, an optional dependency)
 * when it is installed and loads, else the pure-JavaScript CPU backend of @tensorflow/tfjs.
 * The backend name goes into every run record. Also installs the helper threads that learned
 * models train with (src/node/workers).
 */
import type * as TF from "@tensorflow/tfjs";

let loaded: Promise<{ tf: typeof TF; backend: string }> | null = null;

export function loadTf(): Promise<{ tf: typeof TF; backend: string }> {
  loaded ??= (async () => {
    let tf: typeof TF;
    try {
      const nodeTf = "@tensorflow/tfjs-node"; // a variable: bundlers and tsc must not require it
      tf = (await import(nodeTf)) as typeof TF;
    } catch {
      tf = await import("@tensorflow/tfjs");
      await tf.setBackend("cpu");
      // The CPU backend's first-use banner ("install our node backend") would land in every command's
      // output; the run record states the backend instead. Production mode silences the banner only.
      tf.env().set("PROD", true);
    }
    await tf.ready();
    // Learned models train on every core from here on (worker_threads; results per thread count).
    const { installTrainThreads } = await import("./workers/install-train-threads.js");
    installTrainThreads();
    return { tf, backend: tf.getBackend() };
  })();
  return loaded;
}
