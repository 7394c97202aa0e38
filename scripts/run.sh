#!/usr/bin/env bash
# Sets up what is missing, then starts every process of the Procfile (bench start).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BENCH_ROOT"

bash scripts/setup.sh
if curl -sf -o /dev/null "http://127.0.0.1:$WEB_PORT/api/method/ping"; then
	die "something already serves port $WEB_PORT (is the bench running already?)"
fi
cat <<MSG

  物业服务监管 is starting.
  URL:    http://$SITE:$WEB_PORT
  Login:  Administrator / $ADMIN_PASSWORD
  Logs:   $BENCH_ROOT/logs   (Ctrl-C stops every process)

MSG
as_bench_user bench start
