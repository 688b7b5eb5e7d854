import type { Field } from '../../analysis/fields.js';
import { extractFields } from '../../analysis/fields.js';
import { readEnum } from '../../analysis/enums.js';
import { findSection, hasRealContent, scopeAt, scopeHeadings, sectionBody } from '../../analysis/sections.js';
import { editDistance, trimEndChars } from '../../text.js';
import type { Report, Rule, RuleContext } from '../../rule.js';

export const SEVERITY_VALUES = ['Critical', 'High', 'Medium', 'Low'] as const;
/** Numbered severity scales teams use instead of the playbook's words: P0–P4, Sev 1–5, SEV-1, S1–S4 (optionally with a word after). */
const NUMBERED_SEVERITY = /^[\s*_]*(?:p[0-4]|sev(?:erity)?[ -]?[0-5]|s[0-4])(?![\p{L}\p{N}])/iu;
export const ISSUE_STATUS_VALUES = ['Open', 'In Progress', 'Resolved'] as const;
export const CURRENT_STATUS_VALUES = ['Active', 'At Risk', 'Thriving', 'Sunsetting'] as const;

/**
 * Enumerated fields outside their set (spec §5): Severity, an issue's Status, Current status;
 * `Recommended:` naming none of the Proposed Solutions; an issue Resolved without a
 * Resolution. Placeholder values (`[Critical, High, Medium, Low]`) are placeholder-unfilled's.
 */
export const fieldInvalid: Rule = {
  meta: {
    id: 'field-invalid',
    description: 'Severity, Status, Current status or Recommended has a value outside its allowed set.',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
  },
  check(ctx) {
    for (const f of ctx.get(extractFields)) {
      switch (f.key) {
        case 'severity':
          // A team's own numbered scale (`P1`, `Sev 2`, `SEV-1`, `S3`) is a severity, not a typo.
          if (!NUMBERED_SEVERITY.test(f.value)) checkEnum(ctx, f, 'Severity', SEVERITY_VALUES);
          break;
        case 'current status':
          checkEnum(ctx, f, 'Current status', CURRENT_STATUS_VALUES);
          break;
        case 'status':
          if (ctx.doc.kind === 'issue' && isIssueHeaderField(ctx, f)) {
            const value = checkEnum(ctx, f, 'Status', ISSUE_STATUS_VALUES);
            if (value?.state === 'value' && value.value === 'Resolved') checkResolution(ctx, f, value.end);
          }
          break;
        case 'recommended':
          checkRecommended(ctx, f);
          break;
        default:
          break;
      }
    }
  },
};

/** An issue's Status is a bold field, or a plain `Status:` line before the issue's first section. */
function isIssueHeaderField(ctx: RuleContext, f: Field): boolean {
  if (f.bold) return true;
  const first = scopeHeadings(ctx.doc, scopeAt(ctx.doc, f.labelStart))[0];
  return !first || f.labelStart < first.start;
}

function checkEnum(ctx: RuleContext, f: Field, name: string, allowed: readonly string[]): ReturnType<typeof readEnum> {
  const r = readEnum(f.value, allowed);
  const list = allowed.join(', ');
  if (r.state === 'placeholder' || r.state === 'value') return r;
  if (r.state === 'empty') {
    ctx.report({ start: f.labelStart, end: f.labelEnd, message: `${name} has no value; expected one of ${list}.` });
    return r;
  }
  const start = f.valueStart;
  const end = f.valueStart + r.end;
  const found = r.state === 'several' ? r.values.join(' and ') : r.shown;
  const what = r.state === 'several' ? `names several values (${found})` : `is “${found}”`;
  const shown = r.state === 'unknown' ? r.shown : '';
  const ordered = [...allowed].sort((a, b) => editDistance(shown, a) - editDistance(shown, b));
  const report: Report = {
    start,
    end,
    message: `Unexpected ${name}: it ${what}; expected one of ${list}.`,
    suggestions: ordered.map((v) => ({ title: `Set ${name} to ${v}`, edits: [{ start, end, text: v }] })),
    data: { field: name, allowed: [...allowed] },
  };
  ctx.report(report);
  return r;
}

/** A Resolved issue needs a Resolution section with real content (not the template's placeholder). */
function checkResolution(ctx: RuleContext, f: Field, valueEnd: number): void {
  const scope = scopeAt(ctx.doc, f.labelStart);
  const section = findSection(ctx.doc, scope, 'Resolution', ctx.config.sectionEquivalents);
  let problem: string | null = null;
  if (!section) problem = 'there is no Resolution section';
  else {
    const body = sectionBody(section);
    if (!hasRealContent(ctx, body.start, body.end)) problem = 'its Resolution section is still empty or a placeholder';
  }
  if (!problem) return;
  ctx.report({
    start: f.valueStart,
    end: f.valueStart + valueEnd,
    message: `Status is Resolved but ${problem}; expected a Resolution saying what was done, the outcome and lessons learned (or a Status of Open / In Progress).`,
  });
}

const BOLD_TITLE_RE = /(?:\*\*([^*\n]{1,120})\*\*|__([^_\n]{1,120})__)/y;
const OPTION_RE = /\b(?:options?|opt\.?)\s?#?\s?(\d{1,3})(?!\d)/gi;
/** A bare option number opening the value: `2`, `#2`, `(2)`, `2.`, `2, keeping…`, `1 and 3`, `1 + 2`. */
const BARE_NUMBER_RE = /^[(#]?(\d{1,3})(?:[).]?$|[).]?[ \t]*(?:[,;:+&/(]|—|–|-[ \t]|and\b|or\b|then\b|with\b|plus\b))/;
/** A value naming every option or rejecting them all: `all`, `all three`, `both`, `none of the above`, `a combination`. */
const ALL_OR_NONE_RE = /^(?:all|both|either|neither|none|a combination|combination|combine|the combination)\b/;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ORDINAL_RE = /^(?:the )?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b/;

/**
 * `Recommended:` must name one of the options listed in the Proposed Solutions section of the
 * same issue: `Option N` (N ≤ the number of options), a bare option number opening the value
 * (`2, keeping the workaround`), an ordinal (`the second`), an option's bold title, or all or
 * none of them (`all three`, `both`, `none of the above`, `a combination`).
 */
function checkRecommended(ctx: RuleContext, f: Field): void {
  const { doc } = ctx;
  const scope = scopeAt(doc, f.labelStart);
  const section = findSection(doc, scope, 'Proposed Solutions', ctx.config.sectionEquivalents);
  if (!section) return;
  const body = sectionBody(section);
  const inBody = (o: number) => o >= body.start && o < body.end;
  const items = doc.listItems.filter((li) => {
    if (!inBody(li.start)) return false;
    const parent = li.parent === -1 ? undefined : doc.listItems[li.parent];
    return !parent || !inBody(parent.start);
  });
  if (items.length === 0) return;
  const titles: string[] = [];
  for (const li of items) {
    BOLD_TITLE_RE.lastIndex = li.contentStart;
    const m = BOLD_TITLE_RE.exec(doc.text);
    if (!m) continue;
    const t = trimEndChars(m[1] ?? m[2] ?? '', ': \t', false).trim();
    if (t && !t.startsWith('[')) titles.push(t);
  }
  const r = readEnum(f.value, []);
  if (r.state === 'placeholder') return;
  const value = f.value.replace(/[*_`]/g, '').toLowerCase();
  for (const m of value.matchAll(OPTION_RE)) {
    const k = Number(m[1]);
    if (k >= 1 && k <= items.length) return;
  }
  const lead = value.trimStart();
  const bare = BARE_NUMBER_RE.exec(lead);
  if (bare) {
    const k = Number(bare[1]);
    if (k >= 1 && k <= items.length) return;
  }
  if (ALL_OR_NONE_RE.test(lead)) return;
  const ord = ORDINAL_RE.exec(lead);
  if (ord && (ord[1] === 'last' || ORDINALS.indexOf(ord[1]!) < items.length)) return;
  if (titles.some((t) => t.length >= 3 && value.includes(t.toLowerCase()))) return;
  const names = items.map((_, i) => `Option ${i + 1}`);
  const extra = titles.filter((t) => !/^option\s*\d+$/i.test(t));
  const expected = `${names.join(', ')}${extra.length ? ` (or an option's title: ${extra.map((t) => `“${t}”`).join(', ')})` : ''}`;
  const start = f.value ? f.valueStart : f.labelStart;
  const end = f.value ? f.valueEnd : f.labelEnd;
  ctx.report({
    start,
    end,
    message: `Recommended names none of the ${items.length} options in Proposed Solutions; expected ${expected}.`,
    data: { options: names, titles },
  });
}
