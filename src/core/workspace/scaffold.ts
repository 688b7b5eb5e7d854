/**
 * "New QBR from the previous one": the QBR scaffold with the previous QBR's KPI rows (metrics and
 * targets; Actual, Status and Trend left as placeholders to fill), its open action items carried
 * into Next Steps as task items, and the Next QBR date three months after the new QBR's date.
 */
import { addMonths } from 'date-fns';
import { isoDate } from '../dates.js';
import { actionKey, withoutPlaceholders } from './similarity.js';
import { scaffold, type Scaffold } from '../templates.js';
import type { IndexedDoc } from './types.js';

export interface FromPreviousOptions {
  partner: string;
  company?: string;
  /** 1–4 */
  quarter: number;
  year: number;
  /** YYYY-MM-DD */
  date?: string;
}

/** Replaces the three template lines starting with `first`, `second`, `third` by `lines`. */
function replaceLines(text: string, starts: [string, string, string], lines: string[]): string {
  const all = text.split('\n');
  const i = all.findIndex((l, k) => l.startsWith(starts[0]) && all[k + 1]?.startsWith(starts[1]) && all[k + 2]?.startsWith(starts[2]));
  if (i < 0) return text;
  all.splice(i, 3, ...lines);
  return all.join('\n');
}

export function scaffoldFromPrevious(previous: { text: string; doc: IndexedDoc }, opts: FromPreviousOptions): Scaffold {
  const prev = previous.doc;
  const company = opts.company ?? prev.company ?? undefined;
  const base = scaffold('qbr', { partner: opts.partner, company, quarter: opts.quarter, year: opts.year, date: opts.date });
  let text = base.text;

  const seen = new Set<string>();
  const rows: string[] = [];
  for (const k of prev.kpis) {
    if (seen.has(k.key)) continue;
    seen.add(k.key);
    rows.push(`| ${cell(k.metric)} | ${cell(k.target ?? '[Target]')} | [Actual] | [Status] | [Trend] |`);
  }
  if (rows.length) text = replaceLines(text, ['| [Metric 1]', '| [Metric 2]', '| [Metric 3]'], rows);

  const steps: string[] = [];
  for (const a of prev.actions) {
    if (!a.open) continue;
    if (actionKey(withoutPlaceholders(a.text)) === '') continue; // a template placeholder item
    let item = a.text.replace(/^(?:\*\*|__)(.*?)(?:\*\*|__):?$/, '$1').replace(/:\s*$/, '').trim();
    const extra: string[] = [];
    if (a.owner && !/\bowners?\b|@/i.test(item)) extra.push(`Owner: ${a.owner}`);
    if (a.due && !/\b(?:due|deadline|timeline|by)\b/i.test(item)) extra.push(`Due: ${a.due}`);
    if (extra.length) item += ` - ${extra.join(', ')}`;
    steps.push(`- [ ] ${item}`);
  }
  if (steps.length) text = replaceLines(text, ['- [ ] [Action item 1]', '- [ ] [Action item 2]', '- [ ] [Action item 3]'], steps);

  if (opts.date) {
    const [y, m, d] = opts.date.split('-').map(Number) as [number, number, number];
    const next = isoDate(addMonths(new Date(y, m - 1, d), 3));
    text = text.replace('**Next QBR**: [Date]', `**Next QBR**: ${next}`);
  }
  // Everything changed lies below the header, so the first field is where it was.
  return { text, firstField: base.firstField };
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}
