#!/usr/bin/env node
// Serves the built site (default dist/) on localhost and prints its URL. Usage: node scripts/serve.mjs [folder] [port]
import { register } from "tsx/esm/api";

register();
const { serveStatic } = await import("../src/node/static-server.ts");
const root = process.argv[2] ?? "dist";
const port = Number(process.argv[3] ?? process.env.PORT ?? 3000);
const server = await serveStatic(root, "/", port);
process.stdout.write(`IRM Lab site: ${server.url}  (Ctrl-C to stop)\n`);
