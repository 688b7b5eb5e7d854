/**
 * "New QBR from the previous one": the QBR scaffold with the previous QBR's KPI rows (metrics and
 * targets; Actual, Status and Trend left as placeholders to fill), its open action items carried
 * into Next Steps as task items, and the Next QBR date three months after the new QBR's date.
 */
import { addMonths } from 'date-fns';
import { isoDate } from '../dates.js';
import { actionKey, withoutPlaceholders } from './similarity.js';
import { checkScaffoldOptions, scaffold, type Scaffold, type ScaffoldOptions, type TemplateKind } from '../templates.js';
import { renderTemplate, type CarriedKpi, type TeamTemplate } from '../teamTemplates.js';
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

/** The previous QBR's KPI rows to carry (metric and target; one per metric). */
export function carriedKpis(prev: IndexedDoc): CarriedKpi[] {
  const seen = new Set<string>();
  const out: CarriedKpi[] = [];
  for (const k of prev.kpis) {
    if (seen.has(k.key)) continue;
    seen.add(k.key);
    out.push({ metric: k.metric, ...(k.target ? { target: k.target } : {}) });
  }
  return out;
}

/** The previous QBR's open action items to carry, as task text (without `- [ ] `), with owner and due. */
export function carriedActions(prev: IndexedDoc): string[] {
  const steps: string[] = [];
  for (const a of prev.actions) {
    if (!a.open) continue;
    if (actionKey(withoutPlaceholders(a.text)) === '') continue; // a template placeholder item
    let item = a.text.replace(/^(?:\*\*|__)(.*?)(?:\*\*|__):?$/, '$1').replace(/:\s*$/, '').trim();
    const extra: string[] = [];
    if (a.owner && !/\bowners?\b|@/i.test(item)) extra.push(`Owner: ${a.owner}`);
    if (a.due && !/\b(?:due|deadline|timeline|by)\b/i.test(item)) extra.push(`Due: ${a.due}`);
    if (extra.length) item += ` - ${extra.join(', ')}`;
    steps.push(item);
  }
  return steps;
}

export function scaffoldFromPrevious(previous: { text: string; doc: IndexedDoc }, opts: FromPreviousOptions): Scaffold {
  const prev = previous.doc;
  const company = opts.company ?? prev.company ?? undefined;
  const base = scaffold('qbr', { partner: opts.partner, company, quarter: opts.quarter, year: opts.year, date: opts.date });
  let text = base.text;

  const rows = carriedKpis(prev).map((k) => `| ${cell(k.metric)} | ${cell(k.target ?? '[Target]')} | [Actual] | [Status] | [Trend] |`);
  if (rows.length) text = replaceLines(text, ['| [Metric 1]', '| [Metric 2]', '| [Metric 3]'], rows);

  const steps = carriedActions(prev).map((item) => `- [ ] ${item}`);
  if (steps.length) text = replaceLines(text, ['- [ ] [Action item 1]', '- [ ] [Action item 2]', '- [ ] [Action item 3]'], steps);

  if (opts.date) {
    const [y, m, d] = opts.date.split('-').map(Number) as [number, number, number];
    const next = isoDate(addMonths(new Date(y, m - 1, d), 3));
    text = text.replace('**Next QBR**: [Date]', `**Next QBR**: ${next}`);
  }
  // Everything changed lies below the header, so the first field is where it was.
  return { text, firstField: base.firstField };
}

/**
 * The text of a new document of `kind`: the team's template when there is one (rendered with
 * the options and, for a QBR, the previous QBR's carried KPI rows and open actions), else the
 * playbook's scaffold (from the previous QBR when given). Throws TemplateError for a broken team
 * template, RangeError for invalid options.
 */
export function newDocumentText(
  kind: TemplateKind,
  opts: ScaffoldOptions,
  sources: { template?: TeamTemplate; previous?: { text: string; doc: IndexedDoc } } = {},
): Scaffold {
  const { template, previous } = sources;
  if (template) {
    checkScaffoldOptions(opts);
    const company = opts.company ?? previous?.doc.company ?? undefined;
    return renderTemplate(template, {
      ...opts,
      company,
      previousKpis: previous ? carriedKpis(previous.doc) : [],
      openActions: previous ? carriedActions(previous.doc) : [],
    });
  }
  if (previous && kind === 'qbr' && opts.quarter !== undefined && opts.year !== undefined) {
    return scaffoldFromPrevious(previous, { ...opts, quarter: opts.quarter, year: opts.year });
  }
  return scaffold(kind, opts);
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}
