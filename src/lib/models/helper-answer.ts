/**
 * The answer of a job that a helper thread runs while the calling thread goes on with other work
 * (the CLV fits, a profile-model fit): a done flag and the answer's bytes on shared memory.
 *
 *   helper: writeAnswer(channel, () => result) → JSON of { value } or { error } → done flag
 *   caller: readAnswer(channel, …) → waits for the flag → the value, or the helper's error thrown
 *
 * JSON writes every finite double so that it reads back exactly; ±Infinity and NaN travel tagged.
 * Pure: the threads come from the installed TrainThreads (parallel-training.ts).
 */

/** A job's answer on shared memory. */
export interface AnswerChannel {
  /** [done (0, then 1), byte length of the answer]. */
  readonly done: Int32Array;
  /** UTF-8 JSON of { value } or { error: { name, message } }. */
  readonly answer: Uint8Array;
}

const ANSWER_BYTES = 1 << 16;

/** A new channel whose answer holds at most `bytes` bytes. */
export function answerChannel(bytes = ANSWER_BYTES): AnswerChannel {
  return { done: new Int32Array(new SharedArrayBuffer(8)), answer: new Uint8Array(new SharedArrayBuffer(bytes)) };
}

/** The helper's side: runs `compute`, writes its value (or its error), raises the done flag. */
export function writeAnswer(channel: AnswerChannel, what: string, compute: () => unknown): void {
  let text: string;
  try {
    text = JSON.stringify({ value: compute() }, tag);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    text = JSON.stringify({ error: { name: e.name, message: e.message } });
  }
  let bytes = new TextEncoder().encode(text);
  if (bytes.length > channel.answer.length) {
    bytes = new TextEncoder().encode(JSON.stringify({ error: { name: "Error", message: `${what}: the answer (${bytes.length} bytes) does not fit the ${channel.answer.length}-byte buffer` } }));
  }
  channel.answer.set(bytes);
  channel.done[1] = bytes.length;
  Atomics.store(channel.done, 0, 1);
  Atomics.notify(channel.done, 0);
}

/**
 * The caller's side: waits (blocking) for the done flag and returns the value.
 * @param failed whether a helper thread has failed (its error is on its stderr)
 * @throws the helper's error (a RangeError stays one), or Error when a helper thread failed
 */
export function readAnswer<T>(channel: AnswerChannel, what: string, failed?: () => boolean): T {
  while (Atomics.load(channel.done, 0) === 0) {
    if (failed?.()) throw new Error(`${what}: the helper thread failed (see its error above)`);
    Atomics.wait(channel.done, 0, 0, 1000);
  }
  const read = JSON.parse(new TextDecoder().decode(channel.answer.slice(0, channel.done[1]!)), revive) as { value?: T; error?: { name: string; message: string } };
  if (read.error) throw read.error.name === "RangeError" ? new RangeError(read.error.message) : new Error(read.error.message);
  return read.value as T;
}

function tag(_key: string, v: unknown): unknown {
  return typeof v === "number" && !Number.isFinite(v) ? { nonFinite: String(v) } : v;
}

function revive(_key: string, v: unknown): unknown {
  return v !== null && typeof v === "object" && "nonFinite" in v && Object.keys(v).length === 1 ? Number((v as { nonFinite: string }).nonFinite) : v;
}
