/**
 * The workspace index over indexed documents: grouped by partner, ordered by period.
 * `buildIndex` builds it from scratch; `updateIndex` replaces one file's entry and recomputes
 * only the summaries of the partners it touches (the result equals a full rebuild).
 */
import { dateOfIso, daysBetween, parseToday } from '../dates.js';
import type { IndexedDoc, PartnerSummary, WorkspaceIndex } from './types.js';
import { lifecycleStage, type StartDate } from '../lifecycle.js';

export interface BuildOptions {
  /** "Today" for days to renewal (YYYY-MM-DD or a Date); defaults to the current date. */
  today?: string | Date;
}

const KIND_ORDER: Record<string, number> = { qbr: 0, 'status-report': 1, 'launch-plan': 2, issue: 3 };

/** Oldest period first, undated last; then by date, kind and path. */
export function compareDocs(a: IndexedDoc, b: IndexedDoc): number {
  const pa = a.period?.ordinal ?? Number.POSITIVE_INFINITY;
  const pb = b.period?.ordinal ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  const da = a.date ?? '9999-99-99';
  const db = b.date ?? '9999-99-99';
  if (da !== db) return da < db ? -1 : 1;
  const ka = KIND_ORDER[a.kind] ?? 9;
  const kb = KIND_ORDER[b.kind] ?? 9;
  if (ka !== kb) return ka - kb;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export function buildIndex(docs: IndexedDoc[], options: BuildOptions = {}): WorkspaceIndex {
  const map = new Map<string, IndexedDoc>();
  for (const d of [...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) map.set(d.path, d);
  for (const dir of new Set([...map.values()].map((d) => dirOf(d.path)))) resolveFolder(map, dir);
  const byPartner = new Map<string, IndexedDoc[]>();
  for (const d of map.values()) {
    const list = byPartner.get(d.partnerKey);
    if (list) list.push(d);
    else byPartner.set(d.partnerKey, [d]);
  }
  const today = parseToday(options.today);
  const partners = [...byPartner.entries()].map(([key, list]) => summarize(key, list, today));
  partners.sort(comparePartners);
  return { docs: map, partners };
}

/**
 * Replaces (or with `doc` null removes) the entry of `path` and recomputes the summaries of
 * the partners involved. Updates `index` in place and returns it.
 */
export function updateIndex(index: WorkspaceIndex, path: string, doc: IndexedDoc | null, options: BuildOptions = {}): WorkspaceIndex {
  const old = index.docs.get(path);
  const touched = new Set<string>();
  if (old) touched.add(old.partnerKey);
  if (doc) {
    if (doc.path !== path) doc = { ...doc, path };
    touched.add(doc.partnerKey);
    index.docs.set(path, doc); // an existing key keeps its place
    if (!old) {
      // Keep the map in path order, as buildIndex does.
      const entries = [...index.docs.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      index.docs.clear();
      for (const [k, v] of entries) index.docs.set(k, v);
    }
  } else {
    index.docs.delete(path);
  }
  // A document added to, changed in or removed from a folder can make the folder one partner's or not.
  for (const dir of new Set([old?.path, doc?.path].filter((p): p is string => p !== undefined).map(dirOf))) {
    for (const k of resolveFolder(index.docs, dir)) touched.add(k);
  }
  const today = parseToday(options.today);
  for (const key of touched) {
    const list = [...index.docs.values()].filter((d) => d.partnerKey === key);
    const at = index.partners.findIndex((p) => p.key === key);
    if (at >= 0) index.partners.splice(at, 1);
    if (list.length) index.partners.push(summarize(key, list, today));
  }
  index.partners.sort(comparePartners);
  return index;
}

// ─── Folders ────────────────────────────────────────────────────────────────────────────────
//
// A document's partner comes from its content first (front matter, title, a Partner field); its
// folder's name counts only while the folder is one partner's: when another document in the same
// folder names a different counterparty in its content, the documents that only had the folder's
// name are Unassigned (and Unassigned documents are never chained: partnerQbrs).

function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? '' : path.slice(0, i);
}

const UNASSIGNED = 'Unassigned';

/** Re-resolves the folder-named documents of `dir` in `docs` (in place); returns the partner keys that changed. */
function resolveFolder(docs: Map<string, IndexedDoc>, dir: string): string[] {
  const inDir = [...docs.values()].filter((d) => dirOf(d.path) === dir);
  const fromFolder = inDir.filter((d) => d.partnerSource === 'folder' || d.folderPartner);
  if (fromFolder.length === 0) return [];
  const contentKeys = new Set(inDir.filter((d) => d.partnerSource !== 'folder' && d.partnerSource !== 'none').map((d) => d.partnerKey));
  const changed: string[] = [];
  for (const d of fromFolder) {
    const folder = d.folderPartner ?? { partner: d.partner, partnerKey: d.partnerKey };
    const conflict = [...contentKeys].some((k) => k !== folder.partnerKey);
    let next: IndexedDoc;
    if (conflict) {
      if (d.folderPartner) continue;
      next = { ...d, partner: UNASSIGNED, partnerKey: UNASSIGNED.toLowerCase(), partnerSource: 'none', folderPartner: folder };
    } else {
      if (!d.folderPartner) continue;
      const { folderPartner: _, ...rest } = d;
      next = { ...rest, partner: folder.partner, partnerKey: folder.partnerKey, partnerSource: 'folder' };
    }
    changed.push(d.partnerKey, next.partnerKey);
    docs.set(d.path, next);
  }
  return changed;
}

function comparePartners(a: PartnerSummary, b: PartnerSummary): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const NAME_RANK: Record<IndexedDoc['partnerSource'], number> = { 'front-matter': 4, title: 3, field: 2, folder: 1, none: 0 };

function summarize(key: string, list: IndexedDoc[], today: Date): PartnerSummary {
  const docs = [...list].sort(compareDocs);
  // Display name: the latest name of the best source (titles and front matter over fields over folders).
  let name = docs[0]!.partner;
  let rank = -1;
  for (const d of docs) {
    const r = NAME_RANK[d.partnerSource];
    if (r >= rank) {
      rank = r;
      name = d.partner;
    }
  }
  const withHealth = docs.filter((d) => d.health !== null);
  const latest = withHealth[withHealth.length - 1];
  const prev = withHealth[withHealth.length - 2];
  const latestHealth = latest ? latest.health : null;
  const healthTrend = latest && prev && latest.partnerSource !== 'none' ? Math.round((latest.health!.score - prev.health!.score) * 100) / 100 : null;
  let renewalDate: string | null = null;
  for (const d of docs) if (d.renewalDate) renewalDate = d.renewalDate;
  const daysToRenewal = renewalDate ? daysBetween(today, dateOfIso(renewalDate)) : null;
  // Overdue actions: those of the partner's current documents — the latest QBR, the latest status
  // report and every issue document (older QBRs and reports are history: their open items are
  // carried into the next one, or action-carried-over says so) — counted once per item.
  const current: IndexedDoc[] = [];
  for (const kind of ['qbr', 'status-report', 'launch-plan'] as const) {
    const ofKind = docs.filter((d) => d.kind === kind);
    if (ofKind.length) current.push(ofKind[ofKind.length - 1]!);
  }
  current.push(...docs.filter((d) => d.kind === 'issue'));
  const seen = new Set<string>();
  let overdueActions = 0;
  for (const d of current) {
    for (const a of d.actions) {
      if (!a.overdue) continue;
      const k = a.key || `${d.path}:${a.line}`;
      if (seen.has(k)) continue;
      seen.add(k);
      overdueActions++;
    }
  }
  let redKpis = 0;
  for (const d of docs) if (d.kpis.length) redKpis = d.redKpis;
  // The start date: the latest dated document (period or date) that states one — a later QBR
  // corrects an earlier one —, else an undated one's (a launch plan, often the only one that
  // states it, sorts last for want of a period).
  let start: StartDate | null = null;
  let startFrom: string | null = null;
  let undated: IndexedDoc | null = null;
  let windowDays = 90;
  for (const d of docs) {
    if (d.start) {
      if (d.period || d.date) {
        start = d.start;
        startFrom = d.path;
      } else undated ??= d;
    }
    if (d.renewalWindowDays !== undefined) windowDays = d.renewalWindowDays;
  }
  if (!start && undated) {
    start = undated.start!;
    startFrom = undated.path;
  }
  const stage = lifecycleStage({ start, renewal: renewalDate, on: today, windowDays });
  return { key, name, docs, latestHealth, healthTrend, renewalDate, daysToRenewal, overdueActions, redKpis, start, startFrom, stage };
}

/** The partner's QBRs with a period, oldest first. */
export function partnerQbrs(index: WorkspaceIndex, partnerKey: string): IndexedDoc[] {
  const p = index.partners.find((s) => s.key === partnerKey);
  // Unassigned documents are not one partnership: never each other's quarters.
  return (p ? p.docs : []).filter((d) => d.kind === 'qbr' && d.period !== null && d.partnerSource !== 'none');
}

/** The QBR of the same partner with the nearest earlier period, or null. */
export function previousQbr(index: WorkspaceIndex, doc: IndexedDoc): IndexedDoc | null {
  if (!doc.period) return null;
  let best: IndexedDoc | null = null;
  for (const d of partnerQbrs(index, doc.partnerKey)) {
    if (d.path === doc.path || d.period!.ordinal >= doc.period.ordinal) continue;
    if (!best || compareDocs(best, d) < 0) best = d;
  }
  return best;
}
