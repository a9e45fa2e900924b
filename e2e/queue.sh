#!/usr/bin/env bash
# npm run test:queue: the package in n8n queue mode (main + 2 workers, Redis, PostgreSQL), n8n 2.x on Node 24.
# Redis and PostgreSQL come from Debian's packages (installed with apt-get when missing, as root), run on 127.0.0.1
# on free ports in a temporary folder and are stopped by PID at the end, also on failure. See e2e/queue/README.md.
# Environment (all optional): E2E_SKIP_BUILD=1  E2E_KEEP=1  N8N_E2E_CACHE=<folder>  QUEUE_MUTANT=<name>
#                             QUEUE_BENCH=1 (or: npm run test:queue -- --bench)  QUEUE_ORDERS=1000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
t0=$(date +%s)
log() { printf '[queue %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

for arg in "$@"; do
	case "$arg" in
		--bench) export QUEUE_BENCH=1 ;;
		*) echo "[queue] unknown argument $arg (known: --bench)" >&2; exit 2 ;;
	esac
done

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
		log "installing ${missing[*]} (apt-get)"
		# Debian's maintainer scripts would start system-wide services: the test runs its own, so none is started.
		export DEBIAN_FRONTEND=noninteractive RUNLEVEL=1
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
	command -v redis-server >/dev/null || { echo "[queue] redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
	[ -x "$(pg_bin)/initdb" ] || { echo "[queue] PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 1; }
fi
PG="$(pg_bin)"
log "$(redis-server --version | cut -d' ' -f1-3), PostgreSQL $("$PG/postgres" --version | awk '{print $3}')"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-queue-XXXXXX")"
chmod 755 "$work"
redis_pid=""
pg_pid=""
# PostgreSQL refuses to run as root: as root, its files belong to (and it runs as) the "postgres" user that the
# Debian package creates.
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_services() {
	local code=$?
	# The postmaster's own PID (runuser's child), from its pid file: SIGINT is PostgreSQL's fast shutdown.
	local postmaster=""
	[ -f "$work/pg/data/postmaster.pid" ] && postmaster="$(head -1 "$work/pg/data/postmaster.pid")"
	for pid in $postmaster $pg_pid; do
		kill -0 "$pid" 2>/dev/null || continue
		kill -INT "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null || true
	done
	if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
		kill -TERM "$redis_pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$redis_pid" 2>/dev/null || true
	fi
	if [ "$code" = "0" ] && [ "${E2E_KEEP:-}" != "1" ]; then rm -rf "$work"; else echo "[queue] kept $work (redis.log, postgres.log)"; fi
	log "stopped Redis and PostgreSQL (exit $code)"
	exit "$code"
}
trap stop_services EXIT
trap 'exit 130' INT TERM

redis_port=$(free_port)
mkdir -p "$work/redis"
redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work/redis" --save '' --appendonly no \
	--logfile "$work/redis.log" --daemonize no &
redis_pid=$!

pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pgsock"
[ "$(id -u)" = "0" ] && chown postgres "$work/pg" "$work/pgsock"
as_pg "$PG/initdb" -D "$work/pg/data" -U n8n -A trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1 ||
	{ cat "$work/initdb.log" >&2; exit 1; }
as_pg "$PG/postgres" -D "$work/pg/data" -p "$pg_port" -k "$work/pgsock" -c listen_addresses=127.0.0.1 \
	-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 \
	>"$work/postgres.log" 2>&1 &
pg_pid=$!
for _ in $(seq 1 100); do
	"$PG/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break
	kill -0 "$pg_pid" 2>/dev/null || { cat "$work/postgres.log" >&2; exit 1; }
	sleep 0.1
done
"$PG/createdb" -h 127.0.0.1 -p "$pg_port" -U n8n n8n
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
log "Redis on 127.0.0.1:$redis_port (pid $redis_pid), PostgreSQL on 127.0.0.1:$pg_port (pid $pg_pid)"

if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
	log "npm run build"
	npm run build --silent
fi
[ -d dist ] || { echo "[queue] dist/ is missing: run npm run build" >&2; exit 1; }

bash e2e/install.sh n8n-2

export QUEUE_TEST_REDIS_PORT="$redis_port" QUEUE_TEST_PG_PORT="$pg_port" QUEUE_TEST_PG_BIN="$PG" QUEUE_TEST_WORK="$work"
set +e
node node_modules/ts-node/dist/bin.js --transpile-only e2e/queue/run.ts
code=$?
set -e
log "wall time $(( $(date +%s) - t0 )) s"
exit "$code"
