#!/usr/bin/env node
// Runs the extension-host integration suites (out/test/vscode/suite/index.js) inside a real
// VS Code: code-server 4.100.3 driven by headless Chromium. Works offline (see
// docs/vscode-testing.md). Usage: node test/vscode/run-code-server.mjs [--grep PATTERN] [--keep]
// Env: PARTNERSHIP_DOCS_TEST_TIMEOUT_MS (whole run, default 900000), CODE_SERVER_BIN, CHROMIUM_BIN.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, makeSandbox, remoteUri, startCodeServer, withTimeout } from './code-server.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const testsEntry = join(repo, 'out/test/vscode/suite/index.js');
const fixture = join(repo, 'test/fixtures/vscode-workspace');
const argv = process.argv.slice(2);
const grep = argv.includes('--grep') ? argv[argv.indexOf('--grep') + 1] : process.env.PARTNERSHIP_DOCS_TEST_GREP;
const keep = argv.includes('--keep') || process.env.PARTNERSHIP_DOCS_KEEP === '1';
const verbose = argv.includes('--verbose');
const totalTimeout = Number(process.env.PARTNERSHIP_DOCS_TEST_TIMEOUT_MS ?? 900_000);

if (!existsSync(testsEntry) || !existsSync(join(repo, 'dist/extension.js'))) {
  console.error(`missing ${testsEntry} or dist/extension.js: run \`npm run build\` first`);
  process.exit(2);
}

const started = Date.now();
const sandbox = makeSandbox(fixture);
const logFile = join(sandbox.root, 'mocha-output.log');
writeFileSync(logFile, '');
let server, browser, tail;
let exitCode = 1;

// Print the suite's output as it is written (the extension host's stdout is not ours to read).
let printed = 0;
const flushLog = () => {
  try {
    if (statSync(logFile).size > printed) {
      const text = readFileSync(logFile, 'utf8');
      process.stdout.write(text.slice(printed));
      printed = text.length;
    }
  } catch { /* not yet */ }
};

const browserErrors = [];
try {
  server = await startCodeServer(sandbox, {
    env: {
      PARTNERSHIP_DOCS_TEST_LOG: logFile,
      PARTNERSHIP_DOCS_TEST_GREP: grep ?? '',
      PARTNERSHIP_DOCS_TEST_WORKSPACE: sandbox.workspace,
      // The extension counts model builds per text (engineStats): the snapshot suite reads them.
      PARTNERSHIP_DOCS_ENGINE_STATS: '1',
    },
    log: verbose ? (s) => process.stderr.write(`[code-server] ${s}`) : undefined,
  });
  console.log(`code-server on ${server.url} (started in ${((Date.now() - started) / 1000).toFixed(1)} s), workspace ${sandbox.workspace}`);
  browser = await launchBrowser();
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') browserErrors.push(m.text()); });
  page.on('pageerror', (e) => browserErrors.push(String(e)));
  const result = new Promise((res) => page.exposeFunction('codeAutomationExit', (code) => { res(code); }));
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server.port, repo)],
    ['extensionTestsPath', remoteUri(server.port, testsEntry)],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(sandbox.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  tail = setInterval(flushLog, 300);
  await page.goto(url, { timeout: 60_000 });
  exitCode = await withTimeout(result, totalTimeout - (Date.now() - started), 'waiting for the extension tests (codeAutomationExit)');
} catch (err) {
  console.error(`\nrun-code-server: ${err instanceof Error ? err.message : err}`);
  exitCode = 1;
} finally {
  clearInterval(tail);
  flushLog();
  if (exitCode !== 0 && browserErrors.length) {
    console.error(`\nbrowser console errors (last 15):\n  ${browserErrors.slice(-15).join('\n  ')}`);
  }
  if (exitCode !== 0 && printed === 0 && server) {
    console.error(`\nno test output; code-server log (tail):\n${server.output().slice(-4000)}`);
  }
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (keep) console.log(`kept sandbox ${sandbox.root}`); else sandbox.cleanup();
  console.log(`\nreal-host suite: exit ${exitCode} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(exitCode);
}
