import * as tf from "../tf.js";
import type { SparseTable } from "./sparse-table.js";

/**
 * Makes each table's parameters a tf.Variable of shape [rows, width].
 *
 * On the CPU backend the table is rebound to the variable's own buffer (zero copy), so every
 * in-place update of the kernels is an update of the TensorFlow.js variable and `sync` does
 * nothing. On other backends (tfjs-node, WebGL) the tables keep a host copy and `sync` assigns it
 * to the variables (once per epoch and at the end of a fit).
 */
export interface BoundVariables {
  /** The model's variables by table name. */
  readonly variables: Record<string, tf.Variable>;
  /** Makes the variables equal to the tables. */
  sync(): void;
  /** True when tables and variables share memory. */
  readonly zeroCopy: boolean;
}

/** Creates the variables (named `<prefix>/<table>`) and binds the tables to them. */
export function bindVariables(tables: SparseTable[], prefix: string): BoundVariables {
  const backend = tf.backend() as unknown as { readSync?: (id: object) => unknown };
  const zeroCopy = tf.getBackend() === "cpu" && typeof backend.readSync === "function";
  const variables: Record<string, tf.Variable> = {};
  for (const t of tables) {
    const init = tf.tensor2d(t.data.slice(), [t.rows, t.width], "float32");
    const variable = tf.variable(init, true, `${prefix}/${t.name}/${uniqueSuffix()}`);
    init.dispose();
    variables[t.name] = variable;
    if (zeroCopy) {
      const buffer = backend.readSync!(variable.dataId);
      if (!(buffer instanceof Float32Array) || buffer.length !== t.data.length) {
        throw new Error(`learned model: cannot bind table "${t.name}" to its variable's buffer`);
      }
      t.data = buffer;
    }
  }
  return {
    variables,
    zeroCopy,
    sync(): void {
      if (zeroCopy) return;
      for (const t of tables) {
        const value = tf.tensor2d(t.data, [t.rows, t.width], "float32");
        variables[t.name]!.assign(value);
        value.dispose();
      }
    },
  };
}

let counter = 0;
/** Variable names must be unique in the tf engine; several fits may live at once. */
function uniqueSuffix(): string {
  counter += 1;
  return String(counter);
}
