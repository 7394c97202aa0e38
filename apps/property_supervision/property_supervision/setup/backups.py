"""Daily backups of the site, database and files, with retention.

Frappe's bench takes scheduled backups through cron (`bench setup backups`); the production stack
of this repository and the container images have no cron, so the app takes them itself: a
`daily_long` scheduler job, run by the long-queue RQ worker, writes a compressed database dump,
the public and private files and the site configuration into sites/<site>/private/backups/,
as `bench --site SITE backup --with-files --compress` does.

Retention: sets older than `backup_retention_days` (site config, default 14) are deleted after
each new one; Frappe's own daily cleanup keeps as many database dumps as System Settings →
backup_limit, which `configure_backups` sets to the same number of days. A site that is backed
up by other means (the container stack's backup job, a storage snapshot) switches the job off
with the site config `daily_backup: 0`.

Restore: scripts/restore.sh (README, "Backups and restore").
"""

import os
import time
from pathlib import Path

import frappe
from frappe.utils import cint
from frappe.utils.backups import new_backup

DEFAULT_RETENTION_DAYS = 14
# the names Frappe gives a set's parts (file archives are .tgz when compressed)
SUFFIXES = {
	"database": ("-database.sql.gz",),
	"public": ("-files.tgz", "-files.tar"),
	"private": ("-private-files.tgz", "-private-files.tar"),
	"config": ("-site_config_backup.json",),
}


def retention_days() -> int:
	return cint(frappe.conf.get("backup_retention_days")) or DEFAULT_RETENTION_DAYS


def backups_path() -> Path:
	return Path(frappe.get_site_path("private", "backups")).resolve()


def daily_backup():
	"""The scheduled job (hooks: daily_long)."""
	if not cint(frappe.conf.get("daily_backup", 1)):
		return
	take_backup()


def take_backup() -> dict[str, str]:
	"""A full backup now (database, public and private files, configuration). Returns its paths."""
	# Frappe deletes backups older than keep_backups_for_hours whenever it writes a new one
	frappe.local.conf.keep_backups_for_hours = retention_days() * 24
	backup = new_backup(ignore_files=False, compress=True, force=True)
	paths = {
		"database": backup.backup_path_db,
		"public": backup.backup_path_files,
		"private": backup.backup_path_private_files,
		"config": backup.backup_path_conf,
	}
	delete_expired_backups()
	return {kind: str(Path(path).resolve()) for kind, path in paths.items() if path}


def delete_expired_backups(now: float | None = None) -> list[str]:
	"""Delete the backup files older than the retention period. Returns their names."""
	limit = (now or time.time()) - retention_days() * 86400
	deleted = []
	folder = backups_path()
	if not folder.is_dir():
		return deleted
	for path in folder.iterdir():
		if (
			path.is_file()
			and path.name.endswith(tuple(s for kind in SUFFIXES.values() for s in kind))
			and path.stat().st_mtime < limit
		):
			path.unlink()
			deleted.append(path.name)
	return sorted(deleted)


def latest_backup() -> dict[str, str]:
	"""The newest complete set (database plus whatever files and configuration were taken with it)."""
	folder = backups_path()
	database = SUFFIXES["database"][0]
	databases = sorted(folder.glob("*" + database), key=os.path.getmtime) if folder.is_dir() else []
	if not databases:
		frappe.throw(
			f"No backup in {folder}: take one with bench --site {frappe.local.site} backup --with-files"
		)
	prefix = databases[-1].name[: -len(database)]
	found = {}
	for kind, suffixes in SUFFIXES.items():
		for suffix in suffixes:
			path = folder / (prefix + suffix)
			if path.is_file():
				found[kind] = str(path)
				break
	return found


def configure_backups(retention: int | None = None):
	"""Make Frappe's own cleanup keep as many database dumps as there are retention days."""
	days = cint(retention) or retention_days()
	frappe.db.set_single_value("System Settings", "backup_limit", days)
	frappe.db.commit()
