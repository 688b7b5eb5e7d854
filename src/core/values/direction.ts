/**
 * Direction of a metric (spec §2.2): whether higher or lower is better, from the configuration,
 * a comparator in the target or keywords in the metric's name. Pure functions, no I/O.
 */
import { memoByString } from '../memo.js';
import { isDuration, stripInlineMarkup, type KpiValue } from './kpi-value.js';
import { own } from '../text.js';

export type Direction = 'higher' | 'lower';

/** Keyword → canonical keyword reported. Plurals/singulars of the spec's words included. */
const LOWER_KEYWORDS: Record<string, string> = {
  cost: 'cost', costs: 'cost',
  churn: 'churn',
  time: 'time', times: 'time',
  ticket: 'tickets', tickets: 'tickets',
  defect: 'defects', defects: 'defects',
  incident: 'incidents', incidents: 'incidents',
  escalation: 'escalations', escalations: 'escalations',
  spend: 'spend',
  cac: 'CAC',
  // Beyond the spec's list (real status reports and SLA reviews, see kpi-status-mismatch.md):
  // durations and rates of things going wrong.
  latency: 'latency', latencies: 'latency',
  downtime: 'downtime',
  mttr: 'MTTR', mttd: 'MTTD', mtta: 'MTTA',
  p90: 'p90', p95: 'p95', p99: 'p99',
  bounce: 'bounce', bounces: 'bounce',
  burn: 'burn',
  outage: 'outages', outages: 'outages',
  failure: 'failures', failures: 'failures', failed: 'failures', fails: 'failures',
};
const LOWER_STEMS: Array<[string, string]> = [
  ['cost', 'cost'], ['churn', 'churn'], ['ticket', 'tickets'], ['defect', 'defects'],
  ['incident', 'incidents'], ['escalat', 'escalations'], ['spend', 'spend'],
  ['error', 'errors'], ['abandon', 'abandonment'],
];
/**
 * Lower-is-better when the metric is measured as a duration (`First response | 4 h | 2.5 h`,
 * `Resolution (business days)`): a response *rate* or a resolution *percentage* is higher-is-better.
 */
const DURATION_KEYWORDS: Record<string, string> = {
  response: 'response', resolution: 'resolution', resolve: 'resolution', handling: 'handling', turnaround: 'turnaround', tat: 'turnaround',
  sla: 'SLA', approval: 'approval',
};
/**
 * "time" after these words is not a duration to keep short, or the metric counts time between
 * bad events: `Mean time between failures` is higher-is-better.
 */
const TIME_BETWEEN = new Set(['between']);
/**
 * "time" after these words is not a duration (`On-time delivery`, `Real-time sync`,
 * `First-time fix rate`, `Full-time staff`): those metrics are higher-is-better.
 */
const TIME_NOT_DURATION = new Set(['on', 'real', 'first', 'full', 'part']);

/** Metric-name normalisation for config lookups: markup stripped, trimmed, lowercase, one space. */
export const normalizeMetricName = memoByString(normalizeMetricNameUncached, 20_000);

function normalizeMetricNameUncached(name: string): string {
  return stripInlineMarkup(name).replace(/\s+/g, ' ').toLowerCase();
}

/** Configured direction words (config `lowerIsBetter` / `higherIsBetter`). */
export interface DirectionWords {
  /** Configured `lowerIsBetter` words / phrases (whole words, case-insensitive). */
  lowerIsBetter?: readonly string[];
  /** Configured `higherIsBetter` words / phrases: they win over the built-in keywords. */
  higherIsBetter?: readonly string[];
}

/**
 * Words that turn a cost, spend, ticket, churn or escalation metric into an achievement
 * (higher is better) — checked before the lower-is-better keywords (see kpi-status-mismatch.md).
 */
const ACHIEVED_WORDS = [
  'avoided', 'avoidance', 'saved', 'savings', 'saving', 'reduction', 'reductions', 'deflected', 'deflection',
  'prevented', 'resolved', 'closed', 'fixed', 'recovered', 'under audit', 'under management',
  // A cloud marketplace commitment drawn down through the partner (MACC / EDP drawdown) is revenue.
  'drawdown', 'drawdowns', 'drawing down', 'drawn down', 'draw down', 'draws down',
];

/** Whether `phrase` (lowercase words) occurs in `words` as whole consecutive words. */
function hasPhrase(words: readonly string[], phrase: string): boolean {
  const p = phrase.toLowerCase().split(/[^a-z0-9%]+/).filter((w) => w !== '');
  if (p.length === 0) return false;
  for (let i = 0; i + p.length <= words.length; i++) {
    let j = 0;
    while (j < p.length && words[i + j] === p[j]) j++;
    if (j === p.length) return true;
  }
  return false;
}

/**
 * Direction of a metric. Precedence: a configured direction (case-insensitive name match)
 * → a comparator in the target (`≤`/`<` lower, `≥`/`>` higher) → keywords in the name
 * (whole words: `Issue resolution time` and `Time to close` are lower-is-better,
 * `Lifetime value` and `Timeline` are not) → higher.
 */
export function directionOf(
  metricName: string,
  target: KpiValue | undefined,
  metricsConfig: Record<string, { direction?: Direction }>,
  configured: DirectionWords = {},
  actual?: KpiValue,
): { direction: Direction; reason: 'config' | 'config-word' | 'comparator' | 'keyword' | 'default'; keyword?: string } {
  const key = normalizeMetricName(metricName);
  for (const [name, cfg] of Object.entries(metricsConfig)) {
    if (cfg.direction && normalizeMetricName(name) === key) return { direction: cfg.direction, reason: 'config' };
  }
  const c = target?.comparator;
  if (c === '<' || c === '<=') return { direction: 'lower', reason: 'comparator' };
  if (c === '>' || c === '>=') return { direction: 'higher', reason: 'comparator' };

  const words = key.split(/[^a-z0-9]+/).filter((w) => w !== '');
  // Configured words: higher first (it exists to overrule a built-in keyword), then lower.
  for (const w of configured.higherIsBetter ?? []) {
    if (hasPhrase(words, w)) return { direction: 'higher', reason: 'config-word', keyword: w };
  }
  for (const w of configured.lowerIsBetter ?? []) {
    if (hasPhrase(words, w)) return { direction: 'lower', reason: 'config-word', keyword: w };
  }
  const durationValued = isDuration(target) || isDuration(actual);
  // A lower-is-better word that names what was achieved (`Cost avoided`, `Ticket deflection`,
  // `Spend under management`, `Escalations resolved`) counts up: more is better.
  for (const w of ACHIEVED_WORDS) {
    if (hasPhrase(words, w)) return { direction: 'higher', reason: 'keyword', keyword: w };
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if ((w === 'days' || w === 'day') && words[i + 1] === 'to') {
      return { direction: 'lower', reason: 'keyword', keyword: 'days to' };
    }
    // Spec §2.2: the name *contains* a keyword — so inflected forms count (`Churned customers`,
    // `Escalated cases`, `Costs`), matched at the start of a word. `time` and `CAC` stay whole
    // words (`Lifetime value`, `Timeline`, `Cache hit rate` are not lower-is-better).
    const kw = own(LOWER_KEYWORDS, w) ?? LOWER_STEMS.find(([stem]) => w.startsWith(stem))?.[1];
    if (!kw) continue;
    if (kw === 'time' && i > 0 && TIME_NOT_DURATION.has(words[i - 1]!)) continue;
    // Time between failures (MTBF) grows when things go well: not lower-is-better.
    if (words.includes('mtbf') || (TIME_BETWEEN.has(words[i + 1] ?? '') && (kw === 'time' || kw === 'failures'))) {
      return { direction: 'higher', reason: 'default' };
    }
    return { direction: 'lower', reason: 'keyword', keyword: kw };
  }
  if (durationValued) {
    for (const w of words) {
      const kw = own(DURATION_KEYWORDS, w);
      if (kw) return { direction: 'lower', reason: 'keyword', keyword: `${kw} (a duration)` };
    }
  }
  return { direction: 'higher', reason: 'default' };
}
