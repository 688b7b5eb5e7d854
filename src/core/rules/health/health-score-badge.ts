import { analyzeHealth } from '../../analysis/health.js';
import type { Rule } from '../../rule.js';
import { badgeFor, healthBand, ragWord } from '../../values/status.js';

/**
 * The badge on the score line (`82/100 🟡 Yellow`) must match the health bands: Green from
 * healthGreen (90), Yellow from healthYellow (70), Red below. The legend lines under the
 * parts are not badges. The fix writes the canonical badge (`🟢 Green`, `🟡 Yellow`, `🔴 Red`).
 */
export const healthScoreBadge: Rule = {
  meta: {
    id: 'health-score-badge',
    description: 'The badge next to the Overall Health Score does not match its band (Green ≥ 90, Yellow 70–89, Red < 70).',
    defaultSeverity: 'warning',
    fixable: 'fix',
  },
  check(ctx) {
    const t = ctx.config.thresholds;
    for (const block of ctx.get(analyzeHealth)) {
      const { total, badge } = block;
      if (!total || !badge) continue;
      const band = healthBand(total.value, t);
      if (badge.rag === band) continue; // an emoji-only or word-only badge of the right colour is fine
      const expected = badgeFor(band);
      const bands = `Green ≥ ${t.healthGreen}, Yellow ${t.healthYellow}–${t.healthGreen - 1}, Red < ${t.healthYellow}`;
      const why =
        badge.rag === null
          ? `its emoji says ${ragWord(badge.emoji!)} and its word ${ragWord(badge.word!)}`
          : `a score of ${total.value} is ${ragWord(band)} (${bands})`;
      ctx.report({
        start: badge.start,
        end: badge.end,
        message: `Unexpected health badge “${badge.text}”: ${why}; expected “${expected}”.`,
        fix: [{ start: badge.start, end: badge.end, text: expected }],
        data: { score: total.value, band, expected },
      });
    }
  },
};
