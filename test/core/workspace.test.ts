/** The workspace index: partners, periods, summaries; incremental updates equal a full rebuild. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIndex, indexDocument, lintWorkspace, updateIndex } from '../../src/core/index.js';
import { partnerKeyOf, periodOf, splitParties } from '../../src/core/workspace/index.js';
import { fixtureTexts, indexTexts, WS_TODAY } from './workspace-helpers.js';

const texts = fixtureTexts();

describe('indexDocument', () => {
  it('returns null for ordinary markdown', () => {
    assert.equal(indexDocument('notes/README.md', '# Notes\n\nHello.\n', { today: WS_TODAY }), null);
  });

  it('reads partner, company, period, date, health, KPIs and actions of a QBR', () => {
    const d = indexDocument('test/fixtures/workspace/acme/2026-Q2-qbr.md', texts.get('test/fixtures/workspace/acme/2026-Q2-qbr.md')!, { today: WS_TODAY })!;
    assert.equal(d.kind, 'qbr');
    assert.equal(d.partner, 'Acme');
    assert.equal(d.partnerKey, 'acme');
    assert.equal(d.partnerSource, 'title');
    assert.equal(d.company, 'Northwind');
    assert.deepEqual(d.period, { year: 2026, quarter: 2, ordinal: 2026 * 4 + 1, label: 'Q2 2026' });
    assert.equal(d.date, '2026-04-21');
    assert.deepEqual(d.health, { score: 88, band: 'yellow', source: 'kpi-table' });
    assert.deepEqual(
      d.kpis.map((k) => [k.metric, k.key, k.actualValue, k.actualUnit, k.direction, k.computed, k.line]),
      [
        ['Revenue', 'revenue', 480000, 'currency:$', 'higher', 'yellow', 12],
        ['Referrals', 'referrals', 34, 'number', 'higher', 'red', 13],
        ['Escalations', 'escalations', 4, 'number', 'lower', 'green', 14],
      ],
    );
    assert.equal(d.redKpis, 1);
    assert.deepEqual(
      d.actions.map((a) => [a.key, a.open, a.owner, a.due, a.overdue, a.line]),
      [
        ['launch joint webinar serie', false, 'Dana Smith', '2026-02-15', false, 17],
        ['renew reseller agreement acme', true, 'Lee Chen', '2026-06-30', true, 18],
        ['publish joint case study', true, 'Dana Smith', '2026-06-15', true, 19],
      ],
    );
    assert.equal(d.overdueActions, 2);
    assert.equal(d.titleLine, 1);
    const text = texts.get('test/fixtures/workspace/acme/2026-Q2-qbr.md')!;
    assert.equal(text.slice(d.anchor!.start, d.anchor!.end), 'Next Steps');
  });

  it('partner from front matter, a **Partner** field or the folder; period from Period / dates', () => {
    const fm = indexDocument('x/globex/q.md', '---\npartner: Globex\nquarter: 2026-Q1\n---\n# Partnership QBR: Us + Someone Else\n', {})!;
    assert.deepEqual([fm.partner, fm.partnerSource, fm.period?.label], ['Globex', 'front-matter', 'Q1 2026']);
    const field = indexDocument('issues/x.md', '## Partnership Issue: Sync\n\n**Partner**: Initech\n**Date Identified**: 2026-05-02\n', {})!;
    assert.deepEqual([field.partner, field.partnerSource, field.period?.label, field.date], ['Initech', 'field', 'Q2 2026', '2026-05-02']);
    const folder = indexDocument('partnerships/wayne-enterprises/i.md', '## Partnership Issue: Sync\n\n**Date Identified**: [Date]\n', {})!;
    assert.deepEqual([folder.partner, folder.partnerSource, folder.partnerKey, folder.period], ['Wayne Enterprises', 'folder', 'wayne enterprises', null]);
    const month = indexDocument('a/b.md', '# Partnership Status Report: Us + Acme\n**Period**: October 2026\n', {})!;
    assert.equal(month.period?.label, 'Q4 2026');
    const fileName = indexDocument('a/2025-Q4-qbr.md', '# Partnership QBR: Us + Acme\n**Quarter**: Q[X] [Year]\n', {})!;
    assert.equal(fileName.period?.label, 'Q4 2025');
  });

  it('splits the title at +, x, &, and, /', () => {
    assert.deepEqual(splitParties('Northwind + Johnson & Johnson'), { company: 'Northwind', partner: 'Johnson & Johnson' });
    assert.deepEqual(splitParties('Northwind x Globex'), { company: 'Northwind', partner: 'Globex' });
    assert.deepEqual(splitParties('Northwind & Globex (FY26)'), { company: 'Northwind', partner: 'Globex' });
    assert.deepEqual(splitParties('Northwind and Globex'), { company: 'Northwind', partner: 'Globex' });
    assert.deepEqual(splitParties('Northwind / Globex'), { company: 'Northwind', partner: 'Globex' });
    assert.deepEqual(splitParties('[Our Company] + [Partner Company]'), { company: null, partner: null });
    assert.deepEqual(splitParties('Globex'), { company: null, partner: 'Globex' });
  });

  it('partner keys ignore case, punctuation and company suffixes; aliases map names', () => {
    assert.equal(partnerKeyOf('Globex Corporation'), 'globex');
    assert.equal(partnerKeyOf('GLOBEX, Inc.'), 'globex');
    assert.equal(partnerKeyOf('Café Møller'), partnerKeyOf('cafe møller'));
    const text = '# Partnership QBR: Us + Globex Industries\n**Quarter**: Q1 2026\n';
    assert.equal(indexDocument('a.md', text, {})!.partnerKey, 'globex industries');
    assert.equal(indexDocument('a.md', text, { aliases: { 'globex industries': 'Globex' } })!.partnerKey, 'globex');
    assert.equal(indexDocument('a.md', text, { config: { partners: { 'Globex Industries': 'Globex' } } })!.partner, 'Globex');
  });

  it('periodOf reads quarters, dates and months', () => {
    const o = { dateOrder: 'mdy' as const, defaultYear: 2026 };
    assert.equal(periodOf('Q3 2026', o)?.label, 'Q3 2026');
    assert.equal(periodOf('2026 Q3', o)?.label, 'Q3 2026');
    assert.equal(periodOf('Q3', o)?.label, 'Q3 2026');
    assert.equal(periodOf('Nov 2, 2026', o)?.label, 'Q4 2026');
    assert.equal(periodOf('2026-02-10', o)?.label, 'Q1 2026');
    assert.equal(periodOf('[Month/Quarter Year]', o), null);
  });
});

describe('buildIndex', () => {
  const { index } = indexTexts(texts);

  it('groups by partner (aliases, suffixes, folders) and orders by period', () => {
    assert.deepEqual(
      index.partners.map((p) => [p.key, p.name, p.docs.map((d) => `${d.period?.label ?? '-'} ${d.kind} ${d.path.split('/').pop()}`)]),
      [
        ['acme', 'Acme', ['Q1 2026 qbr 2026-Q1-qbr.md', 'Q2 2026 qbr 2026-Q2-qbr.md', 'Q3 2026 qbr 2026-Q3-qbr.md']],
        [
          'globex',
          'Globex',
          [
            'Q4 2025 qbr 2025-Q4-qbr.md',
            'Q1 2026 qbr 2026-Q1-qbr.md',
            'Q1 2026 status-report 2026-02-status-report.md',
            'Q1 2026 issue 2026-03-outage-issue.md',
            'Q2 2026 qbr 2026-Q2-qbr.md',
          ],
        ],
      ],
    );
  });

  it('summarises health, trend, renewal, overdue actions and Red KPIs', () => {
    const acme = index.partners[0]!;
    assert.deepEqual(acme.latestHealth, { score: 78, band: 'yellow', source: 'kpi-table' });
    assert.equal(acme.healthTrend, -10);
    assert.equal(acme.renewalDate, null);
    assert.equal(acme.daysToRenewal, null);
    assert.equal(acme.overdueActions, 1); // the latest QBR's renewal item
    assert.equal(acme.redKpis, 1);
    const globex = index.partners[1]!;
    assert.equal(globex.latestHealth?.score, 100);
    assert.equal(globex.healthTrend, 16);
    assert.equal(globex.renewalDate, '2026-12-31');
    assert.equal(globex.daysToRenewal, 37);
    assert.equal(globex.overdueActions, 2); // the latest QBR's item and the issue's
    assert.equal(globex.redKpis, 0);
  });
});

describe('updateIndex', () => {
  const all = [...texts.keys()];
  const rebuild = (m: Map<string, string>) => indexTexts(m).index;
  const plain = (ix: ReturnType<typeof rebuild>) => ({ docs: [...ix.docs.entries()], partners: ix.partners });

  it('changing, adding and removing one file equals a full rebuild', () => {
    const current = new Map(texts);
    const { index } = indexTexts(current);
    const steps: Array<[string, string | null]> = [
      [all[1]!, current.get(all[1]!)!.replace('| Referrals | 50 | 34 |', '| Referrals | 50 | 44 |')],
      ['test/fixtures/workspace/initech/2026-Q1-qbr.md', '# Partnership QBR: Us + Initech\n**Quarter**: Q1 2026\n'],
      [all[3]!, current.get(all[3]!)!.replace('Northwind & Globex Corporation', 'Northwind + Hooli')],
      [all[0]!, null],
      ['test/fixtures/workspace/initech/2026-Q1-qbr.md', null],
      [all[4]!, '# Just notes\n'],
    ];
    for (const [path, text] of steps) {
      if (text === null) current.delete(path);
      else current.set(path, text);
      const doc = text === null ? null : indexDocument(path, text, { today: WS_TODAY, cache: false });
      updateIndex(index, path, doc, { today: WS_TODAY });
      if (!doc) current.delete(path);
      assert.deepEqual(plain(index), plain(rebuild(current)), `after updating ${path}`);
    }
  });

  it('an unchanged text gives the same hash; a changed one another', () => {
    const [p, t] = [...texts.entries()][0]!;
    const a = indexDocument(p, t, {})!;
    const b = indexDocument(p, `${t} `, {})!;
    assert.equal(a.textHash, indexDocument(p, t, {})!.textHash);
    assert.notEqual(a.textHash, b.textHash);
  });

  it('buildIndex of no documents is empty', () => {
    const ix = buildIndex([], { today: WS_TODAY });
    assert.equal(ix.docs.size, 0);
    assert.deepEqual(ix.partners, []);
  });
});

describe('performance', () => {
  it('indexes 1,000 documents in a few seconds', () => {
    const base = [...texts.values()];
    const t0 = performance.now();
    const docs = [];
    for (let i = 0; i < 1000; i++) {
      // Distinct texts (no cache hits across copies) spread over 100 partners.
      const text = base[i % base.length]!.replace(/Acme|Globex/g, `Partner${i % 100}`) + `\n<!-- ${i} -->\n`;
      const d = indexDocument(`ws/p${i % 100}/${i}.md`, text, { today: WS_TODAY });
      if (d) docs.push(d);
    }
    buildIndex(docs, { today: WS_TODAY });
    const ms = performance.now() - t0;
    assert.ok(ms < 20_000, `indexing 1,000 documents took ${Math.round(ms)} ms`);
  });
});

describe('partner identity from content first (spec §9)', () => {
  const qbrText = (title: string, q: number, extra = '') =>
    `${title}\n**Quarter**: Q${q} 2026\n\n## Executive Summary\nFine.\n\n## Next Steps\n- [ ] Send the deck - Owner: Dana, Due: 2026-0${q * 3}-15\n${extra}`;

  it('reads the partner from common titles and Customer / Vendor fields and front matter', () => {
    const t = (title: string) => indexDocument('qbrs/x.md', qbrText(title, 1), {})!;
    assert.deepEqual([t('# QBR — Initech').partner, t('# QBR — Initech').partnerSource], ['Initech', 'title']);
    assert.equal(t('# Initech Partnership Review, Q1 2027').partner, 'Initech');
    assert.equal(t('# Q3 2026 QBR: Northwind + Hooli').partner, 'Hooli');
    assert.equal(t('# Initech Partnership — Q3 2026 Business Review').partner, 'Initech');
    // Nothing but the kind and the period: no partner in the title.
    assert.equal(t('# Quarterly Business Review: Q1 2027').partnerSource, 'none');
    assert.equal(t('# Q3 2026 QBR').partner, 'Unassigned');
    const customer = indexDocument('qbrs/y.md', `# Q3 2026 QBR\n**Customer**: Globex\n\n## Executive Summary\n\n## Key Wins\n`, {})!;
    assert.deepEqual([customer.partner, customer.partnerSource], ['Globex', 'field']);
    const fm = indexDocument('qbrs/z.md', `---\nvendor: Umbrella\n---\n# Q3 2026 QBR\n\n## Executive Summary\n\n## Key Wins\n`, {})!;
    assert.deepEqual([fm.partner, fm.partnerSource], ['Umbrella', 'front-matter']);
  });

  it('a generic folder name (qbrs, reports, 2026, partners) is never a partner', () => {
    for (const dir of ['qbrs', 'reports', '2026', 'partners', 'docs', 'Q3-2026']) {
      const d = indexDocument(`${dir}/a.md`, qbrText('# Quarterly Business Review: Q1 2027', 1), {})!;
      assert.equal(d.partnerSource, 'none', dir);
    }
    assert.equal(indexDocument('partnerships/acme-corp/a.md', qbrText('# Quarterly Business Review: Q1 2027', 1), {})!.partner, 'Acme Corp');
  });

  it('a folder whose documents name different counterparties is not one partner: its unnamed documents are not chained', () => {
    const m = new Map([
      ['shared/q1.md', qbrText('# Quarterly Business Review: Q1 2026', 1)],
      ['shared/q2.md', qbrText('# Quarterly Business Review: Q2 2026', 2)],
      ['shared/hooli.md', qbrText('# QBR — Hooli', 2)],
      ['shared/initech.md', qbrText('# QBR — Initech', 3)],
    ]);
    const { index } = indexTexts(m);
    const by = (p: string) => index.docs.get(p)!;
    assert.deepEqual([by('shared/q1.md').partner, by('shared/q1.md').partnerSource], ['Unassigned', 'none']);
    assert.equal(by('shared/hooli.md').partner, 'Hooli');
    assert.equal(by('shared/initech.md').partner, 'Initech');
    // Unassigned QBRs are not quarters of one partnership: no carried-over items between them.
    const found = lintWorkspace(index, m, { today: WS_TODAY });
    assert.deepEqual([...found.byPath.values()].flat().filter((f) => f.ruleId === 'action-carried-over'), []);
    assert.equal(index.partners.find((p) => p.key === 'unassigned')!.healthTrend, null);
  });

  it('a folder whose documents agree (or do not say) stays one partner; updates re-resolve the folder', () => {
    const m = new Map([
      ['globex/q1.md', qbrText('# Quarterly Business Review: Q1 2026', 1)],
      ['globex/q2.md', qbrText('# QBR — Globex Corp.', 2)],
    ]);
    const { index } = indexTexts(m);
    assert.deepEqual([index.docs.get('globex/q1.md')!.partner, index.docs.get('globex/q1.md')!.partnerSource], ['Globex', 'folder']);
    // A document naming another counterparty arrives: the folder is no longer one partner's …
    const other = indexDocument('globex/x.md', qbrText('# QBR — Hooli', 3), {})!;
    updateIndex(index, 'globex/x.md', other);
    const rebuilt = indexTexts(new Map([...m, ['globex/x.md', qbrText('# QBR — Hooli', 3)]])).index;
    assert.deepEqual(index.docs.get('globex/q1.md'), rebuilt.docs.get('globex/q1.md'));
    assert.equal(index.docs.get('globex/q1.md')!.partnerSource, 'none');
    assert.deepEqual(index.partners.map((p) => p.key).sort(), rebuilt.partners.map((p) => p.key).sort());
    // … and when it leaves, it is again.
    updateIndex(index, 'globex/x.md', null);
    assert.deepEqual([index.docs.get('globex/q1.md')!.partner, index.docs.get('globex/q1.md')!.partnerSource], ['Globex', 'folder']);
    assert.deepEqual(index.partners.map((p) => p.key).sort(), indexTexts(m).index.partners.map((p) => p.key).sort());
  });
});
