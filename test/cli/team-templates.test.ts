/**
 * Team templates in the CLI: `new` writes the team template of the kind (byte for byte apart from
 * the variables), a broken template is reported with file, line and column and nothing is
 * written, `check` follows the template's sections and does not check the templates folder.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, removeTemp, run, tempRepo, writeFiles } from './helpers.js';
import { renderTemplate } from '../../src/core/teamTemplates.js';
import { scaffold } from '../../src/core/templates.js';

const QBR_TEMPLATE = readFileSync(join(__dirname, '../fixtures/team-templates/qbr.md'), 'utf8');
const TPL = '.partnership-docs/templates/qbr.md';

const temps: string[] = [];
const repo = (files: Record<string, string | Buffer> = {}) => {
  const d = tempRepo(files);
  temps.push(d);
  return d;
};
before(() => ensureBuilt());
after(() => temps.forEach(removeTemp));

const NEW = ['new', 'qbr', '--partner', 'Initech', '--company', 'Globex', '--quarter', 'Q3', '--year', '2026', '--date', '2026-07-15'];
const OUT = 'partnerships/initech/2026-Q3-qbr.md';

interface JsonReport { path: string; findings: Array<{ ruleId: string; line: number; message: string }> }
const checkJson = (d: string, ...args: string[]) => {
  const r = run(['check', '--format', 'json', '--today', '2026-08-01', ...args], d);
  return { ...r, reports: r.stdout ? (JSON.parse(r.stdout) as { files: JsonReport[] }).files : [] };
};

describe('partnership-docs new with a team template', () => {
  it('writes the team template with the variables filled, byte for byte (emoji included)', () => {
    const d = repo({ [TPL]: QBR_TEMPLATE });
    const r = run(NEW, d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${OUT}\n`);
    const written = readFileSync(join(d, OUT));
    const expected = renderTemplate({ path: TPL, text: QBR_TEMPLATE }, { partner: 'Initech', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' }).text;
    assert.ok(written.equals(Buffer.from(expected, 'utf8')));
    assert.ok(written.includes(Buffer.from('🟢 on track · 🟡 watch · 🔴 at risk')));
    assert.match(expected, /^## Renewal Readiness \(60–90 days out\)$/m);
    assert.match(expected, /^\| \[Metric 1\] \| \[Target\] \| \[Actual\] \| \[Status\] \| \[Trend\] \| \[Commentary\] \|$/m);
  });

  it('finds the templates folder above the target folder; kinds without a template keep the playbook', () => {
    const d = repo({ [TPL]: QBR_TEMPLATE });
    const r = run(['new', 'status-report', '--partner', 'Initech', '--date', '2026-07-15'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(d, 'partnerships/initech/2026-Q3-status-report.md'), 'utf8'), scaffold('status-report', { partner: 'Initech', quarter: 3, year: 2026, date: '2026-07-15' }).text);
  });

  it('honours templatesFolder in .partnership-docs.json (relative to that file)', () => {
    const d = repo({ 'docs/.partnership-docs.json': '{ "templatesFolder": "../team/templates" }', 'team/templates/qbr.md': '# QBR: {{partner}}\n\n## Wins\n[x]\n' });
    const r = run([...NEW.slice(0, -2), '--date', '2026-07-15', '--out', 'docs/initech.md'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(d, 'docs/initech.md'), 'utf8'), '# QBR: Initech\n\n## Wins\n[x]\n');
  });

  it('a configured templatesFolder that does not exist is reported (exit 2), not replaced by the playbook', () => {
    const d = repo({ '.partnership-docs.json': '{ "templatesFolder": "templtes" }', 'partnerships/a.md': '# Partnership QBR: A + B\n' });
    const r = run(NEW, d);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'templtes: templates folder not found (templatesFolder in .partnership-docs.json, relative to that file)\nNothing was written.\n');
    const c = run(['check'], d);
    assert.equal(c.status, 2);
    assert.match(c.stderr, /^templtes: templates folder not found .*\nInvalid team template: nothing was checked\.\n$/);
  });

  it('an unknown variable: file:line:col on stderr, exit 2, nothing written', () => {
    const d = repo({ [TPL]: QBR_TEMPLATE.replace('**Date**: {{date}}', '**Date**: {{dat}}') });
    const r = run(NEW, d);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^\.partnership-docs\/templates\/qbr\.md:3:11: Unknown template variable “\{\{dat\}\}”; did you mean “\{\{date\}\}”\?/);
    assert.match(r.stderr, /Invalid team template: nothing was written\.\n$/);
    assert.equal(existsSync(join(d, 'partnerships')), false);
  });

  it('a template that is not UTF-8, or a directory: reported with the file (and line), exit 2, nothing written', () => {
    const latin1 = Buffer.concat([Buffer.from('# QBR: {{partner}}\n\n## Caf'), Buffer.from([0xe9]), Buffer.from(' Notes\n')]);
    let d = repo({ [TPL]: latin1 });
    let r = run(NEW, d);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, '.partnership-docs/templates/qbr.md:3:7: cannot read template: not valid UTF-8 (save it as UTF-8)\nNothing was written.\n');
    assert.equal(existsSync(join(d, 'partnerships')), false);

    d = repo();
    mkdirSync(join(d, TPL), { recursive: true });
    r = run(NEW, d);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, '.partnership-docs/templates/qbr.md: cannot read template: is a directory\nNothing was written.\n');
  });

  it('a template without read permission is reported (exit 2)', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
    const d = repo({ [TPL]: QBR_TEMPLATE });
    chmodSync(join(d, TPL), 0o000);
    const r = run(NEW, d);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^\.partnership-docs\/templates\/qbr\.md: cannot read template: permission denied \(EACCES\)\n/);
  });
});

describe('partnership-docs check with a team template', () => {
  it('does not check the templates folder, and section-missing follows the template', () => {
    const d = repo({ [TPL]: QBR_TEMPLATE });
    assert.equal(run(NEW, d).status, 0);
    let c = checkJson(d);
    assert.deepEqual(c.reports.map((r) => r.path), [OUT], 'the template is not checked');
    assert.deepEqual(c.reports[0]!.findings.filter((f) => f.ruleId === 'section-missing'), []);

    // Removing the team's Renewal Readiness section: reported; Asks and Decisions Needed never is.
    const path = join(d, OUT);
    const text = readFileSync(path, 'utf8');
    const start = text.indexOf('## Renewal Readiness');
    writeFiles(d, { [OUT]: text.slice(0, start) + text.slice(text.indexOf('## Next Steps')) });
    c = checkJson(d);
    const missing = c.reports[0]!.findings.filter((f) => f.ruleId === 'section-missing');
    assert.deepEqual(missing.map((f) => f.message), [`Missing section “Renewal Readiness (60–90 days out)”, required by the team's QBR template (${TPL}); expected a “## Renewal Readiness (60–90 days out)” heading after “Challenges and Actions”.`]);

    // --fix inserts the template's section.
    const fixed = run(['check', '--fix', '--today', '2026-08-01'], d);
    assert.notEqual(fixed.status, 2, fixed.stderr);
    assert.match(readFileSync(path, 'utf8'), /\n## Renewal Readiness \(60–90 days out\)\n- \*\*Renewal date\*\*: \[Date\]\n/);
  });

  it('a template named on the command line is checked (named files always are)', () => {
    const d = repo({ [TPL]: QBR_TEMPLATE });
    const c = checkJson(d, TPL);
    assert.deepEqual(c.reports.map((r) => r.path), [TPL]);
  });

  it('an unreadable template stops check (exit 2) with its location; report skips the folder', () => {
    const d = repo({ [TPL]: Buffer.from([0x23, 0x20, 0xff, 0x0a]), 'partnerships/a.md': '# Partnership QBR: A + B\n' });
    const r = run(['check'], d);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, '.partnership-docs/templates/qbr.md:1:3: cannot read template: not valid UTF-8 (save it as UTF-8)\nInvalid team template: nothing was checked.\n');

    const ok = repo({ [TPL]: QBR_TEMPLATE });
    assert.equal(run(NEW, ok).status, 0);
    const rep = run(['report', '--format', 'json', '--today', '2026-08-01'], ok);
    assert.equal(rep.status, 0, rep.stderr);
    const partners = (JSON.parse(rep.stdout) as { partners: Array<{ partner: string }> }).partners.map((p) => p.partner);
    assert.deepEqual(partners, ['Initech'], 'the template ({{partner}}) is no partner');
    assert.ok(readdirSync(join(ok, '.partnership-docs/templates')).length === 1);
  });
});
