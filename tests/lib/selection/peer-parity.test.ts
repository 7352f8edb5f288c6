import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExperimentConfig } from "../../../src/lib/config/experiment-config.js";
import { rmse } from "../../../src/lib/metrics/rmse.js";
import { fitModel } from "../../../src/lib/models/model.js";
import { getModel } from "../../../src/lib/models/registry.js";
import { takeRows } from "../../../src/lib/schema/interactions.js";
import { resolveSelection } from "../../../src/lib/selection/resolve-selection.js";
import { protocolFolds } from "../../../src/lib/split/protocol-folds.js";
import { PEER_DATASETS, PEER_SEEDS, PEER_SPLIT, SHARED_DATASETS, loadPeerDataset, peerDataAvailable } from "../../fixtures/peers/peer-splits.js";

/**
 * Peer parity (issue 11): on each real dataset, over the project's random 80/20 splits (seeds 0-4),
 * the IRM model that `models: auto` selects on the training rows has a mean test RMSE no worse than
 * the best peer's by more than 0.5%. Peers, refitted on the same splits (tests/fixtures/peers):
 * scikit-learn Ridge (make-ridge.py) and lme4 (make-fixtures.R), CRM and IRM forms; the best of the
 * mean RMSEs is the bar. The seeds are those of the Ridge fixture; an lme4 fixture counts when it
 * has all of them (lme4 on InCarMusic and TripAdvisor takes long: make-fixtures.R writes each seed as
 * it finishes).
 */
interface PeerFixture { readonly splits: readonly { readonly seed: number; readonly testRows: number; readonly crm: number; readonly irm: number }[] }
const fixture = (kind: string, name: string): PeerFixture | null => {
  const url = new URL(`../../fixtures/peers/${kind}-${name}.json`, import.meta.url);
  return existsSync(url) ? (JSON.parse(readFileSync(url, "utf8")) as PeerFixture) : null;
};
const available = peerDataAvailable();
if (!available) console.warn(`peer-parity: skipped, the real datasets are not at ${SHARED_DATASETS}`);

describe.skipIf(!available)("models: auto vs scikit-learn Ridge and lme4 on the real datasets", () => {
  for (const name of PEER_DATASETS) {
    const ridge = fixture("ridge", name);
    const seeds = PEER_SEEDS.filter((seed) => ridge?.splits.some((s) => s.seed === seed));
    const lme4 = fixture("lme4", name);
    const peers = [ridge, lme4].filter((f): f is PeerFixture => f !== null && seeds.every((seed) => f.splits.some((s) => s.seed === seed)));
    it.skipIf(seeds.length === 0)(`${name}: the selected IRM model is within 0.5% of the best peer (seeds ${seeds.join(", ") || "none fitted"})`, { timeout: 1_200_000 }, async () => {
      const data = await loadPeerDataset(name);
      const config = parseExperimentConfig({ name, seed: 0, dataset: { synthetic: {} }, split: PEER_SPLIT, models: "auto" }, `${name}-auto.yaml`);
      let ours = 0;
      const peerMeans = new Map<string, number>();
      for (const seed of seeds) {
        const folds = protocolFolds(data, PEER_SPLIT, seed);
        const fold = folds.folds[0]!;
        for (const [k, p] of peers.entries()) {
          const ref = p.splits.find((s) => s.seed === seed)!;
          expect(fold.test.length).toBe(ref.testRows);
          for (const family of ["crm", "irm"] as const) peerMeans.set(`${k}:${family}`, (peerMeans.get(`${k}:${family}`) ?? 0) + ref[family] / seeds.length);
        }
        const { config: chosen } = await resolveSelection(data, folds, { ...config, seed }, { getModel });
        const irm = chosen.models.find((m) => m.name === chosen.compare.irm)!;
        const trained = await fitModel(getModel(irm.name), takeRows(data, fold.train), { seed, params: irm.params });
        const test = takeRows(data, fold.test);
        ours += rmse(test.outcome, trained.predict(test)) / seeds.length;
        trained.fitted.dispose?.();
      }
      const best = Math.min(...peerMeans.values());
      expect(ours, `selected IRM ${ours} vs best peer ${best}`).toBeLessThanOrEqual(best * 1.005);
    });
  }
});
