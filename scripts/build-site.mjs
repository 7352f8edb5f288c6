#!/usr/bin/env node
// Builds the site into dist/. Framework reruns a data loader only when its cached output is
// missing, so the loader cache is cleared first: the site always shows the newest run.
import { rmSync } from "node:fs";
import { spawnSync } from "node:child_process";

rmSync("src/.observablehq/cache", { recursive: true, force: true });
const result = spawnSync("npx", ["observable", "build"], { stdio: "inherit", env: process.env });
process.exit(result.status ?? 1);
