#!/usr/bin/env bash
# Writes the configuration of the production stack and, with `run`, starts it in the foreground:
# supervisord supervising nginx (public port WEB_PORT) in front of gunicorn (127.0.0.1:APP_PORT,
# 2 × cores + 1 workers), the socket.io server (on a Unix socket), RQ workers for the short, default and long queues,
# the scheduler and the bench's Redis servers. The programs are the ones Frappe's bench writes for
# a production server (`bench setup supervisor`); nginx's configuration comes from
# config/templates/nginx.conf. Called by scripts/run.sh after the setup.
#
#   bash scripts/production.sh configure   # write config/supervisord.conf, supervisor.conf, nginx-main.conf
#   STACK_DIR=… SITE=… WEB_PORT=… APP_PORT=… bash scripts/production.sh run   # a second stack
#   bash scripts/production.sh run         # configure, then run supervisord in the foreground
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BENCH_ROOT"

APP_PORT="${APP_PORT:-18000}"
HTTP_TIMEOUT="${HTTP_TIMEOUT:-120}"
GUNICORN_WORKERS="${GUNICORN_WORKERS:-$(($(nproc) * 2 + 1))}"
LISTEN_ADDRESS="${LISTEN_ADDRESS:-}" # empty: every interface
# where this stack's configuration, sockets and pid files go (a second stack, e.g. the system
# test's, uses its own folder and ports)
STACK_DIR="${STACK_DIR:-$BENCH_ROOT/config}"
RUN_DIR="$STACK_DIR/pids"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

if [ "$(id -u)" = 0 ]; then
	PROCESS_USER="$FRAPPE_USER"
else
	PROCESS_USER="$(id -un)"
fi

render() { # template, output, NAME=value...
	local template="$1" output="$2"
	shift 2
	"$BENCH_ROOT/env/bin/python" - "$template" "$output" "$@" <<-'PY'
		import sys
		template, output, *pairs = sys.argv[1:]
		text = open(template, encoding="utf-8").read()
		for pair in pairs:
		    name, value = pair.split("=", 1)
		    text = text.replace("{{" + name + "}}", value)
		if "{{" in text:
		    raise SystemExit(f"{template}: placeholder left: {text[text.index('{{'):][:40]}")
		open(output, "w", encoding="utf-8").write(text)
	PY
}

configure() {
	[ -x "$NGINX" ] || die "nginx is not installed (the setup installs it when run as root: apt-get install nginx)"
	command -v supervisord >/dev/null || die "supervisor is not installed: run scripts/setup.sh"
	mkdir -p "$RUN_DIR" logs
	[ "$(id -u)" = 0 ] && chown "$FRAPPE_USER:$FRAPPE_USER" "$STACK_DIR" "$RUN_DIR"

	local skip_redis=() name port
	for name in redis_cache redis_queue; do
		port="$(redis_port "$name")"
		if redis-cli -p "$port" ping >/dev/null 2>&1; then
			log "Redis on port $port is already running: the stack uses it and does not supervise its own"
			skip_redis=(--skip-redis)
		fi
	done
	# bench writes config/supervisor.conf; a second stack keeps the main stack's file as it is
	local main_conf=""
	if [ "$STACK_DIR" != "$BENCH_ROOT/config" ] && [ -f config/supervisor.conf ]; then
		main_conf="$(mktemp)"
		cp config/supervisor.conf "$main_conf"
	fi
	bench_cmd setup supervisor --yes --user "$PROCESS_USER" "${skip_redis[@]}" >logs/production-setup.log 2>&1 ||
		{
			cat logs/production-setup.log
			die "bench setup supervisor failed"
		}
	if [ "$STACK_DIR" != "$BENCH_ROOT/config" ]; then
		mv config/supervisor.conf "$STACK_DIR/supervisor.conf"
		if [ -n "$main_conf" ]; then
			cp "$main_conf" config/supervisor.conf && rm -f "$main_conf"
		fi
	fi
	# (a second stack on a bench whose main stack never ran leaves no config/supervisor.conf)
	if [ "$(id -u)" = 0 ]; then
		for conf in config/supervisor.conf "$STACK_DIR/supervisor.conf"; do
			if [ -f "$conf" ]; then chown "$FRAPPE_USER:$FRAPPE_USER" "$conf"; fi
		done
	fi
	# gunicorn: this stack's port, workers from the cores, bound to the loopback interface only
	sed -i -E "s|gunicorn -b [0-9.]+:[0-9]+ -w [0-9]+ |gunicorn -b 127.0.0.1:$APP_PORT -w $GUNICORN_WORKERS |; s| -t [0-9]+ | -t $HTTP_TIMEOUT |" \
		"$STACK_DIR/supervisor.conf"
	grep -q "gunicorn -b 127.0.0.1:$APP_PORT -w $GUNICORN_WORKERS " "$STACK_DIR/supervisor.conf" ||
		die "$STACK_DIR/supervisor.conf: no gunicorn program"
	# EXTRA_APP_PORTS: further gunicorn back ends (same bench, same MariaDB and Redis) that nginx
	# balances over, e.g. to restart one while the others serve
	local extra
	for extra in ${EXTRA_APP_PORTS:-}; do
		"$BENCH_ROOT/env/bin/python" - "$STACK_DIR/supervisor.conf" "$APP_PORT" "$extra" <<-'PY'
			import re, sys
			path, port, extra = sys.argv[1:]
			text = open(path).read()
			block = re.search(r"^\[program:([^\]]*frappe-web)\]\n(?:(?!\[).*\n?)*", text, re.M)
			name = block.group(1)
			copy = block.group(0).replace(f"[program:{name}]", f"[program:{name}-{extra}]")
			copy = copy.replace(f"127.0.0.1:{port} ", f"127.0.0.1:{extra} ")
			copy = re.sub(r"(std(?:out|err)_logfile=.*?)(\.(?:error\.)?log)$", rf"\1-{extra}\2", copy, flags=re.M)
			open(path, "a").write("\n" + copy.rstrip() + "\n")
		PY
	done

	# socket.io listens on a Unix socket (FRAPPE_SOCKETIO_UDS, set in supervisord.conf): a
	# restart after a crash must remove the socket file the dead process left behind
	sed -i -E 's|^command=(.*/bench socketio)$|command=/bin/sh -c '"'"'rm -f "$FRAPPE_SOCKETIO_UDS"; exec \1'"'"'|' \
		"$STACK_DIR/supervisor.conf"
	grep -q 'rm -f "$FRAPPE_SOCKETIO_UDS"' "$STACK_DIR/supervisor.conf" || die "$STACK_DIR/supervisor.conf: no socket.io program"

	# supervisord (root) opens the programs' log files: they must stay the bench user's, which
	# `make dev` and the bench's own commands write to as well
	local logfile
	for logfile in $(sed -n -E 's/^std(out|err)_logfile=//p' "$STACK_DIR/supervisor.conf" | sort -u); do
		as_bench_user touch "$logfile"
	done

	local user_directive="" upstreams="" app_port
	[ "$(id -u)" = 0 ] && user_directive="user $FRAPPE_USER;"
	for app_port in $APP_PORT ${EXTRA_APP_PORTS:-}; do
		upstreams+=$'\t\t'"server 127.0.0.1:$app_port fail_timeout=10s max_fails=1;"$'\n'
	done
	render config/templates/nginx.conf "$STACK_DIR/nginx-main.conf" \
		"USER_DIRECTIVE=$user_directive" "RUN_DIR=$RUN_DIR" "LOG_DIR=$BENCH_ROOT/logs" \
		"SITES_DIR=$BENCH_ROOT/sites" "SITE=$SITE" "LISTEN=${LISTEN_ADDRESS:+$LISTEN_ADDRESS:}$WEB_PORT" \
		"WEB_UPSTREAMS=${upstreams%$'\n'}" "SOCKETIO_SOCKET=$RUN_DIR/socketio.sock" "HTTP_TIMEOUT=$HTTP_TIMEOUT"
	render config/templates/supervisord.conf "$STACK_DIR/supervisord.conf" \
		"RUN_DIR=$RUN_DIR" "LOG_DIR=$BENCH_ROOT/logs" "CONF_DIR=$STACK_DIR" \
		"PATH=$BENCH_USER_PATH" "NGINX=$NGINX" "SOCKETIO_SOCKET=$RUN_DIR/socketio.sock" \
		"SUPERVISOR_USER=$([ "$(id -u)" = 0 ] && echo "user=root")"
	[ "$(id -u)" = 0 ] && chown "$FRAPPE_USER:$FRAPPE_USER" "$STACK_DIR"/*.conf
	local check
	check="$("$NGINX" -t -q -c "$STACK_DIR/nginx-main.conf" 2>&1)" ||
		die "nginx refuses $STACK_DIR/nginx-main.conf: $check"
	[ "$(id -u)" = 0 ] && chown "$FRAPPE_USER:$FRAPPE_USER" logs/nginx.*.log

	# no tracebacks to clients: Frappe shows them only while this System Setting is on
	bench_cmd --site "$SITE" execute frappe.db.set_single_value \
		--args '["System Settings", "allow_error_traceback", 0]' >/dev/null
}

case "${1:-run}" in
configure) configure ;;
run)
	configure
	if curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/"; then
		die "something already serves port $WEB_PORT (is the bench running already? make dev?)"
	fi
	exec supervisord -c "$STACK_DIR/supervisord.conf"
	;;
*) die "usage: production.sh [configure|run]" ;;
esac
