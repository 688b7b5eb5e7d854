/**
 * Section equivalents (spec §9 "Sections and fields"): the common names real teams give the
 * playbook's sections (`Action Items` for Next Steps, `Root Cause Analysis` for Root Cause,
 * `Risk Register` for Risks and Mitigations…). One table, used wherever a section is looked up
 * by name: section-missing and field-invalid (sections.ts findSection), kind detection
 * (detect.ts), red-kpi-unaddressed (the Challenges / Open Issues / Risks sections) and the
 * action sections of analysis/actions.ts.
 *
 * Pure and dependency-light (model.ts only): document.ts's kind detection imports it.
 * Names are compared as section keys: normalizeHeading (case, emphasis, emoji, a trailing
 * parenthetical and colon, `&` = and) and a leading section number (`3. Next Steps`).
 */
import { normalizeHeading } from '../model.js';
import { memoByString } from '../memo.js';

/** Required sections per kind, in template order (spec §5). One list: section-missing
 * (sections.ts) and kind detection (detect.ts) both read it. */
export const REQUIRED_SECTIONS: Readonly<Record<'qbr' | 'status-report' | 'issue' | 'launch-plan', readonly string[]>> = {
  qbr: [
    'Executive Summary',
    'Performance Highlights',
    'KPI Dashboard',
    'Key Wins',
    'Challenges and Actions',
    'Upcoming Initiatives',
    'Asks and Decisions Needed',
    'Next Steps',
  ],
  'status-report': [
    'Partnership Overview',
    'Performance Summary',
    'Recent Activities',
    'Key Wins',
    'Open Issues',
    'Upcoming Milestones',
    'Risks and Mitigations',
    'Recommendations',
    'Next Steps',
  ],
  issue: ['Problem Statement', 'Root Cause', 'Impact', 'Proposed Solutions', 'Action Plan', 'Resolution'],
  // The playbook's "Onboarding and Launch" step. Success Criteria is required too, but reported
  // by `success-criteria-missing` (missing or empty), not by section-missing: one finding, one rule.
  'launch-plan': ['Milestones', 'Roles and Responsibilities', 'Communication Cadence'],
};

/** Built-in equivalents: canonical section name → other names that count as it. */
export const SECTION_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  'Next Steps': [
    'Action Items', 'Action Plan', 'Follow-ups', 'Follow ups', 'Followups', 'Next Actions', 'Actions', 'Action Register', 'Action Log',
    'Success Plan', 'Mutual Action Plan', 'Joint Action Plan', 'Next 30 Days', 'Next 60 Days', 'Next 90 Days', '30-60-90 Day Plan',
  ],
  'Action Plan': ['Action Items', 'Remediation', 'Remediation Plan', 'Corrective Actions', 'Next Steps', 'Actions', 'Action Register', 'Follow-ups'],
  'Root Cause': ['Root Cause Analysis', 'RCA', 'Cause', 'Root Causes', 'Causes', 'Contributing Factors'],
  'Risks and Mitigations': ['Risk Register', 'Risks', 'Risks and Issues', 'Issues and Risks', 'RAID', 'RAID Log', 'Risk'],
  'Key Wins': ['Highlights', 'Wins', 'Accomplishments', 'Achievements', 'Successes'],
  'Executive Summary': ['Summary', 'TL;DR', 'TLDR', 'Overview', 'Executive Overview', 'At a Glance', 'Headline'],
  'KPI Dashboard': ['Metrics', 'Scorecard', 'KPIs', 'KPI', 'Key Metrics', 'KPI Scorecard', 'Dashboard', 'OKRs', 'Key Results', 'SLA', 'SLAs', 'Service Levels'],
  'Performance Highlights': ['Performance', 'Results', 'Highlights'],
  'Open Issues': ['Issues', 'Blockers', 'Issues and Risks', 'Risks and Issues', 'Issues and Blockers', 'Escalations'],
  'Upcoming Milestones': ['Milestones', 'Timeline', 'Look ahead', 'Look-ahead', 'Lookahead', 'Key Dates', 'Upcoming', 'Next Period'],
  'Problem Statement': ['Problem', 'Summary', 'Description', 'Issue', 'Issue Summary'],
  Impact: ['Business Impact', 'Customer Impact'],
  'Proposed Solutions': ['Options', 'Solution', 'Solutions', 'Resolution Options', 'Proposed Fix', 'Recommendation'],
  Resolution: ['Outcome'],
  'Challenges and Actions': ['Challenges', 'Lowlights', 'Risks', 'Issues', 'Concerns', 'Blockers'],
  'Upcoming Initiatives': ['Initiatives', 'Roadmap', 'Upcoming', 'Looking Ahead', 'Next Quarter', 'Priorities', 'Plans'],
  'Asks and Decisions Needed': ['Asks', 'Decisions', 'Decisions Needed', 'Requests'],
  'Partnership Overview': ['Overview', 'Partnership Summary', 'Summary', 'Snapshot'],
  'Performance Summary': ['Performance', 'Metrics', 'KPIs', 'Scorecard', 'Results', 'Dashboard'],
  'Recent Activities': ['Activities', 'Recent Activity', 'Progress', 'Updates', 'Accomplishments', 'Completed'],
  Recommendations: ['Recommendation', 'Recommended', 'Asks', 'Decisions'],
  // Launch plans (the playbook's Onboarding and Launch step).
  Milestones: [
    'Upcoming Milestones', 'Key Milestones', 'Launch Milestones', 'Milestone Plan', 'Milestone Tracker', 'Timeline', 'Launch Timeline',
    // Not `Schedule` alone: a `Meeting Schedule` is the cadence. Not a launch checklist: its items need no owner or date.
    'Key Dates', 'Launch Schedule', 'Milestone Schedule', '30-60-90 Day Plan',
  ],
  'Roles and Responsibilities': ['Roles', 'Responsibilities', 'RACI', 'Team', 'Core Team', 'Launch Team', 'Owners', 'Stakeholders', 'Key Contacts', 'Contacts', 'Who Does What'],
  'Communication Cadence': [
    'Cadence', 'Communication', 'Communications', 'Communication Plan', 'Communications Plan', 'Meeting Cadence', 'Meetings', 'Governance',
    'Operating Rhythm', 'Rhythm', 'Channels', 'Communication Channels', 'Check-ins',
  ],
  'Success Criteria': [
    'Success Metrics', 'Success Measures', 'Definition of Success', 'What Success Looks Like', 'Launch Goals', 'Goals', 'Objectives', 'Targets',
    'KPIs', 'Launch KPIs', 'Exit Criteria', 'Launch Criteria',
  ],
};

/** Section key of a heading's text (see the module comment). */
export function sectionKey(text: string): string {
  return sectionKeyOfNorm(normalizeHeading(text));
}

/** sectionKey of a heading whose normalizeHeading is `norm` (an outline entry's `norm`). */
export function sectionKeyOfNorm(norm: string): string {
  return norm.replace(/^\d{1,3}[.)]\s*/, '');
}

const keyOf = memoByString(sectionKey, 5_000);

/** Configured equivalents (config `sectionEquivalents`): canonical name → extra names. */
export type SectionEquivalents = Readonly<Record<string, readonly string[]>> | undefined;

const builtInKeys = new Map<string, string[]>();
const CANONICAL_KEYS = new Set(Object.keys(SECTION_EQUIVALENTS).map(keyOf));
for (const [name, others] of Object.entries(SECTION_EQUIVALENTS)) builtInKeys.set(keyOf(name), [keyOf(name), ...others.map(keyOf)]);

/** Per configured table (by identity): canonical key → keys (built-in and configured). */
const configuredKeys = new WeakMap<object, Map<string, string[]>>();

/**
 * The section keys that count as the section `name`: its own key first, then the built-in
 * equivalents, then the configured ones (`extra`, which adds to the built-ins).
 */
export function sectionKeysFor(name: string, extra?: SectionEquivalents): readonly string[] {
  const key = keyOf(name);
  if (!extra || Object.keys(extra).length === 0) return builtInKeys.get(key) ?? [key];
  let table = configuredKeys.get(extra);
  if (!table) {
    table = new Map();
    for (const [canon, others] of Object.entries(extra)) {
      const k = keyOf(canon);
      const list = table.get(k) ?? [...(builtInKeys.get(k) ?? [k])];
      for (const o of others) if (!list.includes(keyOf(o))) list.push(keyOf(o));
      table.set(k, list);
    }
    configuredKeys.set(extra, table);
  }
  return table.get(key) ?? builtInKeys.get(key) ?? [key];
}

/**
 * Whether a section key names one of `keys` as a whole phrase (spec §9): `okr scorecard` names
 * `scorecard`, `challenges and corrective actions` names `challenges`, `roadmap and upcoming
 * initiatives` names `upcoming initiatives`. Only short headings (at most 8 words) count: a long
 * heading is a sentence that happens to contain the word. A heading that is itself one of the
 * playbook's sections (`Performance Highlights`, `Performance Summary`) is that section only: it
 * does not also stand for Key Wins by `highlights` or for the Executive Summary by `summary`.
 */
export function keyNamesAny(key: string, keys: readonly string[]): boolean {
  if (keys.includes(key)) return true;
  if (CANONICAL_KEYS.has(key)) return false;
  let words = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32 && ++words > 8) return false;
  const padded = ` ${key} `;
  return keys.some((k) => padded.includes(` ${k} `));
}

/** Whether a heading (its `norm`) names the section `name` or one of its equivalents (exactly or as a phrase: keyNamesAny). */
export function headingIsSection(norm: string, name: string, extra?: SectionEquivalents): boolean {
  return keyNamesAny(sectionKeyOfNorm(norm), sectionKeysFor(name, extra));
}

/** Whether a heading (its `norm`) names any of `names` or their equivalents. */
export function headingIsAnySection(norm: string, names: readonly string[], extra?: SectionEquivalents): boolean {
  const key = sectionKeyOfNorm(norm);
  return names.some((n) => keyNamesAny(key, sectionKeysFor(n, extra)));
}

/**
 * The sections whose top-level list items are action items (spec §4): Next Steps, Action Plan,
 * Action Items and Challenges and Actions, with their equivalents (Follow-ups, Next Actions,
 * Corrective Actions…; not Remediation unless configured). Challenges and Actions' own equivalents (Challenges,
 * Lowlights, Risks) are not action sections: their bullets describe problems, not actions.
 */
export function isActionSectionName(norm: string, extra?: SectionEquivalents): boolean {
  const key = sectionKeyOfNorm(norm);
  if (key === 'action items' || key === 'action item' || key === 'challenges and actions') return true;
  // Remediation often tells what was done (an incident's history), not what is to be done.
  if (key === 'remediation' && !extraNames(extra).has(key)) return false;
  return headingIsAnySection(norm, ACTION_NAMES, extra);
}
function extraNames(extra: SectionEquivalents): Set<string> {
  const out = new Set<string>();
  if (extra) for (const n of ACTION_NAMES) for (const o of extra[n] ?? []) out.add(keyOf(o));
  return out;
}
const ACTION_NAMES = ['Next Steps', 'Action Plan'];

/**
 * The sections where a Red KPI counts as addressed (red-kpi-unaddressed): Challenges and
 * Actions, Open Issues, Risks and Mitigations and their equivalents (Lowlights, Blockers, Risk
 * Register, RAID…).
 */
export function isAddressingSectionName(norm: string, extra?: SectionEquivalents): boolean {
  return headingIsAnySection(norm, ADDRESSING_NAMES, extra);
}
const ADDRESSING_NAMES = ['Challenges and Actions', 'Open Issues', 'Risks and Mitigations'];
