// Runs the TextMate grammar tests (vscode-tmgrammar-test) of syntaxes/partnership-docs.injection.json
// injected into the vendored Markdown grammar. Filters the "grammar not found" noise of the
// languages Markdown embeds in fenced code (they are not needed here).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');
const r = spawnSync(process.execPath, [bin, '-g', 'test/fixtures/grammars/markdown.tmLanguage.json', 'test/grammar/*.test.md'], { encoding: 'utf8' });
const keep = (s) => s.split('\n').filter((l) => !l.startsWith('grammar not found for')).join('\n');
process.stdout.write(keep(r.stdout));
process.stderr.write(keep(r.stderr));
// One closing count line: every `^` assertion line of the test files is one check.
import('node:fs').then(({ readdirSync, readFileSync }) => {
  const files = readdirSync('test/grammar').filter((f) => f.endsWith('.test.md'));
  const checks = files.reduce((n, f) => n + readFileSync(join('test/grammar', f), 'utf8').split('\n').filter((l) => /^<!--\s*\^/.test(l)).length, 0);
  console.log(`grammar: ${r.status === 0 ? checks : 0} passed, ${r.status === 0 ? 0 : 1} failed`);
  process.exit(r.status ?? 1);
});
