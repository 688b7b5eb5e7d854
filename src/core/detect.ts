/**
 * Which documents are partnership documents (spec §1, widened and tightened by §9), and of which
 * kind. Runs on every build (every keystroke): it looks at the front matter and the headings,
 * and only when the title is a candidate at the tables' header rows and a bounded stretch of
 * paragraph lines — a few hundred lines at most, whatever the document's size.
 *
 * First match wins:
 * 1. front matter `partnership-doc: qbr | status-report | issue | launch-plan` (or `none`: never);
 * 2. the playbook's titles: an H1 `Partnership QBR: …`, `Partnership Status Report: …`,
 *    `Partnership Launch Plan: …` (the title the launch-plan scaffold writes);
 * 3. an H1/H2 `Partnership Issue: …` when the document has at least one of the issue
 *    template's sections or fields (a bug note under that title is not a partnership issue);
 * 4. a common title in the first H1 (`QBR — Initech`, `Q3 2026 QBR`, `Quarterly Business Review`,
 *    `Initech Partnership Review, Q1 2027`, `… Status Report …`, `Weekly Status …`,
 *    `… Escalation …`, `Issue: …`) when the structure agrees: a KPI table (QBR, status report)
 *    or at least two of the kind's required sections (with their equivalents) and fields;
 *    a launch plan (`Partner Launch Plan — Initech`, `Initech Partnership Onboarding Plan`,
 *    `Go-live plan: Globex reseller program`) when the title or a `Partner:` field names a
 *    partnership (a product launch plan is not one), it has milestones (a Milestones section
 *    or a milestone table) and three of: its sections (Milestones, Roles and Responsibilities,
 *    Communication Cadence, Success Criteria, with their equivalents) and fields (Partner, Start
 *    date, Launch date, Launch owner…).
 * Titles that name a guide, template or notes (`How to run a QBR`, `QBR template`, `QBR prep
 * notes`) or the writing of a kind of document (`Partner QBR Writer`, `How we write partner status
 * reports`, `Status report handbook`) are not documents of the kind. Issue-like documents with a
 * bug report's structure (Steps to reproduce, Expected / Actual) need three of the issue
 * template's sections.
 * A document whose body instructs its reader how to write one (2 or more of: a fenced markdown
 * template, a line addressing the writer — `When asked to write a QBR, include…`, `Copy this…` —,
 * a heading such as `Instructions`, `When to use`, `Example KPI table`, `Common mistakes`, an
 * agent skill's front matter) is not one either, whatever its title (steps 2–4; explicit front
 * matter always wins).
 *
 * `detectedBy` says which step matched: `front-matter` (1), `playbook-title` (2, 3: the document
 * follows the playbook's template) or `title-and-structure` (4: a team's own format). Rules that
 * check what only the playbook's template has (`next-qbr-missing`) use it: see followsPlaybook.
 */
import type { DetectedBy, DocModel } from './model.js';
import { normalizeHeading } from './model.js';
import { headingIsSection, REQUIRED_SECTIONS, sectionKeyOfNorm, type SectionEquivalents } from './analysis/equivalents.js';
import type { DocKind } from './types.js';
import { kpiColumns } from './analysis/kpi-columns.js';

export interface Detection {
  kind: DocKind;
  by: DetectedBy;
}

/**
 * True when the document follows the playbook's template: explicit front matter or the
 * playbook's own title. Rules for the template's own lines (`**Next QBR**:`) apply only then.
 */
export function followsPlaybook(doc: { detectedBy: DetectedBy | null }): boolean {
  return doc.detectedBy === 'front-matter' || doc.detectedBy === 'playbook-title';
}

const KINDS: DocKind[] = ['qbr', 'status-report', 'issue', 'launch-plan'];

/** Required sections by kind (spec §5). */
const SECTIONS = REQUIRED_SECTIONS;

/** Field labels (lower-cased) that are structure of each kind. */
type ContentKind = 'qbr' | 'status-report' | 'issue' | 'launch-plan';

const FIELDS: Record<ContentKind, ReadonlySet<string>> = {
  qbr: new Set(['overall partnership health', 'next qbr', 'next qbr date', 'quarter', 'review period']),
  'status-report': new Set(['report date', 'reporting period', 'period', 'current status', 'overall status', 'overall health', 'partnership health', 'overall health score', 'next renewal date']),
  issue: new Set(['severity', 'priority', 'status', 'owner', 'date identified', 'date raised', 'date opened', 'escalated to', 'escalation owner']),
  'launch-plan': new Set([
    'partner', 'partner company', 'partner name', 'start date', 'partnership start date', 'launch date', 'target launch date', 'go-live date',
    'go live date', 'kickoff date', 'kick-off date', 'launch owner', 'partnership manager', 'partner manager', 'partner lead', 'executive sponsor',
  ]),
};

/** Sections that are evidence of a launch plan (its required ones and Success Criteria). */
const LAUNCH_SECTIONS = [...REQUIRED_SECTIONS['launch-plan'], 'Success Criteria'];

/** A launch plan's title: a launch, onboarding or go-live plan (or timeline). */
const LAUNCH_TITLE = /\b(?:launch|onboarding|on-boarding|go-live|go live|kick-?off)(?: (?:and|&) (?:launch|onboarding|enablement))? (?:plan|timeline|roadmap)s?\b/;
/** Words in a title that make a plan a partnership's. */
const PARTNER_WORD = /\b(?:partners?|partnerships?|alliances?|resellers?|channel|co-?sell(?:ing)?|joint)\b/;
const PARTNER_FIELDS = new Set(['partner', 'partner company', 'partner name']);

/** A bug report's structure: headings or field labels (section keys, lower-cased). */
const BUG_MARKERS = new Set([
  'steps to reproduce', 'to reproduce', 'reproduction steps', 'repro steps', 'reproduction', 'repro',
  'expected', 'expected behavior', 'expected behaviour', 'expected result', 'expected results', 'expected outcome',
  'actual', 'actual behavior', 'actual behaviour', 'actual result', 'actual results', 'actual outcome',
  'stack trace', 'stacktrace', 'environment', 'logs', 'error log', 'version', 'browser', 'os',
]);

const TITLE: Array<[RegExp, 'qbr' | 'status-report' | 'issue']> = [
  [/\b(?:qbrs?|ebrs?|business reviews?|partner(?:ship)? reviews?)\b/, 'qbr'],
  [/\bstatus (?:report|update)s?\b|\b(?:weekly|monthly|bi-?weekly|fortnightly) status\b/, 'status-report'],
  [/^issue\b|\bescalations?\b|\bpartner(?:ship)? issues?\b/, 'issue'],
];

/** Titles about a kind of document rather than one (a guide, a template, notes, an agenda). */
const NOT_A_DOCUMENT = /\b(?:how to|how-to|how we|guide|guidelines|handbook|manual|playbook|policy|process|procedure|matrix|checklist|instructions|templates?|examples?|samples?|best practices|tips|faq|training|skill|prompt|writers?|writing|write|drafting|drafter|authoring|generator|notes|agenda|prep|preparation|log|tracker)\b(?!-)/;

type DetectDoc = Pick<DocModel, 'frontMatter' | 'headings' | 'tables' | 'paragraphs' | 'text' | 'code'>;

/** The kind of a partnership document and how it was detected, or null when it is not one. */
/**
 * Per kind, the sections and field labels (lower-cased) of the team's template (config
 * `templates`): in step 3 and 4 they count as structure of the kind, besides the playbook's.
 */
export type TeamStructure = Partial<Record<string, { sections: readonly string[]; fields: ReadonlySet<string> }>>;

export function detect(doc: DetectDoc, extra?: SectionEquivalents, team?: TeamStructure): Detection | null {
  const explicit = doc.frontMatter?.data['partnership-doc'];
  if (typeof explicit === 'string') {
    const v = explicit.trim().toLowerCase();
    if ((KINDS as string[]).includes(v)) return { kind: v as DocKind, by: 'front-matter' };
    if (v === 'none' || v === 'false' || v === 'no') return null;
  } else if (explicit === false) return null;
  const kind = detectByContent(doc, extra, team);
  if (!kind || instructional(doc)) return null;
  return kind;
}

function detectByContent(doc: DetectDoc, extra?: SectionEquivalents, team?: TeamStructure): Detection | null {

  let firstH1: string | undefined;
  let issueTitle = false;
  for (const h of doc.headings) {
    if (h.depth > 2) continue;
    const t = normalizeHeading(h.text);
    if (h.depth === 1) {
      if (t.startsWith('partnership qbr')) return { kind: 'qbr', by: 'playbook-title' };
      if (t.startsWith('partnership status report')) return { kind: 'status-report', by: 'playbook-title' };
      if (t.startsWith('partnership launch plan')) return { kind: 'launch-plan', by: 'playbook-title' };
      firstH1 ??= t;
    }
    if (t.startsWith('partnership issue')) issueTitle = true;
  }
  if (issueTitle) {
    const e = evidence(doc, 'issue', extra, team);
    if (e.bug ? e.sections >= 3 : e.sections + e.fields >= 1) return { kind: 'issue', by: 'playbook-title' };
  }
  if (firstH1 === undefined || NOT_A_DOCUMENT.test(firstH1)) return null;
  for (const [re, kind] of TITLE) {
    if (!re.test(firstH1)) continue;
    const e = evidence(doc, kind, extra, team);
    if (kind === 'issue') {
      if (e.bug ? e.sections >= 3 : e.sections + e.fields >= 2) return { kind, by: 'title-and-structure' };
    } else if (e.kpiTable || e.sections + e.fields >= 2) return { kind, by: 'title-and-structure' };
  }
  if (LAUNCH_TITLE.test(firstH1)) {
    const e = evidence(doc, 'launch-plan', extra, team);
    if ((PARTNER_WORD.test(firstH1) || e.partnerField) && e.milestones && e.sections + e.fields >= 3) return { kind: 'launch-plan', by: 'title-and-structure' };
  }
  return null;
}

interface Evidence {
  /** Distinct required sections of the kind present (equivalents count). */
  sections: number;
  /** Distinct fields of the kind present. */
  fields: number;
  /** A KPI table (Metric / Target / Actual columns) is present. */
  kpiTable: boolean;
  /** The document has a bug report's structure. */
  bug: boolean;
  /** Launch plans: a Milestones section (or equivalent) or a milestone table. */
  milestones: boolean;
  /** Launch plans: a `Partner:` field. */
  partnerField: boolean;
}

/** Paragraph lines read for fields: the header of any real document, a bounded cost for any size. */
const MAX_FIELD_LINES = 400;
const MAX_HEADINGS = 2_000;

function evidence(doc: DetectDoc, kind: ContentKind, extra: SectionEquivalents, team?: TeamStructure): Evidence {
  const own = team?.[kind];
  const base = kind === 'launch-plan' ? LAUNCH_SECTIONS : SECTIONS[kind];
  const required = own ? [...base, ...own.sections.filter((n) => !base.some((p) => sectionKeyOfNorm(normalizeHeading(p)) === sectionKeyOfNorm(normalizeHeading(n))))] : base;
  const found = new Set<string>();
  let bug = false;
  let seen = 0;
  for (const h of doc.headings) {
    if (++seen > MAX_HEADINGS) break;
    if (h.depth === 1) continue;
    const norm = normalizeHeading(h.text);
    if (BUG_MARKERS.has(sectionKeyOfNorm(norm))) bug = true;
    for (const name of required) if (!found.has(name) && headingIsSection(norm, name, extra)) found.add(name);
    if (kind === 'status-report' && norm.startsWith('overall health score')) found.add('Overall Health Score');
  }
  const labels = fieldLabels(doc);
  let fields = 0;
  let partnerField = false;
  for (const l of labels) {
    if (FIELDS[kind].has(l) || own?.fields.has(l)) fields++;
    if (BUG_MARKERS.has(l)) bug = true;
    if (PARTNER_FIELDS.has(l)) partnerField = true;
  }
  const launch = kind === 'launch-plan';
  const table = launch && !found.has('Milestones') && hasMilestoneTable(doc);
  const milestones = launch && (found.has('Milestones') || table);
  return { sections: found.size + (table ? 1 : 0), fields, kpiTable: kind !== 'issue' && !launch && hasKpiTable(doc), bug, milestones, partnerField };
}

/** A table whose header has a Milestone column (`| Milestone | Owner | Date |`). */
function hasMilestoneTable(doc: DetectDoc): boolean {
  let n = 0;
  for (const t of doc.tables) {
    if (++n > 500) return false;
    if (t.header.cells.some((c) => /^(?:key )?milestones?$/.test(normalizeHeading(c.text)))) return true;
  }
  return false;
}

/** The distinct labels (lower-cased) of `Label: value` / `**Label**: value` lines, in the first paragraph lines and key/value tables. */
function fieldLabels(doc: DetectDoc): Set<string> {
  const out = new Set<string>();
  const { text } = doc;
  let lines = 0;
  for (const p of doc.paragraphs) {
    let pos = p.start;
    while (pos < p.end && lines < MAX_FIELD_LINES) {
      let eol = text.indexOf('\n', pos);
      if (eol === -1 || eol > p.end) eol = p.end;
      lines++;
      const label = lineLabel(text.slice(pos, Math.min(eol, pos + 120)));
      if (label) out.add(label);
      pos = eol + 1;
    }
    if (lines >= MAX_FIELD_LINES) break;
  }
  // Two-column key / value tables (`| Severity | High |`).
  let rows = 0;
  for (const t of doc.tables) {
    if (t.header.cells.length !== 2) continue;
    for (const r of [t.header, ...t.rows]) {
      if (++rows > MAX_FIELD_LINES) return out;
      const c = r.cells[0];
      if (c) out.add(c.text.replace(/[*_`:]/g, '').replace(/\s+/g, ' ').trim().toLowerCase());
    }
  }
  return out;
}

/** The label of a field line (`- **Severity:** High`, `Status: Open`), lower-cased, or null. */
function lineLabel(line: string): string | null {
  let s = line.replace(/^[\s>]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?/, '');
  const colon = s.indexOf(':');
  if (colon <= 0 || colon > 60) return null;
  s = s.slice(0, colon).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return /^[a-z][a-z0-9 /&'’-]*$/.test(s) ? s : null;
}

/**
 * A KPI table as the KPI rules read it (analysis/kpi-columns.ts: Metric, Target and Actual
 * columns by the names real teams use, with mostly values in them) — one reading, so a table
 * that makes a document a QBR is one the KPI rules then check.
 */
function hasKpiTable(doc: DetectDoc): boolean {
  let n = 0;
  for (const t of doc.tables) {
    if (++n > 500) return false;
    if (kpiColumns(t)) return true;
  }
  return false;
}

/** Headings of a document about writing one (instructions, a skill, a handbook page), normalised. */
const META_HEADING = /^(?:instructions|(?:when|how) to use\b.*|usage|style|style guide|tone(?: and style)?|examples?|examples? (?:kpi|header|table|row|section|next steps|output|qbr|report|status|issue)\b.*|sample (?:kpi|header|table|output|qbr|report)\b.*|common mistakes|section by section|the skeleton|skeleton|the template|output format|dos and don'?ts|before you send it|writing tips)$/;

/** A line addressing whoever writes the document (an agent's instructions, a handbook's). */
const WRITER_LINE = /^(?:when (?:asked|the user asks|a user asks|someone asks|you are asked|you write|writing)\b|use this (?:skill|template|prompt|page|agent)\b|copy this\b|fill (?:in|out) (?:the|this|each|every)\b|replace (?:every|each|all|the placeholders)\b|you (?:draft|write|are an?|are the)\b|do not use (?:it|this)\b)/i;

/** Fence opening lines of a template written out in markdown. */
const MD_FENCE = /^(?:`{3,}|~{3,})[ \t]*(?:markdown|md|mdx|text|txt)?$/i;
/** A heading or `**Field**:` line inside such a fence. */
const TEMPLATE_LINE = /^ {0,3}(?:#{1,6}[ \t]+\S|\*\*[^*\n]{1,60}\*\*[ \t]*:|\*\*[^*\n]{1,60}:\*\*)/;

const MAX_CODE_BLOCKS = 100;
const MAX_CODE_RANGES = 5_000;
const MAX_TEMPLATE_LINES = 60;

/**
 * True when the body instructs its reader how to write a document (two or more distinct
 * signals; see the module comment). Bounded: the first headings, paragraph lines and code blocks.
 */
function instructional(doc: DetectDoc): boolean {
  let signals = 0;
  const fm = doc.frontMatter?.data;
  if (fm && typeof fm['description'] === 'string' && ('tools' in fm || 'allowed-tools' in fm || 'model' in fm || 'argument-hint' in fm)) signals++;

  let seen = 0;
  for (const h of doc.headings) {
    if (++seen > MAX_HEADINGS) break;
    if (h.depth > 1 && META_HEADING.test(normalizeHeading(h.text))) {
      signals++;
      break;
    }
  }

  const { text } = doc;
  let lines = 0;
  outer: for (const p of doc.paragraphs) {
    let pos = p.start;
    while (pos < p.end) {
      if (++lines > MAX_FIELD_LINES) break outer;
      let eol = text.indexOf('\n', pos);
      if (eol === -1 || eol > p.end) eol = p.end;
      if (WRITER_LINE.test(text.slice(pos, Math.min(eol, pos + 80)).replace(/^[\s>*_]+/, ''))) {
        signals++;
        break outer;
      }
      pos = eol + 1;
    }
  }
  if (signals >= 2) return true;

  let blocks = 0;
  let ranges = 0;
  for (const c of doc.code) {
    if (++ranges > MAX_CODE_RANGES) break;
    if (c.end - c.start < 8) continue; // inline code
    const head = text.slice(c.start, Math.min(c.end, c.start + 41));
    const nl = head.indexOf('\n');
    if (nl === -1 || !MD_FENCE.test(head.slice(0, nl).trim())) continue; // inline code, another language
    if (++blocks > MAX_CODE_BLOCKS) break;
    let pos = c.start + nl + 1;
    let n = 0;
    let template = false;
    while (pos < c.end && ++n <= MAX_TEMPLATE_LINES) {
      let e = text.indexOf('\n', pos);
      if (e === -1 || e > c.end) e = c.end;
      if (TEMPLATE_LINE.test(text.slice(pos, Math.min(e, pos + 80)))) {
        template = true;
        break;
      }
      pos = e + 1;
    }
    if (template) {
      signals++;
      break;
    }
  }
  return signals >= 2;
}
