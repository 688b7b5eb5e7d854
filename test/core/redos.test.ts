// Every regular expression in src/ is checked by a static ReDoS analyser (recheck): a pattern
// with exponential or polynomial backtracking on some input fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { check } from 'recheck';

interface Found { file: string; line: number; source: string; flags: string }

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function regexesIn(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const lit = node.text;
      const slash = lit.lastIndexOf('/');
      found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, source: lit.slice(1, slash), flags: lit.slice(slash + 1) });
    } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp' && node.arguments?.[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const flags = node.arguments[1] && ts.isStringLiteralLike(node.arguments[1]) ? node.arguments[1].text : '';
      found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, source: node.arguments[0].text, flags });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('no regular expression in src/ is vulnerable to catastrophic backtracking', { timeout: 600_000 }, async () => {
  const all = sourceFiles('src').flatMap(regexesIn);
  assert.ok(all.length > 20, `found only ${all.length} regexes — is the scan working?`);
  const vulnerable: string[] = [];
  for (const r of all) {
    // Step limits only: recheck's default time limits on matching (attackTimeout 1 s,
    // incubation 250 ms) made a loaded machine report safe patterns as vulnerable.
    const result = await check(r.source, r.flags, { timeout: 60_000, attackTimeout: null, incubationTimeout: null, seedingTimeout: null });
    if (result.status === 'vulnerable') {
      vulnerable.push(`${r.file}:${r.line} /${r.source}/${r.flags} — ${result.complexity.summary}, attack ${result.attack.pattern}`);
    }
  }
  console.log(`recheck: ${all.length} regular expressions checked, ${vulnerable.length} vulnerable`);
  assert.deepEqual(vulnerable, []);
});

test('the scanner itself catches a catastrophic pattern', async () => {
  const result = await check('^(a+)+$', '');
  assert.equal(result.status, 'vulnerable');
});
