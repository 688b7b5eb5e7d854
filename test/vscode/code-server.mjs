// Shared helpers: find, start and stop code-server (a real VS Code 1.100.3 server + web
// workbench, installed by scripts/install-vscode-test-deps.sh) and drive it with Chromium
// through playwright-core. Used by run-code-server.mjs (integration suites) and test/e2e.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

export function findCodeServer() {
  const candidates = [
    process.env.CODE_SERVER_BIN,
    join(process.env.PARTNERSHIP_DOCS_CACHE ?? join(homedir(), '.cache/partnership-docs'),
      `code-server-${CODE_SERVER_VERSION}`, 'node_modules/.bin/code-server'),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(`code-server not found (looked at ${candidates.join(', ')}).\n` +
      'Run scripts/install-vscode-test-deps.sh first (or set CODE_SERVER_BIN).');
  }
  return found;
}

export function findChromium() {
  const c = [process.env.CHROMIUM_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    .filter(Boolean).find((p) => existsSync(p));
  if (!c) throw new Error('Chromium not found: run scripts/install-vscode-test-deps.sh (or set CHROMIUM_BIN).');
  return c;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise.finally(() => clearTimeout(t)),
    new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]);
}

/** A fresh sandbox: user data, extensions, and a copy of the fixture workspace. */
export function makeSandbox(fixtureDir, userSettings = {}) {
  const root = mkdtempSync(join(tmpdir(), 'pd-vscode-'));
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  cpSync(fixtureDir, workspace, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    // VS Code desktop's default (code-server's is afterDelay, a save a second after each edit):
    // the suites run the same under @vscode/test-electron, and a test saves when it means to.
    'files.autoSave': 'off',
    ...userSettings,
  }, null, 2));
  return { root, userData, extensions, workspace, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function installExtension(sandbox, vsix) {
  const r = spawnSync(findCodeServer(), ['--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions,
    '--install-extension', vsix, '--force'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/** Starts code-server on a free loopback port; resolves once it listens. */
export async function startCodeServer(sandbox, { env = {}, log = () => undefined, startTimeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, sandbox.workspace];
  const proc = spawn(findCodeServer(), args, {
    detached: true, // own process group: stop() kills the server and its extension hosts together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const onData = (d) => { output += d; log(String(d)); };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const listening = new Promise((resolve, reject) => {
    const check = () => { if (/HTTP server listening/i.test(output)) resolve(); };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    exited.then(({ code, signal }) => reject(new Error(`code-server exited early (${code ?? signal}):\n${output}`)));
  });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!done) { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }
  };
  try {
    await withTimeout(listening, startTimeoutMs, 'code-server start');
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, url: `http://127.0.0.1:${port}`, proc, stop, output: () => output };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** `vscode-remote://` URI for a path on the code-server host (plain paths do not work in payloads). */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/** The packaged extension (`npm run package`): `<repo>/<name>-<version>.vsix`. */
export function packagedVsix(repo) {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  return join(repo, `${pkg.name}-${pkg.version}.vsix`);
}

/**
 * The UI tests' start: a sandbox of `fixture` with `settings`, the packaged .vsix installed, a
 * code-server and Chromium, the workbench loaded on the workspace with start-up notifications
 * settled. `close()` stops everything and removes the sandbox; a failure part-way closes
 * whatever had started before it is thrown.
 */
export async function openWorkbench({ fixture, settings = {}, vsix, viewport = { width: 1440, height: 900 } }) {
  const sandbox = makeSandbox(fixture, settings);
  const opened = { sandbox, server: undefined, browser: undefined, page: undefined };
  opened.close = async () => {
    await opened.browser?.close().catch(() => undefined);
    await opened.server?.stop();
    sandbox.cleanup();
  };
  try {
    installExtension(sandbox, vsix);
    opened.server = await startCodeServer(sandbox);
    opened.browser = await launchBrowser();
    opened.page = await opened.browser.newPage({ viewport });
    opened.page.setDefaultTimeout(20_000);
    await opened.page.goto(`${opened.server.url}/?folder=${encodeURIComponent(sandbox.workspace)}`, { timeout: 60_000 });
    await opened.page.locator('.monaco-workbench').waitFor();
    await opened.page.locator('.part.statusbar').waitFor();
    // The installed extension's contributions (commands in the palette, the Partnerships view)
    // are there once the workbench has scanned it: on a new machine's first start that comes
    // well after the workbench shows. Its activity-bar entry says it has.
    await opened.page.locator('.part.activitybar .action-item a[aria-label^="Partnerships"]').waitFor({ timeout: 90_000 });
    return opened;
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/**
 * Hovers `line` (an editor `.view-line` locator) `dx` pixels in, until a hover containing `text`
 * shows. The line is measured again before each try: a CodeLens rendered above it after the
 * lint (or a panel opening) moves the lines below by a row, and a mouse left on the old spot
 * hovers the blank line under it.
 */
export async function hoverLine(page, line, text, { dx = 60, tries = 5 } = {}) {
  const hover = page.locator('.monaco-hover .hover-contents', { hasText: text }).first();
  for (let i = 1; ; i++) {
    await line.waitFor({ state: 'visible' });
    const box = await line.boundingBox();
    if (box) await page.mouse.move(box.x + dx, box.y + box.height / 2);
    try {
      await hover.waitFor({ timeout: 4_000 });
      return hover;
    } catch (err) {
      if (i >= tries) throw err;
      await page.mouse.move(5, 5);
      await page.waitForTimeout(300);
    }
  }
}
