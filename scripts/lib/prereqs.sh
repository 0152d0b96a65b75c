# Shared install steps for scripts/run.sh and scripts/test.sh (sourced, not run).

ensure_node_modules() {
  # Azurite is pinned in package.json / package-lock.json.
  if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    command -v npm >/dev/null || { echo "npm is missing: install Node.js 20+ (apt-get install nodejs npm)" >&2; exit 1; }
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
