export { serveStatic, type StaticServer } from "../../src/node/static-server.js";
