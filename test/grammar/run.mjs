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
process.exit(r.status ?? 1);
