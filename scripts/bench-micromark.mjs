// Child of scripts/bench.mjs: micromark(text) (tokenize + compile to HTML) of one micromark
// version on one file, in a fresh process.   node scripts/bench-micromark.mjs <package> <file.md>
// <package> is `micromark` (the pinned 4.0.2) or `micromark-v403` (npm alias of 4.0.3).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { generateQbr } from './generate.mjs';

const [pkg, file] = process.argv.slice(2);
const version = JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
const { micromark } = await import(pkg);
const text = readFileSync(file, 'utf8');
const warm = generateQbr(20_000, 7);
for (let i = 0; i < 8; i++) micromark(warm);
globalThis.gc?.();
const t = performance.now();
const html = micromark(text);
const ms = performance.now() - t;
console.log(JSON.stringify({ pkg, version, chars: text.length, ms, htmlChars: html.length, htmlSha1: createHash('sha1').update(html).digest('hex'), maxRssMB: process.resourceUsage().maxRSS / 1024 }));
