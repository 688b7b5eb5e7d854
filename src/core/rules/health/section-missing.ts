import {
  findSection,
  requiredSectionsFor,
  scopeAnchor,
  scopeHeadings,
  sectionScopes,
  skeletonText,
  templateKind,
  type OutlineEntry,
  type SectionScope,
  startsSectionAt,
} from '../../analysis/sections.js';
import { sectionKey } from '../../analysis/equivalents.js';
import { normalizeHeading, type DocModel } from '../../model.js';
import type { Rule, RuleContext } from '../../rule.js';
import type { TemplateKind } from '../../templates.js';

const KIND_NAME: Record<string, string> = { qbr: 'a QBR', 'status-report': 'a status report', issue: 'an issue', 'launch-plan': 'a launch plan' };

/**
 * Required sections by kind: the team template's sections when the kind has one (config
 * `templates`, read from the templates folder by the front ends; see teamTemplates.ts), else the
 * playbook's (spec §5). Matched per spec §1 (case, emphasis, emoji, trailing
 * parenthetical, `&`, a leading number). One finding per missing section, on the title line.
 * The fix inserts the template's skeleton in template order: after the nearest present
 * section that comes before it in the template, else before the nearest present one after
 * it, else before the first heading after the title (or at the end). Several sections
 * inserted at one point come out in template order (the findings are reported in that
 * order on the same range, and the engine's sort and applyEdits are stable).
 */
export const sectionMissing: Rule = {
  meta: {
    id: 'section-missing',
    description: 'A section the playbook template requires (e.g. Key Wins, Next Steps) is missing.',
    defaultSeverity: 'warning',
    fixable: 'fix',
  },
  kinds: ['qbr', 'status-report', 'issue', 'launch-plan'],
  check(ctx) {
    const kind = templateKind(ctx.doc.kind);
    if (!kind) return;
    for (const scope of sectionScopes(ctx.doc)) checkScope(ctx, kind, scope);
  },
};

function checkScope(ctx: RuleContext, kind: TemplateKind, scope: SectionScope): void {
  const { doc } = ctx;
  const found = requiredSectionsFor(kind, ctx.config);
  const { skeleton: skeletonOf, template } = found;
  // A launch plan's success criteria are success-criteria-missing's (one finding for one gap),
  // also when a team template lists the section.
  // A milestone table (`| Milestone | Owner | Date |`) under another heading is the plan's
  // Milestones, as detection counts it.
  const required = kind !== 'launch-plan' ? found.names
    : found.names.filter((n) => sectionKey(n) !== SUCCESS_CRITERIA && !(sectionKey(n) === MILESTONES && hasMilestoneTable(doc, scope)));
  const present = required.map((name) => findSection(doc, scope, name, ctx.config.sectionEquivalents));
  if (present.every((p) => p)) return;
  const firstPresent = present.find((p) => p);
  const depth = firstPresent ? firstPresent.depth : scope.title ? Math.min(6, scope.title.depth + 1) : 2;
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const range = scopeAnchor(doc, scope);

  // Missing sections grouped by insertion point (in template order within a group).
  const groups = new Map<number, string[]>();
  required.forEach((name, i) => {
    if (present[i]) return;
    const at = insertionPoint(doc, scope, present, i, depth);
    groups.set(at, [...(groups.get(at) ?? []), name]);
  });
  const notes = new Map<string, { at: number; first: boolean }>();
  for (const [at, names] of groups) names.forEach((n, k) => notes.set(n, { at, first: k === 0 }));

  required.forEach((name, i) => {
    if (present[i]) return;
    const skeleton = skeletonOf(name);
    const { at, first } = notes.get(name)!;
    const before = present.slice(0, i).filter((p): p is OutlineEntry => p !== undefined).pop();
    const where = before ? ` after “${before.text.trim()}”` : '';
    const fix = skeleton && (at < doc.text.length || ctx.get(endTakesHeading)) ? [{ start: at, end: at, text: insertion(doc.text, at, skeletonText(skeleton, depth, eol), first, eol) }] : undefined;
    ctx.report({
      start: range.start,
      end: range.end,
      message: template
        ? `Missing section “${name}”, required by the team's ${kindLabel(kind)} template (${template.path}); expected a “${'#'.repeat(depth)} ${name}” heading${where}.`
        : `Missing section “${name}”, required in ${KIND_NAME[kind] ?? `a ${kind}`}; expected a “${'#'.repeat(depth)} ${name}” heading${where}.`,
      ...(fix ? { fix } : {}),
      data: { section: name },
    });
  });
}

function kindLabel(kind: TemplateKind): string {
  return kind === 'qbr' ? 'QBR' : kind.replace(/-/g, ' ');
}

/**
 * Whether a heading appended at the end of the document would be a heading: not when the
 * document ends inside an unclosed fenced code block, HTML comment or HTML block (the
 * inserted skeleton would vanish into it, and fixAll would insert it again on every pass).
 * The split scanner decides: it splits only where every block is closed.
 */
function endTakesHeading(ctx: RuleContext): boolean {
  const text = ctx.doc.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const probe = text + insertion(text, text.length, '## x', true, eol);
  const at = probe.length - `## x${eol}`.length;
  return startsSectionAt(probe, at);
}

function insertionPoint(doc: DocModel, scope: SectionScope, present: Array<OutlineEntry | undefined>, i: number, depth: number): number {
  for (let j = i - 1; j >= 0; j--) {
    const p = present[j];
    if (p) return sectionEnd(doc, scope, p, depth);
  }
  for (let j = i + 1; j < present.length; j++) {
    const p = present[j];
    if (p) return p.start;
  }
  return scopeHeadings(doc, scope)[0]?.start ?? scope.end;
}

/** End of a section (with its sub-sections) at the level sections are written at. */
function sectionEnd(doc: DocModel, scope: SectionScope, h: OutlineEntry, depth: number): number {
  const level = Math.min(h.depth, depth);
  const next = doc.outline.find((o) => o.start > h.start && o.depth <= level);
  return Math.min(next ? next.start : doc.text.length, scope.end);
}

/**
 * The text to insert at `at`: before a heading, the skeleton and a blank line (preceded by a
 * blank line when the previous line is not blank and this is the first insert there); at the
 * end of the document, a blank line first, then the skeleton and a newline.
 */
function insertion(text: string, at: number, skeleton: string, first: boolean, eol: string): string {
  if (at >= text.length) {
    let pre = eol;
    if (first) {
      if (text.endsWith(`${eol}${eol}`) || text.length === 0) pre = '';
      else if (text.endsWith(eol)) pre = eol;
      else pre = eol + eol;
    }
    return `${pre}${skeleton}${eol}`;
  }
  const prevBlank = at === 0 || text.slice(0, at).endsWith(`${eol}${eol}`);
  const pre = first && !prevBlank ? eol : '';
  return `${pre}${skeleton}${eol}${eol}`;
}

const SUCCESS_CRITERIA = sectionKey('Success Criteria');
const MILESTONES = sectionKey('Milestones');

/** A table with a Milestone column inside the scope. */
function hasMilestoneTable(doc: DocModel, scope: SectionScope): boolean {
  return doc.tables.some((t) => t.start >= scope.start && t.start < scope.end &&
    t.header.cells.some((c) => /^(?:key )?milestones?$/.test(normalizeHeading(c.text))));
}
