/**
 * TensorFlow.js as the learned models use it: the core API plus the pure-JavaScript CPU backend.
 * Importing the core (not the whole @tensorflow/tfjs package with layers, converter and data) keeps
 * the browser bundle of the what-if page small; in Node, src/node/tf-backend.ts may register the
 * native backend on the same engine.
 */
import "@tensorflow/tfjs-backend-cpu";

export * from "@tensorflow/tfjs-core";
