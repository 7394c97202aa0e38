#!/usr/bin/env bash
# The operator's upgrade of a site to the code now in the bench (patches/README.md):
#   1. a full backup (database, public and private files, configuration), kept for the way back;
#   2. maintenance mode on, `bench migrate` (the app's patches.txt: pre-model-sync patches, the
#      schema sync, post-model-sync patches, then the defaults an update brings), maintenance off;
#      The office's named administrator is created if the site has none yet (README);
#   3. checks: every patch applied, every DocType and table there, scheduled jobs registered,
#      reference data and the office administrator present (setup/upgrade_checks.py).
# On a failure it stops and prints how to go back to the backup of step 1.
#
#   bash patches/upgrade.sh SITE
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$BENCH_ROOT"

SITE_TO_UPGRADE="${1:?usage: patches/upgrade.sh SITE}"
[ -f "sites/$SITE_TO_UPGRADE/site_config.json" ] || die "no site $SITE_TO_UPGRADE in $BENCH_ROOT/sites"
mkdir -p logs
LOG="logs/upgrade-$SITE_TO_UPGRADE.log"
start_redis
trap stop_redis EXIT

log "1/3 Backing up $SITE_TO_UPGRADE"
bench_cmd --site "$SITE_TO_UPGRADE" backup --with-files --compress >>"$LOG" 2>&1 || die "backup failed ($LOG): nothing was changed"
backup="$(ls -t "sites/$SITE_TO_UPGRADE/private/backups/"*-database.sql.gz | head -n 1)"
log "    $backup (and the file archives beside it)"
back() {
	printf '\n  To go back to the state before the upgrade:\n    bash scripts/restore.sh %s %s\n\n' \
		"$SITE_TO_UPGRADE" "$BENCH_ROOT/$backup" >&2
}

log "2/3 Migrating $SITE_TO_UPGRADE (maintenance mode during the migration)"
bench_cmd --site "$SITE_TO_UPGRADE" set-maintenance-mode on >>"$LOG" 2>&1
if ! bench_cmd --site "$SITE_TO_UPGRADE" migrate >>"$LOG" 2>&1; then
	tail -n 30 "$LOG"
	back
	die "bench migrate failed ($LOG); the site stays in maintenance mode"
fi
bench_cmd --site "$SITE_TO_UPGRADE" set-maintenance-mode off >>"$LOG" 2>&1

# the office's named administrator (README): created once, its generated password shown once
admin="$(bench_cmd --site "$SITE_TO_UPGRADE" execute property_supervision.setup.office_admin.create_office_admin 2>>"$LOG" | tail -n 1)"
"$BENCH_ROOT/env/bin/python" - "$admin" <<-'PY'
	import json, sys
	result = json.loads(sys.argv[1])
	if result["created"]:
	    print(f"    office administrator created: {result['email']}")
	    if result["password"]:
	        print(f"    generated password (shown only this once): {result['password']}")
PY

log "3/3 Checking $SITE_TO_UPGRADE"
result="$(bench_cmd --site "$SITE_TO_UPGRADE" execute property_supervision.setup.upgrade_checks.run 2>>"$LOG" | tail -n 1)"
"$BENCH_ROOT/env/bin/python" - "$result" <<-'PY' || { back; die "checks failed after the upgrade"; }
	import json, sys
	result = json.loads(sys.argv[1])
	for problem in result["problems"]:
	    print("    problem:", problem)
	print(f"    {len(result['counts'])} DocTypes, {sum(result['counts'].values())} records")
	raise SystemExit(0 if result["ok"] else 1)
PY
log "Upgraded $SITE_TO_UPGRADE"
