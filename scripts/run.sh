#!/usr/bin/env bash
# The README's run command: sets up what is missing, then serves the demo site the way a Frappe
# production server does (scripts/production.sh: nginx, gunicorn, socket.io, RQ workers,
# scheduler, Redis, all under supervisord). Ctrl-C stops every process. `make dev` runs the
# development server with autoreload instead (scripts/dev.sh).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BENCH_ROOT"

bash scripts/setup.sh
if curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/"; then
	die "something already serves port $WEB_PORT (is the bench running already?)"
fi
bash scripts/production.sh configure
cat <<MSG

  物业服务监管 is starting (production: nginx → gunicorn, socket.io, RQ workers, scheduler).
  URL:    http://$SITE:$WEB_PORT   (or http://<this server's address>:$WEB_PORT)
  Login:  the office administrator (its address and password were printed when the site was
          created; OFFICE_ADMIN_EMAIL / OFFICE_ADMIN_PASSWORD), or Administrator / $ADMIN_PASSWORD
  Logs:   $BENCH_ROOT/logs   (supervisord.log, web.log, worker.log, nginx.access.log, …)
  Status: .tools/venv/bin/supervisorctl -c config/supervisord.conf status   (Ctrl-C stops every process)

MSG
exec supervisord -c "$BENCH_ROOT/config/supervisord.conf"
