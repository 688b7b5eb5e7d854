/** Which documents are partnership documents (spec §1 and §9): titles with agreeing structure. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../src/core/index.js';
import { buildDocument } from '../../src/core/document.js';

const kind = (text: string) => lint(text, { today: '2026-11-24', cache: false }).kind;
const KPI = '| Metric | Target | Actual |\n|---|---|---|\n| Deals | 10 | 9 |\n';

describe('detectKind', () => {
  it('keeps the playbook titles and the front matter', () => {
    assert.equal(kind('# Partnership QBR: A + B\n'), 'qbr');
    assert.equal(kind('# Partnership Status Report: A + B\n'), 'status-report');
    assert.equal(kind('---\npartnership-doc: issue\n---\nNo heading at all.\n'), 'issue');
    assert.equal(kind('---\npartnership-doc: none\n---\n# Partnership QBR: A + B\n'), null);
  });

  it('detects common titles when the structure agrees', () => {
    for (const t of ['# QBR — Initech', '# QBR: Initech', '# Q3 2026 QBR', '# Quarterly Business Review: Q1 2027', '# Executive Business Review', '# Initech Partnership Review, Q1 2027', '# Business Review']) {
      assert.equal(kind(`${t}\n\n## Summary\nx\n\n## Action Items\n- y\n`), 'qbr', t);
      assert.equal(kind(`${t}\n\n${KPI}`), 'qbr', `${t} + KPI table`);
      assert.equal(kind(`${t}\n\nSome text.\n`), null, `${t} alone`);
    }
    for (const t of ['# Globex Status Report — October', '# Weekly Status: Globex integration']) {
      assert.equal(kind(`${t}\n\n**Report Date:** 2026-11-20\n**Current status:** Active\n`), 'status-report', t);
      assert.equal(kind(`${t}\n\n${KPI}`), 'status-report', t);
      assert.equal(kind(`${t}\n\n- loose bullet\n`), null, t);
    }
    for (const t of ['# Escalation: Hooli payouts late', '# Issue: Hooli payouts late']) {
      assert.equal(kind(`${t}\n\n**Severity:** High\n**Owner:** Dana\n`), 'issue', t);
      assert.equal(kind(`${t}\n\n## Root Cause\nx\n\n## Resolution\ny\n`), 'issue', t);
      assert.equal(kind(`${t}\n\n${KPI}`), null, `${t}: a KPI table is no issue structure`);
    }
  });

  it('needs the issue template’s structure under a Partnership Issue title, and more of it in a bug note', () => {
    assert.equal(kind('# Partnership Issue: Sync\n\nThe sync is slow.\n'), null);
    assert.equal(kind('# Partnership Issue: Sync\n\n**Severity**: High\n'), 'issue');
    assert.equal(kind('# Partnership Issue: Export\n\n## Summary\nx\n## Steps to reproduce\n1. a\n## Expected behavior\nb\n'), null);
    assert.equal(kind('# Partnership Issue: Export\n\n## Problem Statement\nx\n## Root Cause\ny\n## Action Plan\n- z\n## Expected behavior\nb\n'), 'issue');
  });

  it('guides, templates and notes about a kind are not documents of it', () => {
    assert.equal(kind(`# How to run a QBR\n\n## Executive Summary\nx\n\n## Next Steps\ny\n\n${KPI}`), null);
    assert.equal(kind(`# QBR prep notes\n\n## Executive Summary\nx\n\n## Next Steps\ny\n`), null);
    for (const t of ['# Partner QBR Writer', '# How we write partner status reports', '# Status report handbook', '# QBR examples', '# Writing a QBR']) {
      assert.equal(kind(`${t}\n\n${KPI}`), null, t);
    }
    // A write-up of a QBR is one.
    assert.equal(kind(`# QBR write-up — Initech\n\n${KPI}`), 'qbr');
  });

  it('a body that instructs how to write one is not one, whatever its title', () => {
    const fence = '```markdown\n# Partnership QBR: Us + [Partner]\n**Quarter**: Q[X]\n```\n';
    const skill = `# Partner QBR\n\n## Instructions\n\nWhen asked to write a QBR, include these sections.\n\n${KPI}`;
    assert.equal(kind(skill), null);
    assert.equal(kind(`# Partner QBR\n\nCopy this into a new file:\n\n${fence}\n${KPI}`), null);
    assert.equal(kind(`# Partnership QBR: Us + Them\n\n## Example header\n\n${fence}`), null);
    assert.equal(kind(`---\nname: qbr\ndescription: Drafts QBRs.\ntools: Read\n---\n# Partner QBR\n\n## Examples\n\n${KPI}`), null);
    // One signal alone is not enough; explicit front matter always wins.
    assert.equal(kind(`# QBR — Initech\n\n## Examples\n\nTwo joint wins.\n\n${KPI}`), 'qbr');
    assert.equal(kind(`# QBR — Initech\n\n\`\`\`bash\n# export the numbers\n\`\`\`\n\n${KPI}`), 'qbr');
    assert.equal(kind(`---\npartnership-doc: qbr\n---\n${skill}`), 'qbr');
  });

  it('exposes how a document was detected', () => {
    const by = (text: string) => buildDocument(text, { cache: false }).detectedBy;
    assert.equal(by('---\npartnership-doc: qbr\n---\n# Notes\n'), 'front-matter');
    assert.equal(by('# Partnership QBR: A + B\n'), 'playbook-title');
    assert.equal(by('# Partnership Issue: Sync\n\n**Severity**: High\n'), 'playbook-title');
    assert.equal(by(`# QBR — Initech\n\n${KPI}`), 'title-and-structure');
    assert.equal(by('# Notes\n'), null);
  });

  it('counts configured equivalents', () => {
    const text = '# QBR — Initech\n\n## The numbers\nx\n\n## Asks\ny\n';
    assert.equal(kind(text), null);
    assert.equal(lint(text, { config: { sectionEquivalents: { 'KPI Dashboard': ['The numbers'], 'Asks and Decisions Needed': ['Asks'] } } }).kind, 'qbr');
  });
});

describe('fields and placeholders written as people write them', () => {
  it('reads a field value from the next line, at its own offsets', () => {
    const text = '# Partnership Issue: X\n\n**Severity:**\nSevere\n\n**Status:**\n\nOpen\n';
    const f = lint(text, { today: '2026-11-24' }).findings.filter((x) => x.ruleId === 'field-invalid');
    assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[4, 1, 7]]);
    // A sentence below a label is prose, not its value.
    const prose = '# Partnership Issue: X\n\n**Severity:**\n\nWe have not agreed on a severity yet because the partner disputes the impact figures.\n';
    assert.deepEqual(lint(prose, { today: '2026-11-24' }).findings.filter((x) => x.ruleId === 'field-invalid').map((x) => x.line), [3]);
  });

  it('reports {{Name}}, <Name>, $X, XX%, MM/DD/YYYY but not HTML, autolinks, e-mails, comments, code or TBD', () => {
    const text = [
      '# Partnership QBR: Us + {{PartnerName}}',
      '',
      'Dear <Partner name>, revenue grew XX% to $X.XM, due MM/DD/YYYY. Owner TBD.',
      'Keep <br> <details> <https://example.com> <a@b.c> <!-- note --> `{{code}}` <span class="x">y</span> and a < b > c.',
      '',
    ].join('\n');
    const f = lint(text, { today: '2026-11-24' }).findings.filter((x) => x.ruleId === 'placeholder-unfilled');
    assert.deepEqual(f.map((x) => text.slice(x.startOffset, x.endOffset)), ['{{PartnerName}}', '<Partner name>', 'XX%', '$X.XM', 'MM/DD/YYYY']);
  });
});
