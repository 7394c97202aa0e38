#!/usr/bin/env bash
# Developer's mode: sets up what is missing, then starts every process of the Procfile with
# `bench start` — Werkzeug's development server with autoreload on port WEB_PORT. Never for
# production: it serves a debugger and trusts the client's X-Forwarded-For. `make run` serves
# production.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BENCH_ROOT"

bash scripts/setup.sh
if curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/"; then
	die "something already serves port $WEB_PORT (is the bench running already?)"
fi
cat <<MSG

  物业服务监管 development server is starting (autoreload; not for production).
  URL:    http://$SITE:$WEB_PORT
  Login:  Administrator / $ADMIN_PASSWORD
  Logs:   $BENCH_ROOT/logs   (Ctrl-C stops every process)

MSG
as_bench_user bench start
