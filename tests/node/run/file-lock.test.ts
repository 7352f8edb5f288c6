import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireLock, LockBusyError } from "../../../src/node/run/file-lock.js";
import { deadOwner } from "./store-fixtures.js";

const lockPath = (): string => join(mkdtempSync(join(tmpdir(), "lock-")), ".lock");

describe("acquireLock", () => {
  it("refuses a second holder at once with waitMs 0, naming the purpose, the holder and the file", async () => {
    const file = lockPath();
    const held = await acquireLock(file, { purpose: "sweep s" });
    const refusal = acquireLock(file, { purpose: "sweep s", waitMs: 0, hint: "rerun later" });
    await expect(refusal).rejects.toThrowError(LockBusyError);
    await expect(acquireLock(file, { purpose: "sweep s", waitMs: 0, hint: "rerun later" })).rejects.toThrowError(
      new RegExp(`^sweep s is in use by process ${process.pid} on .* since \\d{4}-.*\\(lock file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\); rerun later$`),
    );
    await held.release();
    expect(existsSync(file)).toBe(false);
    await (await acquireLock(file, { purpose: "sweep s", waitMs: 0 })).release();
  });

  it("waits for a live holder that releases within waitMs", async () => {
    const file = lockPath();
    const held = await acquireLock(file, { purpose: "store" });
    let released = false;
    setTimeout(() => void held.release().then(() => (released = true)), 150);
    const second = await acquireLock(file, { purpose: "store", waitMs: 10_000 });
    expect(released).toBe(true);
    await second.release();
  });

  it("breaks the lock of a process that has ended", async () => {
    const file = lockPath();
    writeFileSync(file, deadOwner());
    const lock = await acquireLock(file, { purpose: "store", waitMs: 0 });
    await lock.release();
    expect(readdirSync(join(file, ".."))).toEqual([]);
  });

  it("release never removes a lock that another process took since", async () => {
    const file = lockPath();
    const lock = await acquireLock(file, { purpose: "store" });
    writeFileSync(file, "someone else's lock");
    await lock.release();
    expect(existsSync(file)).toBe(true);
  });
});
