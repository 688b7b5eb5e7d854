#!/usr/bin/env bash
# Installs what the real-VS-Code tests need on a clean Debian/Ubuntu machine (CI) or a dev box:
#   - Debian packages: chromium (driven by playwright-core), fonts-noto-color-emoji (so ✅ ⚠️ 🔴
#     render in screenshots), libkrb5-dev (code-server's kerberos addon builds against it), ripgrep
#   - code-server 4.100.3 (= VS Code 1.100.3) into a cache outside the repo
#   - the project's npm dev dependencies (playwright-core etc.) when node_modules is missing
# Idempotent: every step is skipped when its result is already present and working.
# See docs/vscode-testing.md (and shared notes) for why code-server instead of a VS Code download.
set -euo pipefail

CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${PARTNERSHIP_DOCS_CACHE:-$HOME/.cache/partnership-docs}"
CS_DIR="$CACHE_ROOT/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
# @vscode/ripgrep (pulled in by code-server) downloads rg from GitHub in its postinstall unless
# this archive is already in its cache folder. We feed it Debian's rg instead.
RG_PKG_VERSION="1.15.11"
RG_ARCHIVE="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

start=$(date +%s)
log() { printf '[install-vscode-test-deps] %s\n' "$*"; }
# Say which step failed (a cold CI run once stopped here with exit 127 and no other output).
trap 'rc=$?; log "FAILED (exit $rc) at line $LINENO: $BASH_COMMAND"; log "PATH=$PATH; node $(command -v node || echo missing), npm $(command -v npm || echo missing), rg $(command -v rg || echo missing), tar $(command -v tar || echo missing)"' ERR
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

# 1. Debian packages (apt-get update only when something is missing).
APT_PKGS=(chromium fonts-noto-color-emoji libkrb5-dev ripgrep)
missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present: ${APT_PKGS[*]}"
fi

# 2. code-server, cached.
# "Working" = the binary answers and its postinstall ran (VS Code's native modules are built).
cs_works() {
  [ -x "$CS_BIN" ] && "$CS_BIN" --version 2>/dev/null | grep -q "^$CS_VERSION" &&
    [ -e "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -e "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]
}
if cs_works; then
  log "code-server $CS_VERSION present in $CS_DIR"
else
  log "installing code-server $CS_VERSION into $CS_DIR (takes a few minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  tmp="${TMPDIR:-/tmp}"
  rg_cache="$tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
  if [ ! -s "$rg_cache/$RG_ARCHIVE" ]; then
    stage="$(mktemp -d)"
    cp "$(command -v rg)" "$stage/rg"
    mkdir -p "$rg_cache"
    tar -czf "$rg_cache/$RG_ARCHIVE" -C "$stage" rg
    rm -rf "$stage"
  fi
  echo '{ "name": "code-server-cache", "private": true }' > "$CS_DIR/package.json"
  # --unsafe-perm: code-server's postinstall refuses to run as root otherwise.
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which would wait for a "yes".
  # npm >= 11.? blocks dependency install scripts unless allowed; code-server is nothing without
  # its postinstall (it builds VS Code's native modules), so allow them for this one install
  # (the env var reaches the nested npm installs its postinstall runs; older npm ignores it).
  # node-gyp needs Node's headers: use the local ones (it cannot download them offline).
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  cs_install() {
    ( cd "$CS_DIR" && npm_config_yes=true npm_config_dangerously_allow_all_scripts=true npm_config_unsafe_perm=true \
        npm install --no-save --no-audit --no-fund "code-server@$CS_VERSION" ) > "$CACHE_ROOT/code-server-install.log" 2>&1
  }
  # The install's own output goes to a log in the cache (printed when it fails); one retry, since
  # a first install on a new machine fetches ~200 packages and builds native modules.
  if ! cs_install; then
    log "npm install of code-server failed; its log ends with:"; tail -40 "$CACHE_ROOT/code-server-install.log" || true
    log "retrying once"
    rm -rf "$CS_DIR/node_modules"
    if ! cs_install; then
      log "npm install of code-server failed again; its log ends with:"; tail -40 "$CACHE_ROOT/code-server-install.log" || true
      exit 1
    fi
  fi
  if ! cs_works; then
    log "code-server did not install correctly ($CS_BIN --version fails)"; exit 1
  fi
fi

# 3. The project's dev dependencies (playwright-core drives Chromium; no browser download).
here="$(cd "$(dirname "$0")/.." && pwd)"
if ! (cd "$here" && node -e "require.resolve('playwright-core')" 2>/dev/null); then
  log "npm ci in $here"
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

log "done in $(( $(date +%s) - start ))s; code-server: $CS_BIN"
