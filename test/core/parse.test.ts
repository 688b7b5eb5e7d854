import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import fc from 'fast-check';
import { parseTree } from '../../src/core/parse.js';
import { flatCopy } from '../../src/core/memo.js';

// parse.ts runs remark-gfm's autolink-literal transform only when a text node could match it;
// the tree must be exactly what unified + remark-parse + remark-gfm give.
const remark = unified().use(remarkParse).use(remarkGfm);

const SAMPLES = [
  'plain text, no links at all\n\n| a | b |\n|---|---|\n| [x] | y |\n',
  'see www.example.com and https://example.com/a?b=c, or mail dana@example.com.',
  'UPPER CASE: HTTP://EXAMPLE.COM and WWW.EXAMPLE.COM',
  'in a link: [the deck](https://example.com/deck) and <https://example.com/auto>',
  'an entity &#64; and &commat; then a@b.co; mailto:x@y.org xmpp:u@h.net/res',
  '- [ ] Task www.acme.com - Owner: [Name], Due: [Date]\n- [x] done @lee\n',
  '`code https://x.y` and **bold www.x.y**\n\n> quote a@b.cd\n',
  'escaped \\@ and http\\://x.y and www\\.x.y',
];

test('parseTree equals a plain remark + remark-gfm parse (autolink literals or not)', () => {
  for (const s of SAMPLES) assert.deepStrictEqual(parseTree(s), remark.parse(s), s);
  const dir = new URL('../../examples/', import.meta.url);
  for (const f of readdirSync(dir, { recursive: true }).map(String).filter((p) => p.endsWith('.md'))) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    assert.deepStrictEqual(parseTree(text), remark.parse(text), f);
  }
});

test('parseTree equals remark on random text around autolink triggers', () => {
  const piece = fc.constantFrom('www.', 'WWW.', 'http://', 'https://', '@', 'a', 'x.co', ' ', '\n', '[', ']', '(', ')', '*', '_', '`', '&#64;', '\\', '- ', '| ', '<', '>', ':');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const s = parts.join('');
      assert.deepStrictEqual(parseTree(s), remark.parse(s));
    }),
    { numRuns: 500 },
  );
});

test('flatCopy returns an equal string', () => {
  for (const s of ['', 'short', 'a string longer than thirteen characters', 'x'.repeat(10_000)]) {
    const big = `prefix ${s} suffix`;
    assert.equal(flatCopy(big.slice(7, 7 + s.length)), s);
  }
});
