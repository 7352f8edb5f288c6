import type { Interactions } from "../../schema/interactions.js";
import type { EncodedRows } from "./kernel.js";
import type { Link } from "./link.js";
import { targets } from "./link.js";

/**
 * The four learned architectures and how each encodes a row into table indices
 * (C customers, I items, context dimension j with L_j levels, O_j = Σ_{j'<j} L_j'):
 *   mf       features [u, C+i]                                   (CRM: no context)
 *   fm       features [u, C+i, C+I+O_j+c_j ...]                  all pairs interact
 *   camf     features [u, C+i];  linear [I·O_j + i·L_j + c_j ...] item bias per context value (CAMF-CI)
 *   persona  features [u, i, O_j+c_j ...]                        indices into separate tables
 */
export const ARCHITECTURES = { mf: "mf", fm: "fm", camf: "camf", persona: "persona" } as const;
export type Architecture = keyof typeof ARCHITECTURES;

/** Dictionary sizes a model was trained with; predictions require data with the same layout. */
export interface DataLayout {
  readonly customers: number;
  readonly items: number;
  readonly contexts: readonly { readonly name: string; readonly levels: readonly string[] }[];
}

/** The layout of a data set. */
export function layoutOf(data: Interactions): DataLayout {
  return {
    customers: data.customerIds.length,
    items: data.itemIds.length,
    contexts: data.contexts.map((c) => ({ name: c.name, levels: [...c.levels] })),
  };
}

/** Factor features per row. */
export function factorFields(arch: Architecture, layout: DataLayout): number {
  return arch === "mf" || arch === "camf" ? 2 : 2 + layout.contexts.length;
}

/** Linear-only features per row (CAMF only). */
export function linearFields(arch: Architecture, layout: DataLayout): number {
  return arch === "camf" ? layout.contexts.length : 0;
}

/** Total context values over all dimensions. */
export function contextValues(layout: DataLayout): number {
  return layout.contexts.reduce((a, c) => a + c.levels.length, 0);
}

/**
 * Encodes `data` for `arch`.
 * @throws Error when data's dictionaries differ from the layout the model was trained on
 */
export function encodeRows(arch: Architecture, layout: DataLayout, data: Interactions, link: Link | null): EncodedRows {
  checkLayout(layout, data, arch);
  const n = data.size, C = layout.customers, I = layout.items;
  const J = arch === "mf" ? 0 : layout.contexts.length;
  const F = factorFields(arch, layout), L = linearFields(arch, layout);
  const features = new Int32Array(n * F);
  const linear = new Int32Array(n * L);
  const itemBase = arch === "persona" ? 0 : C;
  const ctxBase = arch === "persona" ? 0 : C + I;
  for (let r = 0; r < n; r++) {
    features[r * F] = data.customer[r]!;
    features[r * F + 1] = itemBase + data.item[r]!;
  }
  let offset = 0;
  for (let j = 0; j < J; j++) {
    const codes = data.contexts[j]!.codes;
    const levels = layout.contexts[j]!.levels.length;
    if (arch === "camf") {
      for (let r = 0; r < n; r++) linear[r * L + j] = I * offset + data.item[r]! * levels + codes[r]!;
    } else {
      for (let r = 0; r < n; r++) features[r * F + 2 + j] = ctxBase + offset + codes[r]!;
    }
    offset += levels;
  }
  return { size: n, features, linear, target: link ? targets(link, data.outcome) : new Float32Array(n) };
}

function checkLayout(layout: DataLayout, data: Interactions, arch: Architecture): void {
  if (data.customerIds.length !== layout.customers || data.itemIds.length !== layout.items) {
    throw new Error(
      `learned model: data has ${data.customerIds.length} customers and ${data.itemIds.length} items in its dictionaries, the model was trained with ${layout.customers} and ${layout.items}`,
    );
  }
  if (arch === "mf") return;
  const got = data.contexts.map((c) => `${c.name}(${c.levels.length})`).join(", ");
  const want = layout.contexts.map((c) => `${c.name}(${c.levels.length})`).join(", ");
  if (got !== want) throw new Error(`learned model: data has context dimensions "${got}", the model was trained with "${want}"`);
}
