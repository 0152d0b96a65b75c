# Shared install steps for scripts/run.sh and scripts/test.sh (sourced, not run).

ensure_node_modules() {
  # Azurite is pinned in package.json / package-lock.json.
  if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    command -v npm >/dev/null || { echo "npm is missing: install Node.js 20+ (apt-get install nodejs npm)" >&2; exit 1; }
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_chromium() {
  # The browser tests drive Debian's Chromium through Playwright (Playwright cannot download its own browser here).
  local chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
  [ -x "$chromium" ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing chromium (apt-get) for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    [ -x "$chromium" ] && return 0
  fi
  echo "Chromium is missing at $chromium: the browser tests need it. Install it with 'sudo apt-get install chromium'" >&2
  echo "(or set CHROMIUM_PATH to a Chromium binary)." >&2
  exit 1
}
