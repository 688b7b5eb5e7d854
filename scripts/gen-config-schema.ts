/**
 * Keeps `schemas/partnership-docs.schema.json` in step with the rules of the core: rewrites
 * `properties.rules.properties` (one entry per rule, for completion and hover in the editor)
 * from the rule metadata. `--check` only reports whether the file is up to date (exit 1 if not).
 *   node --import tsx scripts/gen-config-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/core/index.js';

const file = join(__dirname, '../schemas/partnership-docs.schema.json');
const before = readFileSync(file, 'utf8');
const schema = JSON.parse(before);
const SEVERITIES = ['error', 'warning', 'info', 'off'];
schema.properties.rules.properties = Object.fromEntries(
  rules.map((r) => [
    r.id,
    {
      type: 'string',
      enum: SEVERITIES,
      default: r.defaultSeverity,
      description: `${r.description} Default: ${r.defaultSeverity}. Docs: ${r.url}`,
    },
  ]),
);
const after = `${JSON.stringify(schema, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('schemas/partnership-docs.schema.json is out of date: run `npm run schema`.');
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(file, after);
  console.log(`updated ${file}`);
}
