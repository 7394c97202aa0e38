# shellcheck shell=bash
# Settings shared by the project's scripts. Every value can be overridden from the environment.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BENCH_ROOT

# The framework: upstream by default. A local git copy is used instead when FRAPPE_REPO names
# one, or when a copy sits in the cache folder (see README, "Installing without network").
PS_CACHE_DIR="${PS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/property-supervision}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
if [ -z "${FRAPPE_REPO:-}" ]; then
	if git -C "$PS_CACHE_DIR/frappe" rev-parse --git-dir >/dev/null 2>&1; then
		FRAPPE_REPO="$PS_CACHE_DIR/frappe"
	else
		FRAPPE_REPO="https://github.com/frappe/frappe.git"
	fi
fi
export FRAPPE_REPO FRAPPE_BRANCH PS_CACHE_DIR

SITE="${SITE:-supervision.localhost}"
TEST_SITE="${TEST_SITE:-supervision-test.localhost}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"
WEB_PORT="${WEB_PORT:-8000}"
TEST_WEB_PORT="${TEST_WEB_PORT:-8001}"
DEMO_SEED="${DEMO_SEED:-2015}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_ROOT_USER="${DB_ROOT_USER:-root}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-}"
FRAPPE_USER="${FRAPPE_USER:-frappe}"
if [ -z "${PYTHON:-}" ]; then
	# The system interpreter: the bench user must be able to run it (root's pyenv is private).
	for candidate in /usr/bin/python3.11 /usr/bin/python3.10 /usr/bin/python3.12 "$(command -v python3.11)" \
		"$(command -v python3)"; do
		[ -n "$candidate" ] && [ -x "$candidate" ] && PYTHON="$candidate" && break
	done
fi
export SITE TEST_SITE ADMIN_PASSWORD WEB_PORT TEST_WEB_PORT DEMO_SEED DB_HOST DB_PORT
export DB_ROOT_USER DB_ROOT_PASSWORD FRAPPE_USER PYTHON

TOOLS="$BENCH_ROOT/.tools"
export PATH="$TOOLS/venv/bin:$TOOLS/node/node_modules/.bin:$PATH"
# root's own PATH may point into its private home; the bench user gets the system one.
BENCH_USER_PATH="$TOOLS/venv/bin:$TOOLS/node/node_modules/.bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() {
	printf '\033[1;31merror:\033[0m %s\n' "$*" >&2
	exit 1
}

# The one way the scripts hand a command to another user: root runs it as USER with that user's
# home and the given PATH (and the caller's other variables, proxies and CA bundles included);
# anyone else runs it as themselves. as_user USER PATH command...
as_user() {
	local user="$1" path="$2"
	shift 2
	if [ "$(id -u)" = 0 ] && [ "$user" != root ]; then
		runuser -u "$user" -- env HOME="$(getent passwd "$user" | cut -d: -f6)" \
			USER="$user" LOGNAME="$user" PATH="$path" "$@"
	else
		"$@"
	fi
}

# Run a command as the bench user: root hands over to $FRAPPE_USER, as production benches do.
as_bench_user() { as_user "$FRAPPE_USER" "$BENCH_USER_PATH" "$@"; }

# "tests failed skipped" of a JUnit XML report (0 1 0 when it is missing or unreadable): the one
# summariser of scripts/test.sh's two suites.
junit_counts() { "$PYTHON" "$BENCH_ROOT/scripts/junit_counts.py" "$1"; }

bench_cmd() { (cd "$BENCH_ROOT" && as_bench_user bench "$@"); }

redis_port() { sed -n 's/^port //p' "$BENCH_ROOT/config/$1.conf" 2>/dev/null; }

# Start the bench's own redis servers (the Procfile's redis_cache / redis_queue) when they are
# not running, and remember which ones this script started so stop_redis can stop only those.
STARTED_REDIS=()
start_redis() {
	local name port
	for name in redis_cache redis_queue; do
		port="$(redis_port "$name")"
		[ -n "$port" ] || die "config/$name.conf is missing: run scripts/setup.sh"
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			(cd "$BENCH_ROOT" && as_bench_user redis-server "config/$name.conf" --daemonize yes \
				--logfile "$BENCH_ROOT/logs/$name.log") >/dev/null
			STARTED_REDIS+=("$port")
			for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
		fi
	done
}
stop_redis() {
	local port
	for port in "${STARTED_REDIS[@]}"; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; done
	STARTED_REDIS=()
}
