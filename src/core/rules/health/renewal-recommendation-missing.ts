import type { Rule } from '../../rule.js';
import { dateOfIso } from '../../dates.js';
import { lifecycleStage } from '../../lifecycle.js';
import { documentLifecycle } from '../../analysis/lifecycle.js';
import { renewalRecommendation } from '../../analysis/renewal-recommendation.js';
import { scopeAnchor, sectionScopes } from '../../analysis/sections.js';

/**
 * A QBR or status report written in the renewal window (0 to renewalWindowDays days before its
 * renewal date, counted from the document's own date, not today) that states no renewal
 * recommendation (Expand / Renew as-is / Modify and renew / Sunset). Reported on the title line.
 * Decisions (docs/rules/renewal-recommendation-missing.md): a document without its own date
 * (no Date / Report Date / period) or without a renewal date is silent; any realistic wording
 * of a recommendation silences it (analysis/renewal-recommendation.ts).
 */
export const renewalRecommendationMissing: Rule = {
  meta: {
    id: 'renewal-recommendation-missing',
    description: 'A QBR or status report written in the renewal window states no renewal recommendation (Expand / Renew as-is / Modify and renew / Sunset).',
    defaultSeverity: 'info',
    fixable: false,
  },
  kinds: ['qbr', 'status-report'],
  check(ctx) {
    const lc = ctx.get(documentLifecycle);
    if (!lc.renewal || !lc.documentDate) return;
    const window = ctx.config.thresholds.renewalWindowDays;
    const s = lifecycleStage({ start: lc.start, renewal: lc.renewal.iso, on: dateOfIso(lc.documentDate), windowDays: window });
    if (s.stage !== 'renewal-window' || s.daysToRenewal === null) return;
    if (ctx.get(renewalRecommendation)) return;
    const { start, end } = scopeAnchor(ctx.doc, sectionScopes(ctx.doc)[0]!);
    const d = s.daysToRenewal;
    const when = lc.documentDateSource === 'period-end' ? `Its period ends ${lc.documentDate}` : `Dated ${lc.documentDate}`;
    ctx.report({
      start,
      end,
      message:
        `${when}, ${d === 0 ? 'the renewal day' : d === 1 ? '1 day before the renewal' : `${d} days before the renewal`} (${lc.renewal.iso}), inside the ` +
        `${window}-day renewal window, but it states no renewal recommendation: the playbook develops one 60–90 days before ` +
        'expiration — Expand, Renew as-is, Modify and renew, or Sunset (e.g. "**Renewal recommendation**: Renew as-is — …").',
      data: { documentDate: lc.documentDate, renewalDate: lc.renewal.iso, days: d },
    });
  },
};
