#!/usr/bin/env bash
# npm run test:e2e: the end-to-end test in real n8n installations (n8n 1.x on Node 20, n8n 2.x on Node 24).
# Environment (all optional): E2E_RUNTIMES=n8n-1,n8n-2  E2E_SKIP_BUILD=1  E2E_REQUIRE_WORKFLOWS=1  E2E_KEEP=1
#                             E2E_FIXTURES=1  N8N_E2E_CACHE=<folder>. See e2e/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

IFS=',' read -r -a runtimes <<< "${E2E_RUNTIMES:-n8n-1,n8n-2}"

if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
	echo "[e2e] npm run build"
	npm run build --silent
fi
[ -d dist ] || { echo "[e2e] dist/ is missing: run npm run build" >&2; exit 1; }

bash e2e/install.sh "${runtimes[@]}"

exec node node_modules/ts-node/dist/bin.js --transpile-only e2e/run.ts
