#!/usr/bin/env bash
# Restores a backup into a site, as README "Backups and restore" describes.
#
#   bash scripts/restore.sh SITE                 # SITE's own latest backup, in place
#   bash scripts/restore.sh NEW_SITE FROM_SITE   # FROM_SITE's latest backup into NEW_SITE (created)
#   bash scripts/restore.sh SITE path/to/…-database.sql.gz   # that set (files beside it)
#
# The latest set is the newest sites/<site>/private/backups/*-database.sql.gz with the public
# and private file archives of the same name. The restore replaces the site's database and files
# (Frappe's `bench restore`, with the MariaDB administrator of config/db_admin.env or
# DB_ROOT_USER/DB_ROOT_PASSWORD), then migrates it, so a backup of an older release comes up to
# date. Stop the stack (Ctrl-C on make run) before restoring a site in place.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$BENCH_ROOT"

TARGET="${1:?usage: restore.sh SITE [FROM_SITE | DATABASE_BACKUP]}"
FROM="${2:-$TARGET}"
if [ -f "$FROM" ]; then
	database="$(cd "$(dirname "$FROM")" && pwd)/$(basename "$FROM")"
else
	database="$(ls -t "sites/$FROM/private/backups/"*-database.sql.gz 2>/dev/null | head -n 1 || true)"
	[ -n "$database" ] || die "no backup of $FROM in sites/$FROM/private/backups (bench --site $FROM backup --with-files)"
	database="$BENCH_ROOT/$database"
fi
prefix="${database%-database.sql.gz}"
files=()
for archive in "$prefix-files.tgz" "$prefix-files.tar"; do
	[ -f "$archive" ] && files+=(--with-public-files "$archive") && break
done
for archive in "$prefix-private-files.tgz" "$prefix-private-files.tar"; do
	[ -f "$archive" ] && files+=(--with-private-files "$archive") && break
done

if [ -n "$DB_ROOT_PASSWORD" ]; then
	DB_ADMIN_USER="$DB_ROOT_USER" DB_ADMIN_PASSWORD="$DB_ROOT_PASSWORD"
else
	[ -f config/db_admin.env ] || die "no MariaDB administrator: set DB_ROOT_USER and DB_ROOT_PASSWORD"
	# shellcheck source=/dev/null
	source config/db_admin.env
fi

log "Restoring $(basename "$database") into $TARGET ${files[*]:+with its files}"
start_redis
trap stop_redis EXIT
if [ ! -f "sites/$TARGET/site_config.json" ]; then
	# a fresh site to restore into (bench restores only into a site it knows)
	bench_cmd new-site "$TARGET" --db-host "$DB_HOST" --db-port "$DB_PORT" --admin-password "$ADMIN_PASSWORD" \
		--db-root-username "$DB_ADMIN_USER" --db-root-password "$DB_ADMIN_PASSWORD" >>logs/restore.log 2>&1 ||
		die "creating $TARGET failed (logs/restore.log)"
fi
bench_cmd --site "$TARGET" restore "$database" "${files[@]}" --force \
	--db-root-username "$DB_ADMIN_USER" --db-root-password "$DB_ADMIN_PASSWORD" >>logs/restore.log 2>&1 ||
	{
		tail -n 20 logs/restore.log
		die "restore failed (logs/restore.log)"
	}
bench_cmd --site "$TARGET" migrate >>logs/restore.log 2>&1 || die "migrate after the restore failed (logs/restore.log)"
log "Restored $TARGET from $(basename "$database")"
