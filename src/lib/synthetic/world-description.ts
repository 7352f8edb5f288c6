import { CONTEXT_DIMENSIONS } from "./context-space.js";
import { CONTACT_CHANNELS } from "./customer-traits.js";
import { DEFAULT_SYNTHETIC_OPTIONS, type ResolvedSyntheticOptions } from "./synthetic-options.js";
import { LOGIT_SCALES } from "./world.js";

const fmt = (x: number): string => String(Number(x.toPrecision(4)));

/**
 * The model of the synthetic world in plain Markdown, with the numbers of `options` filled in:
 * the text the methodology page shows (the same model as the header of generate-population.ts).
 * @param options resolved generator options; default DEFAULT_SYNTHETIC_OPTIONS
 */
export function describeSyntheticWorld(options: ResolvedSyntheticOptions = DEFAULT_SYNTHETIC_OPTIONS): string {
  const o = options;
  const dims = CONTEXT_DIMENSIONS.map((d) => `**${d.name}** (${d.levels.join(", ")}; weight ω = ${fmt(d.effectWeight)})`).join(", ");
  return `### The synthetic population

${fmt(o.customers)} customers and ${fmt(o.items)} items, observed for ${fmt(o.weeks)} weeks from ${o.start.slice(0, 10)}; customers first appear during the first ${fmt(o.calibrationWeeks)} weeks. Everything is drawn from a seed, so the same seed gives the same data, and because the truth is known an oracle shows the best any model could do.

**Contexts.** ${dims}. Each customer lives in only some levels of each dimension, with their own shares: some are always alone at home, others move between many contexts.

**Tastes.** The probability that customer *c* accepts item *i* in context (*k*~1~, *k*~2~, *k*~3~) is sigmoid(*z*) = 1 / (1 + e^−z^) with

$$ *z* = *b*~0~ + *a*~c~ + *b*~i~ + ⟨ *u*~c~ + σ Σ~d~ ω~d~ (*s*~k~ + *w*~ck~), *v*~i~ ⟩ + σ Σ~d~ ω~d~ (*β*~k~ + *δ*~ck~) $$

*a*~c~, *u*~c~: the customer's stable propensity and tastes (the single profile CRM models); *b*~i~, *v*~i~: the item; *s*~k~, *β*~k~: how context level *k* shifts everyone; *w*~ck~, *δ*~ck~: how it shifts this customer in particular; the sums run over the context dimensions *d*, each in the customer's level *k* of it. Standard deviations on the logit scale: stable taste match ${fmt(LOGIT_SCALES.taste)}, customer propensity ${fmt(LOGIT_SCALES.customerBias)}, item appeal ${fmt(LOGIT_SCALES.itemBias)}, context shifts ${fmt(LOGIT_SCALES.levelShift)} (population) and ${fmt(LOGIT_SCALES.customerLevelShift)} (personal) for tastes, ${fmt(LOGIT_SCALES.levelBias)} and ${fmt(LOGIT_SCALES.customerLevelBias)} for propensity. The context strength σ = ${fmt(o.contextStrength)} scales every context term: at σ = 0 context is irrelevant and the single profile is the whole truth; at σ = 1 context accounts for about half of the variation in *z*. *b*~0~ is set so that an active customer accepts ${fmt(100 * o.acceptanceRate)}% of offers on average, whatever σ.

**Buying and leaving (BG/NBD-like).** Each customer has a purchase rate λ ~ Gamma(${fmt(o.purchaseRateShape)}, ${fmt(o.purchaseRateRate)}) per week and, after each purchase, leaves for good with probability p ~ Beta(${fmt(o.dropoutA)}, ${fmt(o.dropoutB)}). Offers arrive at λ / ${fmt(o.acceptanceRate)} per week, each in a context drawn from the customer's shares, for an item drawn by popularity (Zipf, exponent ${fmt(o.popularityExponent)}), and are accepted with their true probability. Customers who left still see a few offers and ignore them.

${o.journeys === "funnel"
    ? `**Lifecycles follow a funnel with exits.** Nobody comes back: a customer who goes dormant (${fmt(o.dormancyRate * 52)} times a year on average) leaves for good, and so does a buyer who has not bought for ${fmt(o.funnelGapWeeks)} weeks; customers can leave after one purchase or after many; "loyal" means ${fmt(o.loyalPurchases)} purchases.`
    : `**Lifecycles are not a funnel.** Active customers go dormant (${fmt(o.dormancyRate * 52)} times a year on average, for ${fmt(o.dormancyWeeks)} weeks on average) and come back; they can leave after one purchase or after many; "loyal" means ${fmt(o.loyalPurchases)} purchases.`} ${fmt(100 * o.prospectShare)}% of customers are prospects who receive offers but never buy.

**Spend (Gamma-Gamma).** Each purchase amount ~ Gamma(${fmt(o.spendShape)}, ν) with the customer's ν ~ Gamma(${fmt(o.spendScaleShape)}, ${fmt(o.spendScaleRate)}) (the CDNOW estimates of Fader, Hardie & Lee 2005), larger in business, family and gift contexts when σ > 0.

**Contact preferences.** Each customer prefers one channel (${CONTACT_CHANNELS.join(", ")}) and welcomes at most a few contacts per month (none for "none"; more for more active customers): the ground truth the targeting simulation respects or violates.
`;
}
