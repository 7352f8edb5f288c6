import type { Rng } from "../../random/rng.js";
import { fmKernel } from "./fm-kernel.js";
import type { EncodedRows, Kernel } from "./kernel.js";
import type { LossKind } from "./link.js";
import type { Architecture, DataLayout } from "./layout.js";
import { contextValues, factorFields, linearFields } from "./layout.js";
import { personaKernel } from "./persona-kernel.js";
import type { SparseTable } from "./sparse-table.js";
import { createTable } from "./sparse-table.js";

/** Hyper-parameters that fix the shapes of an architecture's tables. */
export interface Shape {
  readonly dim: number;
  /** Persona vectors per customer (persona only). */
  readonly personas: number;
  /** Customer-specific gate term (persona only). */
  readonly customerGate: boolean;
}

/** One table: name, [rows, width], and the initializer ("zeros" or seeded normal). */
export interface TableSpec {
  readonly name: string;
  readonly rows: number;
  readonly width: number;
  readonly init: "zeros" | "normal";
}

/** The tables of `arch` on `layout`, in the fixed order the kernels and saved weights use. */
export function tableSpecs(arch: Architecture, layout: DataLayout, shape: Shape): TableSpec[] {
  const C = layout.customers, I = layout.items, V = contextValues(layout), d = shape.dim;
  if (arch !== "persona") {
    const features = arch === "fm" ? C + I + V : C + I;
    const specs: TableSpec[] = [
      { name: "bias", rows: 1, width: 1, init: "zeros" },
      { name: "w", rows: features, width: 1, init: "zeros" },
      { name: "v", rows: features, width: d, init: "normal" },
    ];
    if (arch === "camf") specs.push({ name: "u", rows: I * V, width: 1, init: "zeros" });
    return specs;
  }
  const K = shape.personas;
  const specs: TableSpec[] = [
    { name: "bias", rows: 1, width: 1, init: "zeros" },
    { name: "bu", rows: C, width: 1, init: "zeros" },
    { name: "bi", rows: I, width: 1, init: "zeros" },
    { name: "bc", rows: V, width: 1, init: "zeros" },
    { name: "p", rows: C, width: K * d, init: "normal" },
    { name: "q", rows: I, width: d, init: "normal" },
    { name: "g", rows: V, width: K, init: "normal" },
  ];
  if (shape.customerGate) specs.push({ name: "h", rows: C, width: K, init: "normal" });
  return specs;
}

/** Seeded initial values of each table (normal tables: N(0, scale²)). */
export function initialValues(specs: readonly TableSpec[], rng: Rng, scale: number): Float32Array[] {
  return specs.map((s) => {
    const a = new Float32Array(s.rows * s.width);
    if (s.init === "normal") for (let i = 0; i < a.length; i++) a[i] = rng.normal() * scale;
    return a;
  });
}

/**
 * The fused kernel of `arch` over `rows`, training `tables` (made from {@link tableSpecs}).
 * @param l2 per-occurrence L2 penalty
 * @param contextL2 per-occurrence L2 penalty of the context parameters (fm: context-value
 *   embeddings and biases; camf: item × context biases); ignored by mf and persona. Default l2.
 * @param loss the loss of the outcome type (link.ts)
 */
export function buildKernel(
  arch: Architecture,
  layout: DataLayout,
  tables: readonly SparseTable[],
  rows: EncodedRows,
  l2: number,
  loss: LossKind,
  contextL2: number = l2,
): Kernel {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const get = (name: string): SparseTable => {
    const t = byName.get(name);
    if (!t) throw new Error(`learned model: table "${name}" is missing`);
    return t;
  };
  if (arch !== "persona") {
    const tabs = { bias: get("bias"), w: get("w"), v: get("v"), u: arch === "camf" ? get("u") : null };
    return fmKernel(tabs, rows, factorFields(arch, layout), linearFields(arch, layout), { l2, contextL2 }, loss);
  }
  const tabs = {
    bias: get("bias"), bu: get("bu"), bi: get("bi"), bc: get("bc"),
    p: get("p"), q: get("q"), g: get("g"), h: byName.get("h") ?? null,
  };
  return personaKernel(tabs, rows, layout.contexts.length, l2, loss);
}

/** Fresh trainable tables from specs and initial values. */
export function createTables(specs: readonly TableSpec[], init: readonly Float32Array[]): SparseTable[] {
  return specs.map((s, k) => createTable(s.name, s.rows, s.width, init[k]!));
}
