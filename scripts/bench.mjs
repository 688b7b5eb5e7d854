// npm run bench [-- --quick] [-- --write] [-- --full]
//
// One run prints every measurement of issue #4 as markdown tables, with ✓/✗ against the targets:
//  1. Per document size (2 KB … 5 MB generated QBRs; each size in its own child process, the
//     measurements interleaved so that ratios compare runs taken close together): median ms of a
//     first lint(), of a re-lint after a one-character edit (keystroke; a fresh edit each time),
//     of remark-parse + remark-gfm alone, and of markdownlint's default rules on the same edit.
//  2. Memory: peak RSS growth of a first lint of the 1 MB and 5 MB documents (fresh processes).
//  3. micromark 4.0.2 (pinned by `overrides`) against 4.0.3 (the npm alias `micromark-v403`):
//     micromark(text) on 1 MB and 2 MB (5 MB with --full: 4.0.3 takes over a minute there).
//  4. The CLI over a generated 1,000-file partnership folder against markdownlint-cli2, whole
//     process, median of several runs.
//  4b. The workspace index over the same folder: a cold build in one thread and with the CLI's
//     parallel driver (worker threads), and the update of one changed file.
//  5. The real extension host's timings, when test-results/extension-host-timing.json exists.
//  6. Precision over the real-world corpus (issue #11): per rule TP / FP / missed.
// --quick skips the 5 MB document (and the 5 MB memory case, the single-thread CLI run);
// --write also writes BENCHMARKS.md. The machine may be shared: the load average is printed with
// every section, absolute times are noisy, ratios less so.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFolderFiles, generateQbr } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const full = args.includes('--full');
const write = args.includes('--write');
const cliRuns = Number(args.find((a) => a.startsWith('--cli-runs='))?.slice(11) ?? 3);
const started = Date.now();

// [label, bytes, interleaved runs (parse / first lint / markdownlint), keystroke runs]
const SIZES = [
  // 2 KB runs take milliseconds and scatter most (a forced GC before each sample): more samples for a stable median.
  ['2 KB', 2_000, 41, 25],
  ['20 KB', 20_000, 9, 25],
  ['200 KB', 200_000, 5, 15],
  ['1 MB', 1_000_000, 3, 9],
  ...(quick ? [] : [['5 MB', 5_000_000, 1, 5]]),
];
const MICROMARK_SIZES = [['1 MB', 1_000_000], ['2 MB', 2_000_000], ...(full ? [['5 MB', 5_000_000]] : [])];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mark = (ok) => (ok ? '✓' : '✗');
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const progress = (s) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${s}\n`);
const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

function child(script, argv, { heapMB } = {}) {
  const node = ['--expose-gc', ...(heapMB ? [`--max-old-space-size=${heapMB}`] : []), join(ROOT, 'scripts', script), ...argv.map(String)];
  const r = spawnSync(process.execPath, node, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} ${argv.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function docFile(bytes) {
  const file = join(BENCH, `qbr-${bytes}.md`);
  if (!existsSync(file)) writeFileSync(file, generateQbr(bytes));
  return file;
}

mkdirSync(BENCH, { recursive: true });
if (!existsSync(join(ROOT, 'dist/core.js')) || !existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('run `npm run build` first (npm run bench does)');

const out = [];
const print = (s = '') => {
  out.push(s);
  console.log(s);
};
const cpu = os.cpus();
const machine = `${cpu[0]?.model ?? 'cpu'}, ${cpu.length} cores (${os.availableParallelism?.() ?? cpu.length} available), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
const loadStart = load();
const targets = [];
const target = (name, ok, detail) => targets.push({ name, ok, detail });

// ---------------------------------------------------------------------------------------------
// 1. Per document size
const rows = [];
for (const [label, bytes, runs, keystrokeRuns] of SIZES) {
  progress(`${label}: ${runs} interleaved runs, ${keystrokeRuns} keystrokes (load ${load()})`);
  const r = child('bench-size.mjs', [bytes, runs, keystrokeRuns], { heapMB: bytes >= 2_000_000 ? 8192 : undefined });
  rows.push({ label, ...r, parseMs: median(r.parse), firstMs: median(r.first), keystrokeMs: median(r.keystroke), keystrokeOffMs: median(r.keystrokeRulesOff), mdlMs: median(r.mdl), loadAvg: median(r.load) });
}

print(`### Per document size (generated QBRs; medians, ms)`);
print();
print('| size | chars | runs | load | remark parse | first lint | first / parse (≤ 1.2) | keystroke re-lint | keystroke, rules off | keystroke / first (≤ 0.05 from 200 KB) | markdownlint | markdownlint / keystroke (≥ 10 from 20 KB) | first lint ms per MB |');
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const a = r.firstMs / r.parseMs;
  const b = r.keystrokeMs / r.firstMs;
  const c = r.mdlMs / r.keystrokeMs;
  const big = r.bytes >= 200_000;
  const mid = r.bytes >= 20_000;
  target(`first lint ≤ 1.2× parse at ${r.label}`, a <= 1.2, `${a.toFixed(2)}×`);
  if (big) target(`keystroke ≤ 1/20 of first lint at ${r.label}`, b <= 0.05, `${b.toFixed(3)}`);
  if (mid) target(`keystroke ≥ 10× faster than markdownlint at ${r.label}`, c >= 10, `${c.toFixed(0)}×`);
  if (r.sameAsFull === false) target(`keystroke result equals a full lint at ${r.label}`, false, 'different findings');
  print(`| ${r.label} | ${r.chars} | ${r.parse.length}/${r.keystroke.length} | ${r.loadAvg.toFixed(1)} | ${f(r.parseMs)} | ${f(r.firstMs)} | ${a.toFixed(2)} ${mark(a <= 1.2)} | ${f(r.keystrokeMs)} | ${f(r.keystrokeOffMs)} | ${b.toFixed(4)} ${big ? mark(b <= 0.05) : ''} | ${f(r.mdlMs)} | ${c.toFixed(0)} ${mid ? mark(c >= 10) : ''} | ${f(r.firstMs / (r.chars / 1e6))} |`);
}
print();
print('runs = interleaved parse/first/markdownlint runs / keystroke runs; load = 1-minute load average during the runs.');
print('markdownlint (default rules) re-lints the whole file on every edit, so its time is also its keystroke time.');
print();

// ---------------------------------------------------------------------------------------------
// 1b. A keystroke wherever it lands (issue #12): from 200 KB up, a one-character edit in any kind
// of section re-lints in at most 1/20 of a first lint.
const POSITION_SIZES = [['200 KB', 200_000, 15], ['1 MB', 1_000_000, 9]];
print('### A keystroke by where it lands');
print();
print('Typing at the cursor in each kind of section of a generated QBR and status report (warm cache; median re-lint, and its share of a first lint of the same document).');
print();
print('| size | document | first lint ms | place | keystroke ms | keystroke / first (≤ 0.05) |');
print('| --- | --- | ---: | --- | ---: | ---: |');
for (const [label, bytes, n] of POSITION_SIZES) {
  progress(`keystroke by position: ${label}, ${n} keystrokes per place (load ${load()})`);
  const r = child('bench-keystroke.mjs', [bytes, n]);
  for (const d of r.documents) {
    for (const p of d.places) {
      const ratio = p.ms / d.firstMs;
      target(`keystroke in ${d.name} ${p.place} ≤ 1/20 of first lint at ${label}`, ratio <= 0.05, ratio.toFixed(3));
      print(`| ${label} | ${d.name} | ${f(d.firstMs)} | ${p.place} | ${f(p.ms)} | ${ratio.toFixed(3)} ${mark(ratio <= 0.05)} |`);
    }
  }
}
print();

// ---------------------------------------------------------------------------------------------
// 2. Memory and linearity
const memSizes = [['1 MB', 1_000_000], ...(quick ? [] : [['5 MB', 5_000_000]])];
const mem = [];
for (const [label, bytes] of memSizes) {
  progress(`memory: first lint of ${label} in a fresh process (load ${load()})`);
  mem.push({ label, bytes, ...child('bench-memory.mjs', [docFile(bytes)]) });
}
if (!quick) {
  // The same 5 MB lint with every rule off: what tokenizing, the model and the cache take alone.
  progress(`memory: first lint of 5 MB with every rule off (load ${load()})`);
  mem.push({ label: '5 MB, rules off', bytes: 5_000_000, rulesOff: true, ...child('bench-memory.mjs', [docFile(5_000_000), '--rules-off']) });
}
print('### Memory and linearity of a first lint (fresh process each)');
print();
print('| document | chars | first lint ms | ms per MB | RSS before MB | peak RSS growth MB | × document size | sampled peak growth MB | retained heap MB |');
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const m of mem) {
  const times = m.peakGrowthMB / (m.chars / 1024 / 1024);
  print(`| ${m.label} | ${m.chars} | ${f(m.ms)} | ${f(m.ms / (m.chars / 1e6))} | ${f(m.rssBeforeMB)} | ${f(m.peakGrowthMB)} | ${times.toFixed(1)} | ${f(m.sampledPeakGrowthMB)} | ${f(m.retainedHeapMB)} |`);
}
const mem5 = mem.find((m) => m.bytes === 5_000_000 && !m.rulesOff);
const mem5off = mem.find((m) => m.rulesOff);
if (mem5) target('5 MB first lint: peak memory growth < 20× document size (100 MB)', mem5.peakGrowthMB < 100, `${f(mem5.peakGrowthMB)} MB`);
const row1 = rows.find((r) => r.bytes === 1_000_000);
const row5 = rows.find((r) => r.bytes === 5_000_000);
let linear;
if (row1 && row5) {
  linear = (row5.firstMs / row5.chars) / (row1.firstMs / row1.chars);
  target('first lint ~linear: ms per MB at 5 MB ≤ 1.5× that at 1 MB', linear <= 1.5, `${linear.toFixed(2)}×`);
}
print();
print('Peak RSS growth = getrusage maxRSS after the lint − RSS right before it (after warm-up and GC): an upper bound.');
print('Sampled = a worker thread polling the RSS every 5 ms during the lint. Retained = heap after GC with the result kept.');
if (linear !== undefined) print(`Linearity: first lint ms per MB at 5 MB / at 1 MB = ${linear.toFixed(2)} (per-size table; 1.0 = linear).`);
if (row5) print(`The 5 MB per-size child (whole-document remark parse + markdownlint + lint) peaked at ${f(row5.maxRssMB)} MB RSS: the remark parse alone, not the lint.`);
print();

// ---------------------------------------------------------------------------------------------
// 3. micromark 4.0.2 against 4.0.3
const pinned = version('micromark');
target('installed micromark is the pinned 4.0.2', pinned === '4.0.2', pinned);
const mm = [];
for (const [label, bytes] of MICROMARK_SIZES) {
  progress(`micromark ${label}: 4.0.2 then 4.0.3 (load ${load()})`);
  const file = docFile(bytes);
  const a = child('bench-micromark.mjs', ['micromark', file], { heapMB: 8192 });
  const b = child('bench-micromark.mjs', ['micromark-v403', file], { heapMB: 8192 });
  mm.push({ label, a, b });
}
print(`### micromark ${pinned} (pinned, \`overrides\`) vs ${version('micromark-v403')} (\`micromark-v403\` alias): \`micromark(text)\`, one run each in a fresh process`);
print();
print('| document | chars | 4.0.2 ms | 4.0.3 ms | 4.0.3 / 4.0.2 | 4.0.2 ms per MB | 4.0.3 ms per MB | peak RSS MB (4.0.2 / 4.0.3) | same HTML |');
print('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const { label, a, b } of mm) {
  const mb = a.chars / 1e6;
  print(`| ${label} | ${a.chars} | ${f(a.ms)} | ${f(b.ms)} | ${(b.ms / a.ms).toFixed(2)} | ${f(a.ms / mb)} | ${f(b.ms / mb)} | ${f(a.maxRssMB)} / ${f(b.maxRssMB)} | ${a.htmlSha1 === b.htmlSha1 ? 'yes' : 'NO'} |`);
}
print();
if (!full) print('5 MB is left out by default (4.0.3 takes over a minute there, ~72 s measured earlier); `npm run bench -- --full` adds it.');
print();

// ---------------------------------------------------------------------------------------------
// 4. The CLI over a 1,000-file folder against markdownlint-cli2
const folder = join(BENCH, 'partnership-folder');
progress(`CLI: generating ${folder}`);
rmSync(folder, { recursive: true, force: true });
let folderBytes = 0;
const docs = generateFolderFiles(1000);
for (const [rel, text] of docs) {
  const file = join(folder, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  folderBytes += Buffer.byteLength(text);
}
// A repository root of its own, so the CLI does not apply this repository's .gitignore (.bench/).
mkdirSync(join(folder, '.git'));
const sizes = docs.map(([, t]) => t.length);

const HAVE_TIME = existsSync('/usr/bin/time');
const cpuSeconds = {};
function timeProcess(name, argv) {
  const outFd = openSync(join(BENCH, `${name}.stdout`), 'w');
  const errFd = openSync(join(BENCH, `${name}.stderr`), 'w');
  // /usr/bin/time (when present) adds the CPU seconds (user + system) of the whole process.
  const timeFile = join(BENCH, `${name}.time`);
  const [cmd, cmdArgs] = HAVE_TIME ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...argv]] : [process.execPath, argv];
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd: folder, stdio: ['ignore', outFd, errFd] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (HAVE_TIME) {
    const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpuSeconds[name] = [...(cpuSeconds[name] ?? []), user + sys];
  }
  closeSync(outFd);
  closeSync(errFd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited with ${r.status ?? r.signal}: ${readFileSync(join(BENCH, `${name}.stderr`), 'utf8').slice(0, 2000)}`);
  return ms;
}
const pdArgs = (jobs) => [join(ROOT, 'bin/partnership-docs.js'), 'check', '--today', '2026-11-24', '--no-color', ...(jobs ? ['--jobs', String(jobs)] : []), '.'];
const mdlArgs = [join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), '**/*.md'];
const pdTimes = [];
const mdlTimes = [];
const cliLoad = [];
for (let i = 0; i < cliRuns; i++) {
  progress(`CLI run ${i + 1}/${cliRuns} (load ${load()})`);
  cliLoad.push(os.loadavg()[0]);
  // Alternate which tool goes first.
  if (i % 2 === 0) {
    pdTimes.push(timeProcess('partnership-docs', pdArgs()));
    mdlTimes.push(timeProcess('markdownlint-cli2', mdlArgs));
  } else {
    mdlTimes.push(timeProcess('markdownlint-cli2', mdlArgs));
    pdTimes.push(timeProcess('partnership-docs', pdArgs()));
  }
}
const pdSummary = readFileSync(join(BENCH, 'partnership-docs.stdout'), 'utf8').trim().split('\n').find((l) => l.includes('problem'))?.replace(/\x1b\[[0-9;]*m/g, '').trim();
const mdlSummary = readFileSync(join(BENCH, 'markdownlint-cli2.stdout'), 'utf8').split('\n').find((l) => l.startsWith('Summary'))?.trim();
let singleMs;
if (!quick) {
  progress(`CLI --jobs 1 (load ${load()})`);
  singleMs = timeProcess('partnership-docs-j1', pdArgs(1));
}
const pdMs = median(pdTimes);
const mdlMs = median(mdlTimes);
const cliRatio = pdMs / mdlMs;
target('CLI over 1,000 files ≤ 0.7× markdownlint-cli2', cliRatio <= 0.7, `${cliRatio.toFixed(2)}×`);
print(`### CLI over a generated 1,000-file partnership folder (whole process, median of ${cliRuns})`);
print();
print(`With both cores busy with other jobs, two threads cannot halve the wall time: compare the CPU seconds too.`);
print();
print(`${docs.length} files (QBRs, status reports, issue documents; ${(Math.min(...sizes) / 1000).toFixed(1)}–${(Math.max(...sizes) / 1000).toFixed(1)} KB, ${(folderBytes / 1e6).toFixed(1)} MB in all) in \`.bench/partnership-folder\`; load ${median(cliLoad).toFixed(1)}.`);
print();
const cpuOf = (name) => (cpuSeconds[name] ? median(cpuSeconds[name]).toFixed(1) : '–');
print('| command | median s | runs (s) | / markdownlint-cli2 | CPU s (user + sys, median) |');
print('|---|---:|---|---:|---:|');
print(`| \`partnership-docs check .\` (--jobs ${os.availableParallelism?.() ?? cpu.length}, the default) | ${(pdMs / 1000).toFixed(2)} | ${pdTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} | ${cliRatio.toFixed(2)} ${mark(cliRatio <= 0.7)} (≤ 0.7) | ${cpuOf('partnership-docs')} |`);
if (singleMs !== undefined) print(`| \`partnership-docs check --jobs 1 .\` (one run) | ${(singleMs / 1000).toFixed(2)} | ${(singleMs / 1000).toFixed(2)} | ${(singleMs / mdlMs).toFixed(2)} | ${cpuOf('partnership-docs-j1')} |`);
print(`| \`markdownlint-cli2 "**/*.md"\` ${version('markdownlint-cli2')} (default rules) | ${(mdlMs / 1000).toFixed(2)} | ${mdlTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} | 1.00 | ${cpuOf('markdownlint-cli2')} |`);
print();
if (pdSummary) print(`partnership-docs: ${pdSummary}. markdownlint-cli2: ${mdlSummary ?? '(no summary)'}. Both print their default (human) output, sent to a file.`);
print();

// ---------------------------------------------------------------------------------------------
// 4b. The workspace index (issue #5) over the same 1,000 files, each run in a fresh process:
// in one thread (then one changed file), and with the CLI's parallel driver (indexFiles: worker
// threads reading and indexing, as `partnership-docs report` does). Interleaved rounds, medians.
const idxRounds = quick ? 1 : 3;
const idxOne = [];
const idxPar = [];
const idxLoad = [];
for (let i = 0; i < idxRounds; i++) {
  progress(`workspace index round ${i + 1}/${idxRounds} (load ${load()})`);
  idxLoad.push(os.loadavg()[0]);
  if (i % 2 === 0) {
    idxPar.push(child('bench-index.mjs', [folder, '--workers']));
    idxOne.push(child('bench-index.mjs', [folder]));
  } else {
    idxOne.push(child('bench-index.mjs', [folder]));
    idxPar.push(child('bench-index.mjs', [folder, '--workers']));
  }
}
const idx = idxOne[0];
const idxMs = (runs) => median(runs.map((r) => r.coldMs));
const idxCpu = (runs) => median(runs.map((r) => r.coldCpuS));
const idxRuns = (runs) => runs.map((r) => (r.coldMs / 1000).toFixed(2)).join(', ');
print(`### Workspace index (1,000 files; fresh process per run, median of ${idxRounds}, load ${median(idxLoad).toFixed(1)})`);
print();
print('| measurement | ms | runs (s) | CPU s (median) |');
print('|---|---:|---|---:|');
print(`| cold, one thread: read + \`indexDocument\` every file + \`buildIndex\` (${idx.files} files, ${idx.indexed} partnership docs, ${idx.partners} partners) | ${idxMs(idxOne).toFixed(0)} | ${idxRuns(idxOne)} | ${idxCpu(idxOne).toFixed(1)} |`);
print(`| cold, ${idxPar[0].threads} worker threads (\`indexFiles\`, as \`partnership-docs report\`): read + \`indexDocument\` in the workers + \`buildIndex\` | ${idxMs(idxPar).toFixed(0)} | ${idxRuns(idxPar)} | ${idxCpu(idxPar).toFixed(1)} |`);
print(`| one changed file: \`indexDocument\` of its new text + \`updateIndex\` (no other file read) | ${median(idxOne.map((r) => r.updateMs)).toFixed(1)} | | |`);
print();

// ---------------------------------------------------------------------------------------------
// 5. The real extension host
const timingFile = join(ROOT, 'test-results/extension-host-timing.json');
print('### Editor (real extension host)');
print();
if (existsSync(timingFile)) {
  const t = JSON.parse(readFileSync(timingFile, 'utf8'));
  const s = (o) => (o && typeof o === 'object' ? `median ${o.median} / p95 ${o.p95} / max ${o.max} (n = ${o.n})` : String(o));
  print(`From \`test-results/extension-host-timing.json\` (${t.date ?? statSync(timingFile).mtime.toISOString()}; VS Code ${t.vscode ?? '?'}, ${t.appHost ?? '?'}; ${t.machine ?? ''}):`);
  print();
  print('| measurement | value |');
  print('|---|---|');
  if (t.what) print(`| what | ${t.what} |`);
  print(`| document | ${t.docChars} chars, ${t.edits} keystrokes typed over ${t.typingMs} ms, ${t.lintPasses} lint passes |`);
  if (t.firstLintMs !== undefined) print(`| first lint ms (on open) | ${t.firstLintMs} |`);
  print(`| lint ms per pass while typing | ${s(t.lintMs)} |`);
  print(`| whole pass ms (lint + diagnostics) | ${s(t.passMs)} |`);
  if (t.sectionsParsedPerPass) print(`| sections parsed per pass | ${t.sectionsParsedPerPass.join(', ')} |`);
  if (t.eventLoop) print(`| extension-host event loop delay while typing | max ${t.eventLoop.maxDelayMs} ms, p99 ${t.eventLoop.p99DelayMs} ms, mean ${t.eventLoop.meanDelayMs} ms; interval drift max ${t.eventLoop.intervalDriftMaxMs} ms |`);
  if (t.hostBusy) {
    // Who kept the host busy (a CPU profile of the same typing; test/vscode/suite/util/profile.ts).
    const list = (by) => Object.entries(by).map(([k, v]) => `${k} ${v}`).join(', ');
    print(`| extension-host busy ms while typing, by owner (CPU profile) | ${list(t.hostBusy.busyMs)} |`);
    print(`| longest busy stretches of the host (no idle sample between) | ${t.hostBusy.longest.map((b) => `${b.ms} ms (${list(b.by)})`).join('; ')} |`);
    print(`| largest share of one busy stretch, by owner | ${list(t.hostBusy.maxInOneBlockMs)} |`);
    const ours = t.hostBusy.maxInOneBlockMs['Partnership Docs'] ?? 0;
    target('typing at 200 KB in the real extension host: Partnership Docs takes ≤ 100 ms of any busy stretch', ours <= 100, `${ours} ms`);
  }
} else {
  print('No `test-results/extension-host-timing.json` yet. Produce it with `npm run test:vscode` (the extension suites in a real');
  print('VS Code; the responsiveness suite types into a 200 KB QBR and records its timings), then run `npm run bench` again.');
}
const indexTimingFile = join(ROOT, 'test-results/extension-host-index.json');
if (existsSync(indexTimingFile)) {
  const t = JSON.parse(readFileSync(indexTimingFile, 'utf8'));
  print(`| workspace index initial build (${t.date}; ${t.files} files, ${t.documents} partnership documents, ${t.inWorker} indexed in the worker thread; load ${t.loadAverage}) | ${t.buildMs} ms; extension-host event loop delay max ${t.eventLoopMaxDelayMs} ms, p99 ${t.eventLoopP99DelayMs} ms |`);
}
print();

// ---------------------------------------------------------------------------------------------
// 6. Precision over the real-world corpus (issue #11): per rule TP / FP / missed against the
// documents' inline expectations (scripts/corpus-report.ts, also `npm run corpus`).
{
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/corpus-report.ts')], { cwd: ROOT, encoding: 'utf8' });
  print(r.status === 0 ? r.stdout.trimEnd() : `corpus report failed: ${r.stderr}`);
  const all = /\| \*\*all\*\* \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|/.exec(r.stdout ?? '');
  if (all) {
    const [, , tp, fp, missedSeeded] = all.map(Number);
    targets.push({ name: 'real-world corpus: per rule precision ≥ 95 % and every seeded problem found, look-alikes silent', ok: !r.stdout.includes('✗') && /with any finding: 0 of/.test(r.stdout) && missedSeeded === 0, detail: `${tp} TP, ${fp} FP, ${missedSeeded} missed` });
  }
  print();
}

// ---------------------------------------------------------------------------------------------
const missed = targets.filter((t) => !t.ok);
print('### Targets');
print();
for (const t of targets) print(`- ${mark(t.ok)} ${t.name}: ${t.detail}`);
print();
print(missed.length ? `${missed.length} of ${targets.length} targets missed (✗).` : `All ${targets.length} targets met.`);
const seconds = (Date.now() - started) / 1000;
const loadEnd = load();
print();
print(`Bench time ${seconds.toFixed(0)} s; load average (1/5/15 min) at start ${loadStart}, at end ${loadEnd}.`);

if (write) {
  const cmd = `npm run bench -- --write${quick ? ' --quick' : ''}${full ? ' --full' : ''}`;
  const md = `# Benchmarks

Generated by \`${cmd}\` (\`scripts/bench.mjs\`; \`npm run bench\` prints the same tables without writing
this file). Targets are those of issue #4; they are held here, not in timed tests.

- **Machine**: ${machine}
- **Load average** (1/5/15 min): ${loadStart} at start, ${loadEnd} at end — the machine was shared with other jobs,
  so absolute times are noisy (±30–40 %); every ratio compares runs taken in the same process, interleaved.
- **Date**: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; bench time ${seconds.toFixed(0)} s
- **Versions**: micromark ${pinned} (pinned), remark-parse ${version('remark-parse')}, remark-gfm ${version('remark-gfm')}, markdownlint ${version('markdownlint')}, markdownlint-cli2 ${version('markdownlint-cli2')}
- **Documents**: \`scripts/generate.mjs\` — \`generateQbr(bytes)\` (QBRs of repeated KPI-table / challenges /
  next-steps sections) and \`generateFolderFiles(1000)\` (QBRs, status reports and issue documents).

${out.join('\n')}

## Interpretation

${interpretation()}
`;
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), md);
  progress('wrote BENCHMARKS.md');
}

function interpretation() {
  const lines = [];
  const ratios = rows.map((r) => r.firstMs / r.parseMs);
  lines.push(`- **First lint vs parsing alone**: ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}× remark-parse + remark-gfm on the same text. The core tokenizes each section once with the same tokenizer (micromark + the GFM extensions) and compiles its events straight into a compact model, without the mdast tree remark builds; the rules add little.${rows.some((r) => r.bytes >= 200_000 && r.firstMs < r.parseMs) ? ' On large documents many small parses are cheaper than one whole-document parse (the whole-document event list and tree are large), so the ratio drops below 1 there.' : ''}`);
  const big = rows.filter((r) => r.bytes >= 200_000);
  if (big.length) lines.push(`- **Keystroke**: ${big.map((r) => `${f(r.keystrokeMs)} ms at ${r.label}`).join(', ')} — one section is re-parsed and the section-local rules run over that section only; every other section's model and findings come from the section cache (as they are when the section did not move, shifted when it did). markdownlint re-lints the whole file on every edit (${big.map((r) => `${f(r.mdlMs)} ms`).join(', ')}). With every rule off the same keystrokes take ${big.map((r) => `${f(r.keystrokeOffMs)} ms`).join(', ')}: what remains above that is the whole-document rules (overall health, missing sections, fields) over cached per-section analyses, and moving the findings of the sections after the edit (~25,000 at 5 MB).${big.some((r) => r.keystrokeMs / r.firstMs > 0.05) ? ' The 1/20 ratio is missed where the whole-document rules dominate the keystroke.' : ''}`);
  if (mem5) lines.push(`- **Memory**: a first lint of the 5 MB document grows the process by at most ${f(mem5.peakGrowthMB)} MB (${(mem5.peakGrowthMB / (mem5.chars / 1048576)).toFixed(1)}× the document); no syntax tree is built (the model is compiled from micromark's events), and what stays is the compact model and the findings (${f(mem5.retainedHeapMB)} MB of heap after GC, with the result kept).${mem5off ? ` With every rule off — tokenizing, the model and the section cache only — the same lint grows it by ${f(mem5off.peakGrowthMB)} MB (${(mem5off.peakGrowthMB / (mem5off.chars / 1048576)).toFixed(1)}×).` : ''} This deliberately problem-dense document yields ${mem5.findings.toLocaleString('en-US')} findings (one per ~${Math.round(mem5.chars / mem5.findings)} characters) but a few thousand distinct messages: messages and fix texts are interned per lint, equal rows share their values, problem and data, a fix's two edit lists are one array, and kept arrays are trimmed to their length (README, *Memory of a dense document*).${mem5.peakGrowthMB >= 100 ? ' The 100 MB target is still missed.' : ''} A whole-document remark parse of the same text needs ~2.5 GB.`);
  if (linear !== undefined) lines.push(`- **Linearity**: first lint ms per MB at 5 MB is ${linear.toFixed(2)}× that at 1 MB.`);
  if (mm.length) lines.push(`- **micromark 4.0.3** is ${mm.map(({ label, a, b }) => `${(b.ms / a.ms).toFixed(2)}× slower at ${label}`).join(', ')} than 4.0.2 on identical output; the gap grows with size (4.1× at 5 MB measured earlier: 72 s against 18 s), hence the \`overrides\` pin. Per-section parsing keeps each parse small either way.`);
  lines.push(`- **CLI**: ${cliRatio.toFixed(2)}× markdownlint-cli2's whole-process time over ${docs.length} files. \`check\` spreads the files over worker threads (\`--jobs\`, default: the number of cores)${singleMs !== undefined ? `; on one thread it takes ${(singleMs / mdlMs).toFixed(2)}× markdownlint-cli2's time (both tokenize with micromark; the core adds the GFM table and task-list constructs, its model and the partnership analyses)` : ''}.`);
  lines.push(`- **Workspace index**: a cold build of ${idx.files} files takes ${(idxMs(idxOne) / 1000).toFixed(1)} s in one thread and ${(idxMs(idxPar) / 1000).toFixed(1)} s on ${idxPar[0].threads} worker threads (${idxCpu(idxPar).toFixed(1)} against ${idxCpu(idxOne).toFixed(1)} CPU s: threads on shared cores run slower); \`indexDocument\` is one analysis per document, so it is parse-bound and scales with the threads. A changed file costs one section's parse.`);
  if (missed.length) lines.push(`- **Missed**: ${missed.map((t) => `${t.name} (${t.detail})`).join('; ')}.`);
  return lines.join('\n');
}
