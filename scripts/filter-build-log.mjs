#!/usr/bin/env node
// Runs a build command with its log shortened by src/node/build-log-filter.ts: what the user must
// act on is printed, Framework's per-file progress and known third-party warnings are summarised
// in one line each. Exit status is the command's. IRMLAB_BUILD_LOG=full prints the log unfiltered.
// Usage: node scripts/filter-build-log.mjs <command> [args...]
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { register } from "tsx/esm/api";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write("usage: node scripts/filter-build-log.mjs <command> [args...]\n");
  process.exit(2);
}
const full = process.env.IRMLAB_BUILD_LOG === "full";
const child = spawn(command, args, { stdio: full ? "inherit" : ["inherit", "pipe", "pipe"], env: process.env });
// Listen before any await: a fast command may finish while the filter module is still loading.
const exited = new Promise((done) => child.on("exit", (c, signal) => done(c ?? (signal ? 1 : 0))));
if (full) process.exit(await exited);

const early = [];
let handle = (line, out) => early.push([line, out]);
const follow = (stream, out) =>
  new Promise((done) => createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => handle(line, out)).on("close", done));
const finished = Promise.all([exited, follow(child.stdout, process.stdout), follow(child.stderr, process.stderr)]);

register();
const { BuildLogFilter } = await import("../src/node/build-log-filter.ts");
const filter = new BuildLogFilter();
handle = (line, out) => {
  if (filter.line(line).show) out.write(`${line}\n`);
};
for (const [line, out] of early.splice(0)) handle(line, out);
const [code] = await finished;
if (code !== 0 && filter.hidden.length > 0) {
  process.stderr.write(`--- the build failed; its last ${Math.min(60, filter.hidden.length)} hidden log lines: ---\n${filter.hidden.slice(-60).join("\n")}\n`);
}
for (const line of filter.summary()) process.stdout.write(`${line}\n`);
process.exit(code);
