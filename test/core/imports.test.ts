/**
 * The core's modules import each other without loops (issue #12), type-only imports included:
 * every module can be read, and loaded, after the ones it names.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (n.endsWith('.ts')) out.push(normalize(p));
  }
  return out;
}

/** Relative imports of a module (`from '…'`, `import('…')`, `export … from '…'`), as paths. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)) {
    out.push(normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
  }
  return out;
}

/** The cycles of the import graph (each as a path of modules), found by depth-first search. */
function cycles(files: string[]): string[][] {
  return cyclesOf(new Map(files.map((f) => [f, importsOf(f).filter((i) => files.includes(i))])));
}

function cyclesOf(graph: Map<string, string[]>): string[][] {
  const files = [...graph.keys()];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') found.push([...stack.slice(stack.indexOf(g)), g]);
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

test('the core has no import loops, type-only imports included', () => {
  const files = sources('src/core');
  assert.ok(files.length > 60, `only ${files.length} modules found`);
  assert.deepEqual(cycles(files).map((c) => c.join(' → ')), []);
});

test('the loop finder finds a loop, and reads type-only and re-export imports', () => {
  const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
  assert.deepEqual(cyclesOf(g), [['a', 'b', 'c', 'a']]);
  assert.deepEqual(cyclesOf(new Map([['a', ['b']], ['b', []]])), []);
  // lint.ts re-exports the Analysis type from rule.ts (`export type { … } from`).
  assert.ok(importsOf('src/core/lint.ts').includes(normalize('src/core/rule.ts')));
  assert.ok(importsOf('src/core/workspace/rules/context.ts').includes(normalize('src/core/rule.ts')));
});
