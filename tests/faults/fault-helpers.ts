/**
 * Helpers of the fault suite: the irmlab CLI as a child process that can be stopped at a commit
 * phase (IRMLAB_FAULT_PHASE, see src/node/run/fault-phase.ts) and killed with SIGKILL there.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CLI = join(process.cwd(), "scripts", "irmlab.mjs");

export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the pid the child reports when it reaches `phase`. */
  phase(phase: string): Promise<number>;
  /** Resolves when the child has exited. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `irmlab <args>` with extra environment variables. */
export function startIrmlab(args: readonly string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: { phase: string; resolve: (pid: number) => void; reject: (e: Error) => void }[] = [];
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    for (const w of [...waiters]) {
      const m = new RegExp(`irmlab fault phase: ${w.phase} pid (\\d+)`).exec(stderr);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(Number(m[1]));
      }
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => {
      for (const w of waiters) w.reject(new Error(`irmlab ${args.join(" ")} exited (${code ?? signal}) before phase ${w.phase}; stderr:\n${stderr}`));
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { process: child, exit, phase: (phase) => new Promise((resolve, reject) => waiters.push({ phase, resolve, reject })) };
}

/** Starts `irmlab <args>` stopped at `phase`, kills it with SIGKILL there, and returns its output. */
export async function killAtPhase(args: readonly string[], phase: string): Promise<{ pid: number; stderr: string }> {
  const child = startIrmlab(args, { IRMLAB_FAULT_PHASE: phase, IRMLAB_FAULT_PAUSE_MS: "120000" });
  const pid = await child.phase(phase);
  expectSame(pid, child.process.pid!);
  process.kill(pid, "SIGKILL");
  const { signal, stderr } = await child.exit;
  expectSame(signal, "SIGKILL");
  return { pid, stderr };
}

function expectSame<T>(a: T, b: T): void {
  if (a !== b) throw new Error(`expected ${String(b)}, got ${String(a)}`);
}

/** A fresh temp folder. */
export function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `irmlab-${prefix}-`));
}

/**
 * A small synthetic experiment config (a learned model included when `learned`), written to `dir`.
 * @returns its path
 */
export function tinyConfig(dir: string, name: string, { learned = false, sweep = "" } = {}): string {
  const path = join(dir, `${name}.yaml`);
  const models = learned ? "[popularity, customer-profile, context-profile, { name: mf, params: { epochs: 2 } }]" : "[popularity, customer-profile, context-profile]";
  writeFileSync(
    path,
    `name: ${name}
seed: 5
dataset: { synthetic: { customers: 120, items: 15, seed: 2 } }
models: ${models}
compare: { irm: context-profile, crm: customer-profile }
bootstrap: { resamples: 60 }
segments: false
${sweep ? `sweep:\n${sweep}` : ""}`,
  );
  return path;
}

/** The bytes of the result files of a run folder that must not depend on how the run got there. */
export function results(runDir: string): { metrics: string; predictions: string } {
  return { metrics: readFileSync(join(runDir, "metrics.json"), "utf8"), predictions: readFileSync(join(runDir, "predictions.csv"), "utf8") };
}
