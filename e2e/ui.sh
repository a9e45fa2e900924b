#!/usr/bin/env bash
# npm run test:ui: the package in the n8n editor, driven through a real (headless) Chromium on both n8n lines.
# Environment (all optional): E2E_RUNTIMES=n8n-1,n8n-2  E2E_SKIP_BUILD=1  E2E_KEEP=1  N8N_E2E_CACHE=<folder>
#                             UI_MUTANT=cred-show|hidden-param|green-failure  UI_SHOTS=<folder>  UI_CHROMIUM=<path>
# See e2e/ui/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

IFS=',' read -r -a runtimes <<< "${E2E_RUNTIMES:-n8n-1,n8n-2}"
chromium_bin="${UI_CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$chromium_bin" ]; then
	# Debian's Chromium (CI runs as root); playwright-core never downloads a browser here.
	if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
		echo "[ui] installing chromium (apt-get)"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	fi
	[ -x "$chromium_bin" ] || { echo "[ui] $chromium_bin is missing: apt-get install -y chromium" >&2; exit 1; }
fi
echo "[ui] $("$chromium_bin" --version 2>/dev/null | head -1)"

if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
	echo "[ui] npm run build"
	npm run build --silent
fi
[ -d dist ] || { echo "[ui] dist/ is missing: run npm run build" >&2; exit 1; }

bash e2e/install.sh "${runtimes[@]}"

exec node node_modules/ts-node/dist/bin.js --transpile-only e2e/ui/run.ts
