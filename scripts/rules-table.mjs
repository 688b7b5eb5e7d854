// Regenerates the rule table in README.md (between the rules:start/end markers) from the
// rule metadata, so the README never drifts from the code. `node scripts/rules-table.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const { rules } = createRequire(import.meta.url)('../dist/core.js');
const fix = { fix: 'fix', suggestion: 'suggestion', false: '—' };
const rows = rules.map((r) => `| [\`${r.id}\`](${r.docs}) | ${r.defaultSeverity} | ${fix[String(r.fixable)]} | ${r.description} |`);
const table = ['| rule | default | fix | what it checks |', '| --- | --- | --- | --- |', ...rows].join('\n');
const readme = readFileSync('README.md', 'utf8');
const out = readme.replace(/(<!-- rules:start -->\r?\n)[\s\S]*?(<!-- rules:end -->)/, `$1${table}\n$2`);
if (out === readme && !readme.includes(table)) throw new Error('README.md: no <!-- rules:start --> … <!-- rules:end --> markers');
writeFileSync('README.md', out);
console.log(`README.md: ${rules.length} rules`);
