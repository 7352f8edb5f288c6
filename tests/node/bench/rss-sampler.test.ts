import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { currentRssKb, startRssSampler } from "../../../src/node/bench/rss-sampler.js";

// A stage's own peak: what the helper thread saw while the stage ran, even when the memory is
// released before the stage ends (the calling thread's own reading at the end would miss it).

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MIB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(currentRssKb() === null)("startRssSampler (Linux: /proc/self/status)", () => {
  it("keeps the largest RSS since reset, including memory released before the reading", async () => {
    const sampler = startRssSampler(10)!;
    try {
      gc();
      sampler.reset();
      const before = sampler.peakMb();
      let block: Uint8Array | null = new Uint8Array(256 * MIB).fill(1);
      await sleep(200);
      expect(block[block.length - 1]).toBe(1);
      block = null;
      gc();
      await sleep(50);
      // the calling thread no longer holds the block; the helper saw it
      expect(currentRssKb()! / 1024).toBeLessThan(before + 128);
      expect(sampler.peakMb()).toBeGreaterThanOrEqual(before + 240);
      // a new stage starts from the current RSS
      sampler.reset();
      expect(sampler.peakMb()).toBeLessThan(before + 128);
    } finally {
      sampler.close();
    }
  });
});
