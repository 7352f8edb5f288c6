#!/usr/bin/env node
// The `irmlab` command. The CLI is TypeScript; tsx (a runtime dependency) compiles it on the fly,
// so `npx irmlab` works straight after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
await import("./cli.ts");
