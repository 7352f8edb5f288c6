import type { Command } from "commander";

/** `irmlab env`: which runtime and TensorFlow.js backend this machine would use. */
export function register(program: Command): void {
  program
    .command("env")
    .description("print the Node.js version and the TensorFlow.js backend this machine would use")
    .option("--json", "print one JSON document (the default output: env always prints JSON)")
    .option("--quiet", "no progress output (env prints none)")
    .action(async () => {
      const { loadTf } = await import("../../src/node/tf-backend.js");
      const { backend } = await loadTf();
      process.stdout.write(`${JSON.stringify({ node: process.version, platform: process.platform, tfjsBackend: backend }, null, 2)}\n`);
    });
}
