/**
 * Scaffolds for new partnership documents, built from the playbook's three templates
 * (QBR, status report, issue) and its "Onboarding and Launch" step (the launch plan, which the
 * playbook describes but gives no template for). Pure: returns text; the CLI and the editor write it.
 *
 * What is filled in: the partner, our company, the quarter/year and the date, when given.
 * Everything else keeps the playbook's `[bracket]` placeholders: they are what the user fills
 * in, and `placeholder-unfilled` points at each one until it is ("ready to fill").
 *
 * Deviations from the playbook, on purpose:
 * - The QBR's Next Steps are task items (`- [ ] …`), as in the status report, the issue and the
 *   `action-item` snippet, so they can be ticked off.
 * - The KPI Dashboard tables hold placeholder rows instead of the playbook's sample figures
 *   (sample numbers that look real are easy to forget to replace); the status report's
 *   "[Table showing all metrics…]" line becomes the same table skeleton.
 * - The issue keeps the playbook's H2 `## Partnership Issue: …` heading (the spec detects
 *   H1 or H2), gains a `**Partner**:` line (the template does not say which partnership it is
 *   about) and starts with `**Status**: Open` (a new issue is open by definition).
 * - The launch plan is built from the playbook's step 1 "Onboarding and Launch" (launch plan with
 *   milestones, communication channels and cadence, success criteria, roles and responsibilities)
 *   and its lifecycle stage "Launch (Month 1-3)" (kickoff, priorities and quick wins,
 *   communication rhythms, initial integration or program setup, first joint activity: the
 *   milestone rows). The date given is the partnership's start date. Its cadence is the
 *   playbook's Communication Cadence (weekly working team, monthly steering committee,
 *   quarterly executive sponsors).
 */

export type TemplateKind = 'qbr' | 'status-report' | 'issue' | 'launch-plan';

export const TEMPLATE_KINDS: readonly TemplateKind[] = ['qbr', 'status-report', 'issue', 'launch-plan'];

export interface ScaffoldOptions {
  /** Partner company name (required). */
  partner: string;
  /** Our company name; `[Our Company]` stays when omitted. */
  company?: string;
  /** Quarter 1–4. */
  quarter?: number;
  /** Four-digit year. */
  year?: number;
  /** Document date, YYYY-MM-DD; `[Date]` stays when omitted. */
  date?: string;
}

export interface Scaffold {
  text: string;
  /**
   * Where the user should start typing (1-based line and column, UTF-16 code units): the
   * placeholder that `endColumn` (exclusive, same line) closes, so an editor can select it:
   * the first placeholder of the document — `[Our Company]` in the title when no company was
   * given, else the first header field left (the QBR's Attendees, the status report's
   * Partnership Manager, the issue's `[Brief Description]`).
   */
  firstField: { line: number; column: number; endColumn: number };
}

const KPI_TABLE = [
  '| Metric | Target | Actual | Status | Trend |',
  '|--------|--------|--------|--------|-------|',
  '| [Metric 1] | [Target] | [Actual] | [Status] | [Trend] |',
  '| [Metric 2] | [Target] | [Actual] | [Status] | [Trend] |',
  '| [Metric 3] | [Target] | [Actual] | [Status] | [Trend] |',
].join('\n');

const EXEC_SUMMARY = '[1-paragraph summary of partnership performance and key decisions]';

/** Throws RangeError when the options are invalid (empty partner or company, quarter, year or date out of range). */
export function checkScaffoldOptions(opts: ScaffoldOptions): void {
  requireName(opts.partner, 'partner');
  if (opts.company !== undefined) requireName(opts.company, 'company');
  if (opts.quarter !== undefined) checkQuarter(opts.quarter);
  if (opts.year !== undefined) checkYear(opts.year);
  if (opts.date !== undefined) checkDate(opts.date);
}

/** Builds the text of a new document of `kind`. Throws RangeError on invalid options. */
export function scaffold(kind: TemplateKind, opts: ScaffoldOptions): Scaffold {
  const partner = requireName(opts.partner, 'partner');
  const company = opts.company === undefined ? '[Our Company]' : requireName(opts.company, 'company');
  if (opts.quarter !== undefined) checkQuarter(opts.quarter);
  if (opts.year !== undefined) checkYear(opts.year);
  if (opts.date !== undefined) checkDate(opts.date);
  const quarter = opts.quarter === undefined ? 'Q[X]' : `Q${opts.quarter}`;
  const year = opts.year === undefined ? '[Year]' : String(opts.year);
  const date = opts.date ?? '[Date]';

  switch (kind) {
    case 'qbr': {
      const text = qbr(company, partner, `${quarter} ${year}`, date);
      return { text, firstField: firstPlaceholderAfter(text, 0) };
    }
    case 'status-report': {
      const period = opts.quarter === undefined && opts.year === undefined ? '[Month/Quarter Year]' : `${quarter} ${year}`;
      const text = statusReport(company, partner, period, date);
      return { text, firstField: firstPlaceholderAfter(text, 0) };
    }
    case 'issue': {
      const text = issue(partner, date);
      return { text, firstField: firstPlaceholderAfter(text, 0) };
    }
    case 'launch-plan': {
      const text = launchPlan(company, partner, date);
      return { text, firstField: firstPlaceholderAfter(text, 0) };
    }
    default:
      throw new RangeError(`Unknown document kind "${String(kind)}": expected one of ${TEMPLATE_KINDS.join(', ')}.`);
  }
}

/**
 * A file-name-safe slug: lower case ASCII letters and digits separated by single hyphens
 * (`"Salesforce, Inc."` → `"salesforce-inc"`, `"Café Møller"` → `"cafe-moller"`).
 * Falls back to `"partner"` when nothing is left.
 */
export function slugify(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/gi, 'o')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
  let out = '';
  let pendingHyphen = false;
  for (const ch of ascii) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      if (pendingHyphen && out) out += '-';
      out += ch;
      pendingHyphen = false;
    } else if (ch === '&') {
      if (out) out += '-and';
      pendingHyphen = true;
    } else {
      pendingHyphen = true;
    }
  }
  return out.slice(0, 80) || 'partner';
}

/**
 * The default path (relative, `/`-separated) of a new document:
 * - qbr: `partnerships/<partner-slug>/<year>-Q<n>-qbr.md`
 * - status-report: `partnerships/<partner-slug>/<year>-Q<n>-status-report.md`
 * - issue: `partnerships/<partner-slug>/<date>-issue.md`
 * - launch-plan: `partnerships/<partner-slug>/<date>-launch-plan.md` (the start date)
 * Throws RangeError when the kind needs a year/quarter or date that is missing or invalid.
 */
export function defaultFileName(
  kind: TemplateKind,
  opts: { partner: string; year?: number; quarter?: number; date?: string },
): string {
  const dir = `partnerships/${slugify(opts.partner)}`;
  if (kind === 'issue' || kind === 'launch-plan') {
    if (opts.date === undefined) throw new RangeError(`A${kind === 'issue' ? 'n issue' : ' launch plan'} file name needs a date (YYYY-MM-DD).`);
    checkDate(opts.date);
    return `${dir}/${opts.date}-${kind}.md`;
  }
  if (opts.year === undefined || opts.quarter === undefined) {
    throw new RangeError(`A ${kind} file name needs a year and a quarter.`);
  }
  checkYear(opts.year);
  checkQuarter(opts.quarter);
  return `${dir}/${opts.year}-Q${opts.quarter}-${kind}.md`;
}

// ---------------------------------------------------------------------------------------------

function qbr(company: string, partner: string, quarter: string, date: string): string {
  return `# Partnership QBR: ${company} + ${partner}
**Quarter**: ${quarter}
**Date**: ${date}
**Attendees**: [Executive sponsors, steering committee members]

## Executive Summary
${EXEC_SUMMARY}

## Performance Highlights
- **Achievement 1**: [Specific win with metrics]
- **Achievement 2**: [Specific win with metrics]
- **Achievement 3**: [Specific win with metrics]

## KPI Dashboard

${KPI_TABLE}

**Overall Partnership Health**: [Status] ([X]% of targets met, [summary])

## Key Wins
1. **[Win 1]**: [Description, impact, metrics]
2. **[Win 2]**: [Description, impact, metrics]
3. **[Win 3]**: [Description, impact, metrics]

## Challenges and Actions
1. **[Challenge 1]**:
   - Impact: [What's at risk]
   - Root cause: [Why it's happening]
   - Action plan: [How we'll address]
   - Owner: [Who's responsible]
   - Timeline: [When we'll resolve]

2. **[Challenge 2]**:
   - Impact: [What's at risk]
   - Root cause: [Why it's happening]
   - Action plan: [How we'll address]
   - Owner: [Who's responsible]
   - Timeline: [When we'll resolve]

## Upcoming Initiatives (Next Quarter)
1. [Initiative 1]: [Description, goal, timeline]
2. [Initiative 2]: [Description, goal, timeline]
3. [Initiative 3]: [Description, goal, timeline]

## Asks and Decisions Needed
1. [Decision 1]: [What needs to be decided and why]
2. [Resource ask]: [What resources or support needed]
3. [Escalation]: [Issue requiring executive attention]

## Next Steps
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
- [ ] [Action item 3] - Owner: [Name], Due: [Date]

**Next QBR**: [Date]
`;
}

function statusReport(company: string, partner: string, period: string, date: string): string {
  return `# Partnership Status Report: ${company} + ${partner}
**Period**: ${period}
**Report Date**: ${date}
**Partnership Manager**: [Name]

## Partnership Overview
- **Partnership type**: [Strategic alliance, channel, technology integration, etc.]
- **Start date**: [Date]
- **Current status**: [Active, At Risk, Thriving, Sunsetting]
- **Next renewal date**: [Date]

## Performance Summary

### KPI Dashboard

${KPI_TABLE}

### Overall Health Score: [X/100]
- Business performance: [X/30] (revenue, customers, leads)
- Operational execution: [X/30] (campaigns, integrations, activities)
- Relationship health: [X/25] (satisfaction, engagement, responsiveness)
- Strategic alignment: [X/15] (priorities, vision, mutual value)

🟢 Green (90-100): Partnership thriving
🟡 Yellow (70-89): Partnership on track with areas for improvement
🔴 Red (<70): Partnership at risk, immediate action required

## Recent Activities
1. [Activity 1]: [Description, date, outcome]
2. [Activity 2]: [Description, date, outcome]
3. [Activity 3]: [Description, date, outcome]

## Key Wins
1. [Win 1 with metrics and impact]
2. [Win 2 with metrics and impact]

## Open Issues
1. [Issue 1]: [Status, owner, timeline to resolve]
2. [Issue 2]: [Status, owner, timeline to resolve]

## Upcoming Milestones
- [Milestone 1]: [Date, description]
- [Milestone 2]: [Date, description]

## Risks and Mitigations
1. **[Risk 1]**: [Description, mitigation plan]
2. **[Risk 2]**: [Description, mitigation plan]

## Recommendations
[Actions to improve partnership performance or expand scope]

## Next Steps
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
- [ ] [Next meeting]: [Date and agenda]
`;
}

function issue(partner: string, date: string): string {
  return `## Partnership Issue: [Brief Description]

**Partner**: ${partner}
**Severity**: [Critical, High, Medium, Low]
**Status**: Open
**Date Identified**: ${date}
**Impact**: [Specific impact on partnership or business]

### Problem Statement
[Clear description of the issue]

### Root Cause
[Analysis of why this is happening]

### Impact
- **Business impact**: [Revenue at risk, customer impact, etc.]
- **Relationship impact**: [Effect on partnership trust and collaboration]
- **Timeline impact**: [Delays to planned activities]

### Proposed Solutions
1. **Option 1**: [Description, pros, cons, required effort]
2. **Option 2**: [Description, pros, cons, required effort]
3. **Option 3**: [Description, pros, cons, required effort]

**Recommended**: [Which option and why]

### Action Plan
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
- [ ] [Action item 3] - Owner: [Name], Due: [Date]

### Resolution
[To be filled when issue is resolved: what was done, outcome, lessons learned]
`;
}

function launchPlan(company: string, partner: string, date: string): string {
  return `# Partnership Launch Plan: ${company} + ${partner}
**Partner**: ${partner}
**Start Date**: ${date}
**Launch Owner**: [Name]
**Target Launch Date**: [Date]

## Launch Plan Overview
[Goals of the launch (Month 1-3): priorities, quick wins, and the first joint activity]

## Milestones
| Milestone | Owner | Date | Status |
|-----------|-------|------|--------|
| Partnership kickoff meeting | [Owner] | [Date] | Not started |
| Priorities and quick wins agreed | [Owner] | [Date] | Not started |
| Communication channels and cadence set up | [Owner] | [Date] | Not started |
| Initial integration or program setup complete | [Owner] | [Date] | Not started |
| First joint activity (campaign, customer pilot) | [Owner] | [Date] | Not started |

## Roles and Responsibilities
| Role | ${company} | ${partner} | Responsibilities |
|------|------|------|------------------|
| Executive sponsor | [Name] | [Name] | [Commitments, escalation point] |
| Partnership manager | [Name] | [Name] | [Owns the launch plan, runs the weekly sync] |
| Sales | [Name] | [Name] | [Joint pipeline, co-selling] |
| Marketing | [Name] | [Name] | [Joint campaigns, announcement] |
| Product / Integration | [Name] | [Name] | [Integration or program setup] |
| Support | [Name] | [Name] | [Escalation path, shared runbook] |

## Communication Cadence
- **Weekly** (Working team): 30-minute sync on active initiatives, updates and blockers — [Day, time]
- **Monthly** (Steering committee): 1-hour business review, KPI dashboard, escalations — [Day, time]
- **Quarterly** (Executive sponsors): QBR — [Date]
- **Channels**: [Shared Slack channel, email list, shared drive]

## Success Criteria
- [Criterion 1]: [Measurable target by end of Month 3]
- [Criterion 2]: [Measurable target by end of Month 3]
- [Criterion 3]: [Measurable target by end of Month 3]

## Next Steps
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
`;
}

/** The first `[…]` on or after `from` whose closing bracket is on the same line. */
function firstPlaceholderAfter(text: string, from: number): Scaffold['firstField'] {
  let i = text.indexOf('[', from);
  while (i >= 0) {
    const close = text.indexOf(']', i);
    const eol = text.indexOf('\n', i);
    if (close > i && (eol < 0 || close < eol)) return position(text, i, close + 1 - i);
    i = text.indexOf('[', i + 1);
  }
  return position(text, 0, 0);
}

function position(text: string, offset: number, length: number): Scaffold['firstField'] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, endColumn: column + length };
}

function requireName(value: string, what: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  if (!v) throw new RangeError(`The ${what} name must not be empty.`);
  return v;
}

function checkQuarter(q: number): void {
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`Invalid quarter ${q}: expected 1, 2, 3 or 4.`);
}

function checkYear(y: number): void {
  if (!Number.isInteger(y) || y < 1000 || y > 9999) throw new RangeError(`Invalid year ${y}: expected a four-digit year.`);
}

/** Validates a YYYY-MM-DD calendar date (including the day-of-month range). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function checkDate(s: string): void {
  if (!isIsoDate(s)) throw new RangeError(`Invalid date "${s}": expected a calendar date as YYYY-MM-DD.`);
}
