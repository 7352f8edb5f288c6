/**
 * irmlab: the command-line entry point. Each command lives in scripts/commands/<name>.ts and
 * exports `register(program)`; this file only discovers and wires them, so adding a command
 * never touches it.
 */
import { Command } from "commander";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, "..", "package.json"), "utf8")) as { version: string };

const program = new Command("irmlab")
  .description("IRM Lab: single-profile (CRM) vs multi-context (IRM) customer models, measured honestly.")
  .version(pkg.version)
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: true });

const commandDir = join(here, "commands");
for (const file of readdirSync(commandDir).filter((f) => f.endsWith(".ts")).sort()) {
  const mod = (await import(pathToFileURL(join(commandDir, file)).href)) as { register?: (p: Command) => void };
  if (typeof mod.register !== "function") throw new Error(`scripts/commands/${file} does not export register(program)`);
  mod.register(program);
}

// One contract for every command: --json prints one JSON document and nothing else on stdout,
// --quiet silences progress. A command without them is a bug in that command, caught here
// (and by tests/scripts/cli-output.test.ts) rather than by a user's broken pipe.
const leaves = (c: Command): Command[] => (c.commands.length === 0 ? [c] : c.commands.flatMap(leaves));
for (const command of program.commands.flatMap(leaves)) {
  for (const flag of ["--json", "--quiet"]) {
    if (!command.options.some((o) => o.long === flag)) throw new Error(`irmlab ${command.name()}: every command must accept ${flag}`);
  }
}
program.hook("preAction", (_root, action) => {
  // Third-party code (TensorFlow.js, DuckDB) may print with console.log; under --json that would
  // corrupt the document, so the console goes to stderr. Commands write results with process.stdout.
  if (action.opts().json) {
    const toStderr = (...args: unknown[]): void => console.error(...args);
    console.log = toStderr;
    console.info = toStderr;
    console.debug = toStderr;
  }
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures (bad input, bad config) print one clear message, no stack trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`irmlab: ${message}\n`);
  if (process.env.IRMLAB_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
