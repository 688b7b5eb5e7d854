// micromark 4.0.3 is superlinear on large documents (see BENCHMARKS.md); package.json pins
// 4.0.2 through npm `overrides`. This fails if an install resolves any other version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

test('the micromark that remark-parse loads is the pinned 4.0.2', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(pkg.overrides?.micromark, '4.0.2');
  // Resolve micromark the way mdast-util-from-markdown (remark-parse's parser) does.
  const req = createRequire(join(process.cwd(), 'node_modules/mdast-util-from-markdown/package.json'));
  const entry = req.resolve('micromark');
  let dir = dirname(entry);
  while (!dir.endsWith('micromark')) dir = dirname(dir);
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  assert.equal(version, '4.0.2');
});
