import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { splitChunks } from '../../src/core/split.js';
import { buildDocument } from '../../src/core/document.js';
import { createCache, lint } from '../../src/core/index.js';
import { run, TODAY } from '../helpers.js';

const QBR = readFileSync(new URL('../fixtures/engine/qbr-sample.md', import.meta.url), 'utf8');

function headingsOf(text: string): string[] {
  return splitChunks(text).chunks.map((s) => text.slice(s.start, s.end).split('\n')[0]!);
}

test('splits at top-level ATX headings only', () => {
  const text = [
    '# Title', 'intro', '## A', '```', '# not a heading (in code)', '```', '## B', '<!--', '# in a comment', '-->',
    '    # indented code', '## C', '~~~~', '## in tilde fence', '~~~~', 'para', '#hashtag is not a heading', '###### Six',
  ].join('\n');
  assert.deepEqual(headingsOf(text), ['# Title', '## A', '## B', '## C', '###### Six']);
});

test('front matter is split off and read', () => {
  const text = '---\npartnership-doc: qbr\npartner: Globex\n---\n# Notes\n';
  const split = splitChunks(text);
  assert.ok(split.frontMatter);
  const doc = buildDocument(text, { cache: false });
  assert.equal(doc.kind, 'qbr');
  assert.equal(doc.frontMatter?.data['partner'], 'Globex');
});

test('malformed front matter is read as absent, without a warning on the process (nothing on the CLI\'s stderr)', async () => {
  const warnings: string[] = [];
  const listener = (w: Error) => warnings.push(w.message);
  process.on('warning', listener);
  try {
    for (const body of ['**Quarter**: Q1 2025\npartnership-doc: qbr', 'partnership-doc: [unclosed', 'a: *undefined-alias', 'key: value\n  bad indent: x']) {
      const doc = buildDocument(`---\n${body}\n---\n# Partnership QBR: A + B\n`, { cache: false });
      assert.equal(doc.kind, 'qbr', body); // from the H1
    }
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', listener);
  }
  assert.deepEqual(warnings, []);
});

test('document kinds are detected from H1 / H2 headings, other markdown gets nothing', () => {
  const kind = (t: string) => lint(t, { cache: false, today: TODAY }).kind;
  assert.equal(kind('# Partnership QBR: Acme + Globex\n'), 'qbr');
  assert.equal(kind('# **Partnership Status Report**: Acme + Globex\n'), 'status-report');
  assert.equal(kind('# Notes\n## Partnership Issue: Referrals down\n**Severity**: High\n'), 'issue');
  // Spec §9: the issue title alone, with none of the template's sections or fields, is not enough.
  assert.equal(kind('# Notes\n## Partnership Issue: Referrals down\n'), null);
  assert.equal(kind('# My project\n\nUse [Name] here.\n'), null);
  assert.deepEqual(lint('# My project\n\nUse [Name] here.\n', { cache: false }).findings, []);
  // Opting in lints ordinary markdown too.
  const opted = lint('# My project\n\nUse [Name] here.\n', { cache: false, config: { lintAllMarkdown: true } });
  assert.deepEqual(opted.findings.map((f) => f.ruleId), ['placeholder-unfilled']);
});

test('per-section lint equals a whole-document parse on every fixture and example', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.md')) files.push(p);
    }
  };
  for (const d of ['test/fixtures', 'examples']) {
    try { walk(d); } catch { /* folder may not exist yet */ }
  }
  assert.ok(files.length > 0);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const a = lint(text, { today: TODAY, cache: false, config: { lintAllMarkdown: true } });
    const b = lint(text, { today: TODAY, cache: false, wholeDocument: true, config: { lintAllMarkdown: true } });
    assert.deepEqual(a, b, f);
  }
});

test('per-section lint equals a whole-document parse after random edits', () => {
  const pieces = ['\n', '# ', '## ', '```', '~~~', '|', '[', ']', '<!--', '-->', '- [ ] ', '> ', '    ', 'x', '**', '\n\n', '---\n', '[Name]', '[x]: http://e.com\n'];
  fc.assert(
    fc.property(fc.nat(QBR.length), fc.nat(40), fc.array(fc.constantFrom(...pieces), { maxLength: 4 }), (at, del, ins) => {
      const text = QBR.slice(0, at) + ins.join('') + QBR.slice(Math.min(QBR.length, at + del));
      const a = lint(text, { today: TODAY, cache: false });
      const b = lint(text, { today: TODAY, cache: false, wholeDocument: true });
      assert.deepEqual(a, b);
    }),
    { numRuns: Number(process.env.PD_PROPERTY_RUNS ?? 300) },
  );
});

test('a keystroke re-parses only the edited section', () => {
  const cache = createCache();
  const first = lint(QBR, { today: TODAY, cache });
  const before = cache.misses;
  const at = QBR.indexOf('## Key Wins') + 5;
  const edited = QBR.slice(0, at) + 'x' + QBR.slice(at);
  const second = lint(edited, { today: TODAY, cache });
  assert.equal(cache.misses - before, 1, 'exactly one section re-parsed');
  assert.equal(second.kind, first.kind);
  assert.deepEqual(second, lint(edited, { today: TODAY, cache: false }));
});

test('suppression comments switch rules off for a line, a range and the file', () => {
  const doc = (body: string) => `# Partnership QBR: Acme + Globex\n\n${body}`;
  const ids = (t: string) => run(t).filter((f) => f.ruleId === 'placeholder-unfilled').map((f) => f.line);
  assert.deepEqual(ids(doc('a [A]\n\nb [B]\n')), [3, 5]);
  assert.deepEqual(ids(doc('<!-- partnership-docs-disable-next-line placeholder-unfilled -->\na [A]\n\nb [B]\n')), [6]);
  assert.deepEqual(ids(doc('<!-- partnership-docs-disable-next-line -->\na [A]\n\nb [B]\n')), [6]);
  assert.deepEqual(ids(doc('<!-- partnership-docs-disable-next-line section-missing -->\na [A]\n')), [4]);
  assert.deepEqual(ids(doc('<!-- partnership-docs-disable placeholder-unfilled -->\na [A]\n<!-- partnership-docs-enable placeholder-unfilled -->\n\nb [B]\n')), [7]);
  assert.deepEqual(ids(doc('<!-- partnership-docs-disable -->\na [A]\n\nb [B]\n')), []);
  assert.deepEqual(ids(doc('b [B]\n\n<!-- partnership-docs-disable-file placeholder-unfilled -->\n')), []);
});

test('an unknown rule id in a suppression comment is reported where it is written', () => {
  const text = '# Partnership QBR: Acme + Globex\n\n<!-- partnership-docs-disable-next-line placeholder-unfiled -->\nx\n';
  const f = run(text).filter((x) => x.ruleId === 'unknown-rule');
  assert.equal(f.length, 1);
  assert.deepEqual([f[0]!.line, f[0]!.column, f[0]!.endLine, f[0]!.endColumn], [3, 41, 3, 60]);
});

test('placeholders: links, defined references, footnotes and checkboxes are not placeholders', () => {
  const text = [
    '# Partnership QBR: [Our Company] + Globex', '',
    '**Quarter**: Q[X] [Year]', '',
    'See [the deck](http://e.com), [ref], [Foo][ref], [^1] and `[code]`.', '',
    '- [ ] task', '- [x] done', '',
    '[ref]: http://e.com', '[^1]: A footnote.', '',
    '## Later', '', 'Budget $[Amount] \\[literal\\]', '',
  ].join('\n');
  const f = run(text).filter((x) => x.ruleId === 'placeholder-unfilled');
  assert.deepEqual(f.map((x) => text.slice(x.startOffset, x.endOffset)), ['[Our Company]', '[X]', '[Year]', '[Amount]']);
});

test('placeholders on a line with a web address or an email the tokenizer leaves as text are found', () => {
  // remark-gfm's autolink-literal transform turned these into links after parsing, with text
  // nodes that had no positions, so the placeholders beside them went unreported.
  const lines = [
    '- Follow up - Owner: [Name] (intranet: teams/www.acme.com)',
    '- Escalate - Owner: [Name], mail x/lee@acme.com',
    '- Send deck - Owner: [Owner] "www.acme.com"',
  ];
  const text = `# Partnership QBR: Acme + Globex\n\n${lines.join('\n')}\n`;
  const f = run(text).filter((x) => x.ruleId === 'placeholder-unfilled');
  assert.deepEqual(f.map((x) => [x.line, text.slice(x.startOffset, x.endOffset)]), [[3, '[Name]'], [4, '[Name]'], [5, '[Owner]']]);
});

test('columns count UTF-16 code units', () => {
  const text = '# Partnership QBR: Acme + Globex\n\n🚀 é [Name]\n';
  const f = run(text).find((x) => x.ruleId === 'placeholder-unfilled')!;
  assert.deepEqual([f.line, f.column, f.endColumn], [3, 6, 12]);
});

test('the core imports neither vscode nor Node built-ins', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk('src/core');
  const builtins = new Set(['fs', 'path', 'os', 'child_process', 'url', 'util', 'crypto', 'process', 'stream', 'events', 'worker_threads', 'http', 'https', 'net']);
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const mod = m[1]!;
      assert.notEqual(mod, 'vscode', `${f} imports vscode`);
      assert.ok(!mod.startsWith('node:') && !builtins.has(mod), `${f} imports the Node built-in ${mod}`);
    }
  }
});

test('lone-CR line endings (classic Mac files): lines counted as VS Code counts them, fixes keep lone CRs', () => {
  const lf = '# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n**Date**: 2026-10-14\n**Attendees**: [Name]\n\n## Next Steps\n- Call the partner - Owner: Dana, Due: 2026-12-01\n';
  const cr = lf.replace(/\n/g, '\r');
  const a = lint(lf, { today: TODAY, cache: false }).findings;
  const b = lint(cr, { today: TODAY, cache: false }).findings;
  // The same findings at the same lines and columns as the LF text (offsets are equal, one character per line end).
  assert.deepEqual(b.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.startOffset]), a.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.startOffset]));
  const placeholder = b.find((f) => f.ruleId === 'placeholder-unfilled')!;
  assert.deepEqual([placeholder.line, placeholder.column], [4, 16]);
  // section-missing inserts whole sections: with lone-CR line ends, as the document's.
  const inserted = b.filter((f) => f.ruleId === 'section-missing' && f.fix).flatMap((f) => f.fix!.offsetEdits.map((e) => e.text));
  assert.ok(inserted.length > 0 && inserted.every((t) => !t.includes('\n') && t.includes('\r')), JSON.stringify(inserted.slice(0, 2)));
});
