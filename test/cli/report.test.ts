/** `partnership-docs report` and the cross-document findings of `check`. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, removeTemp, run, tempRepo } from './helpers.js';

const FIX = 'test/fixtures/workspace';
const files = (): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const p of ['acme/2026-Q1-qbr.md', 'acme/2026-Q2-qbr.md', 'acme/2026-Q3-qbr.md', 'globex/2025-Q4-qbr.md', 'globex/2026-Q1-qbr.md', 'globex/2026-02-status-report.md', 'globex/2026-Q2-qbr.md', 'globex/2026-03-outage-issue.md']) {
    out[`partners/${p}`] = readFileSync(join(FIX, p), 'utf8');
  }
  return out;
};

const temps: string[] = [];
let dir: string;
before(() => {
  ensureBuilt();
  dir = tempRepo({ ...files(), 'README.md': '# Notes\n' });
  temps.push(dir);
});
after(() => temps.forEach(removeTemp));

describe('report', () => {
  it('md (the default) to standard output', () => {
    const r = run(['report', 'partners', '--today', '2026-11-24'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Partnership portfolio\n/);
    assert.ok(r.stdout.includes('| Acme | 🟡 Yellow 78 | ↘️ −10 pts | — | 1 | 1 | partners/acme/2026-Q3-qbr.md (Q3 2026) |'), r.stdout);
    assert.ok(r.stdout.includes('| Globex | 🟢 Green 100 | ↗️ +16 pts | 2026-12-31 (in 37 days) | 2 | 0 | partners/globex/2026-Q2-qbr.md (Q2 2026) |'), r.stdout);
  });

  it('json', () => {
    const r = run(['report', '--format', 'json', '--today', '2026-11-24'], dir);
    assert.equal(r.status, 0, r.stderr);
    const data = JSON.parse(r.stdout);
    assert.deepEqual(data.partners.map((p: { partner: string }) => p.partner), ['Acme', 'Globex']);
    assert.equal(data.date, '2026-11-24');
  });

  it('html to a file: self-contained, inline SVG, no scripts or remote resources', () => {
    const r = run(['report', 'partners', '--format', 'html', '--today', '2026-11-24', '--out', 'portfolio.html'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Wrote portfolio\.html \(2 partnerships, 8 documents\)/);
    const html = readFileSync(join(dir, 'portfolio.html'), 'utf8');
    assert.match(html, /<svg[\s>]/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /https?:\/\//i);
  });

  it('usage errors exit with 2', () => {
    assert.equal(run(['report', '--format', 'pdf'], dir).status, 2);
    const r = run(['report', 'nowhere'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nowhere: cannot read/);
  });
});

describe('check: cross-document rules', () => {
  it('reports them per file in stylish, JSON and SARIF', () => {
    const r = run(['check', 'partners', '--format', 'json', '--today', '2026-11-24'], dir);
    const out = JSON.parse(r.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; line: number; column: number }> }> };
    const q3 = out.files.find((f) => f.path === 'partners/acme/2026-Q3-qbr.md')!;
    const cross = q3.findings.filter((f) => ['kpi-trend-vs-previous', 'kpi-declining-quarters', 'action-carried-over'].includes(f.ruleId));
    assert.deepEqual(cross.map((f) => `${f.line}:${f.column} ${f.ruleId}`), [
      '12:57 kpi-trend-vs-previous',
      '13:3 kpi-declining-quarters',
      '14:3 kpi-declining-quarters',
      '14:55 kpi-trend-vs-previous',
      '16:4 action-carried-over',
    ]);
    const sarif = JSON.parse(run(['check', 'partners', '--format', 'sarif', '--today', '2026-11-24'], dir).stdout);
    const ids = new Set(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId));
    for (const id of ['kpi-trend-vs-previous', 'kpi-declining-quarters', 'action-carried-over']) assert.ok(ids.has(id), id);
    const stylish = run(['check', 'partners', '--today', '2026-11-24'], dir).stdout;
    assert.match(stylish, /16:4 +warning +Open action item of the Q2 2026 QBR/);
  });

  it('can be switched off in the configuration; --fix writes the computed trend', () => {
    const d = tempRepo({ ...files(), '.partnership-docs.json': '{ "rules": { "kpi-declining-quarters": "off" } }' });
    temps.push(d);
    const r = run(['check', '--format', 'json', '--today', '2026-11-24', '--fix'], d);
    const out = JSON.parse(r.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string }> }> };
    const q3 = out.files.find((f) => f.path === 'partners/acme/2026-Q3-qbr.md')!;
    assert.deepEqual(q3.findings.map((f) => f.ruleId).filter((id) => id.includes('quarters') || id.includes('previous') || id.includes('carried')), ['action-carried-over']);
    const fixed = readFileSync(join(d, 'partners/acme/2026-Q3-qbr.md'), 'utf8');
    assert.ok(fixed.includes('| Revenue | $500K | $480K | ⚠️ Yellow (96% of target) | → Stable (0% vs. last quarter) |'), fixed);
    assert.ok(fixed.includes('| Escalations | ≤ 5 | 6 | ⚠️ Yellow (83% of target) | ↘️ Declining (+50% vs. last quarter) |'), fixed);
  });
});

describe('report: the lifecycle stage (issue 13)', () => {
  // The start date in a launch plan, the renewal date in the latest QBR; another partner without a start date.
  const repo = (): string => {
    const d = tempRepo({
      'partners/pinecliff/launch-plan.md':
        '---\npartnership-doc: launch-plan\npartner: Pinecliff\n---\n# Partnership Launch Plan: Acme + Pinecliff\n\n**Kickoff:** 2026-06-02\n\n## Milestones\n- Kickoff call\n',
      'partners/pinecliff/2026-Q3-qbr.md':
        '# Partnership QBR: Acme + Pinecliff\n**Quarter**: Q3 2026\n**Date**: 2026-10-08\n- **Next renewal date**: 2027-01-15\n\n## Executive Summary\nFirst quarter live.\n',
      'partners/hooli/2026-Q3-qbr.md': '# Partnership QBR: Acme + Hooli\n**Quarter**: Q3 2026\n**Date**: 2026-10-09\n\n## Executive Summary\nSteady.\n',
    });
    temps.push(d);
    return d;
  };
  it('md: the Lifecycle stage table, with what to do now', () => {
    const r = run(['report', 'partners', '--today', '2026-11-24'], repo());
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('\n## Lifecycle stage\n'), r.stdout);
    assert.ok(
      r.stdout.includes('| Pinecliff | Renewal window (52 days left) | 2026-06-02 | Assess performance against the original goals, document value and ROI, recommend: Expand, Renew as-is, Modify and renew, or Sunset. |'),
      r.stdout,
    );
    assert.ok(r.stdout.includes('| Hooli | Unknown (no start date) | — |'), r.stdout);
  });
  it('json and html carry the same stage', () => {
    const d = repo();
    const j = run(['report', 'partners', '--format', 'json', '--today', '2026-09-01'], d);
    assert.equal(j.status, 0, j.stderr);
    const pine = JSON.parse(j.stdout).partners.find((p: { partner: string }) => p.partner === 'Pinecliff');
    assert.equal(pine.stage.id, 'launch');
    assert.equal(pine.stage.detail, 'Launch — month 3 since 2026-06-02; renewal 2027-01-15 in 136 days');
    assert.equal(pine.stage.startFrom, 'partners/pinecliff/launch-plan.md');
    const h = run(['report', 'partners', '--format', 'html', '--today', '2026-09-01'], d);
    assert.match(h.stdout, /<th scope="row">Pinecliff<\/th><td>Launch \(month 3\)<\/td><td>2026-06-02<\/td>/);
  });
});
