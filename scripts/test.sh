#!/usr/bin/env bash
# Runs every test: the app's Frappe integration tests on the dedicated test site, then the
# system tests in tests/ against that site served over HTTP (requests and Debian's Chromium).
# Does whatever setup is missing first. Ends with one summary line for both suites.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BENCH_ROOT"

bash scripts/setup.sh --with-test-site

# --- system test tools (pytest, requests, Playwright's Python client; the browser is Debian's) ---
TEST_ENV="$TOOLS/tests"
req_rev="$(sha1sum tests/requirements.txt | cut -c1-40)"
if [ "$(cat "$TEST_ENV/.installed" 2>/dev/null)" != "$req_rev" ]; then
	log "Installing the system test tools"
	[ -x "$TEST_ENV/bin/python" ] || "$PYTHON" -m venv "$TEST_ENV"
	"$TEST_ENV/bin/pip" install -q --upgrade pip
	"$TEST_ENV/bin/pip" install -q -r tests/requirements.txt
	echo "$req_rev" >"$TEST_ENV/.installed"
fi
[ "$(id -u)" = 0 ] && chown -R "$FRAPPE_USER:$FRAPPE_USER" "$TOOLS" artifacts 2>/dev/null || true

# the framework's own test dependencies (JUnit XML output)
if ! env/bin/python -c "import xmlrunner" 2>/dev/null; then
	as_bench_user env/bin/pip install -q "unittest-xml-reporting~=3.2.0"
fi

# background processes run in their own process groups, so that stopping one stops its children
# (runuser → bench → python) too
PGIDS=()
start_background() { # log file, command... (run as the bench user)
	local log="$1"
	shift
	(cd "$BENCH_ROOT" && exec setsid bash -c 'source scripts/lib.sh && as_bench_user "$@"' _ "$@" >>"$log" 2>&1) &
	PGIDS+=($!)
}
cleanup() {
	local pgid
	for pgid in "${PGIDS[@]}"; do kill -- "-$pgid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	stop_redis
}
trap cleanup EXIT
start_redis
# --- the test site served as in production: the system tests drive it, and wkhtmltopdf fetches
# a print's stylesheet through it (host_name) when the integration tests render PDFs ---------------
log "Starting $TEST_SITE on port $TEST_WEB_PORT "
if curl -s -o /dev/null "http://127.0.0.1:$TEST_WEB_PORT/"; then
	die "port $TEST_WEB_PORT is already in use: stop what serves it (another bench's test run?)"
fi
start_background logs/test-web.log bench --site "$TEST_SITE" serve --port "$TEST_WEB_PORT" --noreload
for _ in $(seq 120); do
	curl -sf -o /dev/null "http://127.0.0.1:$TEST_WEB_PORT/api/method/ping" && break
	sleep 0.5
done

# --- integration tests --------------------------------------------------------------------------
log "Integration tests on $TEST_SITE"
mkdir -p artifacts
[ "$(id -u)" = 0 ] && chown "$FRAPPE_USER:$FRAPPE_USER" artifacts
set +e
bench_cmd --site "$TEST_SITE" run-tests --app property_supervision \
	--junit-xml-output "$BENCH_ROOT/artifacts/integration.xml" 2>&1 | tee artifacts/integration.log
integration_rc=${PIPESTATUS[0]}
set -e
read -r i_tests i_failed i_skipped < <(junit_counts artifacts/integration.xml)
if [ "$integration_rc" != 0 ] && [ "$i_failed" = 0 ]; then i_failed=1; fi
i_passed=$((i_tests > i_failed + i_skipped ? i_tests - i_failed - i_skipped : 0))

# --- system tests: the test site, driven from outside, with an RQ worker for background jobs ----------
# (started only now: the integration tests check what they enqueue)
start_background logs/test-worker.log bench worker

set +e
PS_BASE_URL="http://$TEST_SITE:$TEST_WEB_PORT" PS_SITE="$TEST_SITE" PS_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
	PS_BENCH_ROOT="$BENCH_ROOT" PS_ARTIFACTS="$BENCH_ROOT/artifacts" \
	"$TEST_ENV/bin/pytest" tests -p no:cacheprovider -q --junit-xml=artifacts/system.xml 2>&1 | tee artifacts/system.log
system_rc=${PIPESTATUS[0]}
set -e
read -r s_tests s_failed s_skipped < <(junit_counts artifacts/system.xml)
if [ "$system_rc" != 0 ] && [ "$s_failed" = 0 ]; then s_failed=1; fi
s_passed=$((s_tests > s_failed + s_skipped ? s_tests - s_failed - s_skipped : 0))

echo
echo "integration: $i_passed passed, $i_failed failed, $i_skipped skipped (artifacts/integration.log)"
echo "system: $s_passed passed, $s_failed failed, $s_skipped skipped (artifacts/system.log)"
echo "total: $((i_passed + s_passed)) passed, $((i_failed + s_failed)) failed, $((i_skipped + s_skipped)) skipped"
# a skipped test is not a passed one: the run fails on any skip, in either suite
[ "$integration_rc" = 0 ] && [ "$system_rc" = 0 ] && [ "$s_skipped" = 0 ] && [ "$i_skipped" = 0 ]
