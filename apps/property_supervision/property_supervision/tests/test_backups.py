"""Daily backups with retention (setup/backups.py): the job is scheduled in the long queue, a
backup holds the database, both file archives and the configuration, and sets older than the
retention period go while newer ones stay. The restore is tested from outside, in
tests/test_backup_restore.py."""

import gzip
import os
import time

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.setup import backups

JOB = "property_supervision.setup.backups.daily_backup"


class TestBackups(FrappeTestCase):
	def test_the_daily_backup_is_scheduled_in_the_long_queue(self):
		self.assertIn(JOB, frappe.get_hooks("scheduler_events")["daily_long"])
		self.assertEqual(
			frappe.db.get_value("Scheduled Job Type", {"method": JOB}, "frequency"), "Daily Long"
		)
		# Frappe's own daily cleanup keeps as many database dumps as the retention has days
		self.assertEqual(
			frappe.db.get_single_value("System Settings", "backup_limit"), backups.retention_days()
		)

	def test_a_backup_holds_database_files_and_configuration(self):
		paths = backups.take_backup()
		self.assertEqual(set(paths), {"database", "public", "private", "config"})
		for path in paths.values():
			self.assertTrue(os.path.isfile(path), path)
		with gzip.open(paths["database"], "rt", encoding="utf-8", errors="replace") as dump:
			self.assertIn("tabJurisdiction", dump.read())
		self.assertEqual(backups.latest_backup(), paths)

	def test_sets_older_than_the_retention_go(self):
		folder = backups.backups_path()
		folder.mkdir(parents=True, exist_ok=True)
		now = time.time()
		days = backups.retention_days()
		old = folder / "19990101_000000-retention_test-database.sql.gz"
		recent = folder / "19990102_000000-retention_test-files.tar"
		other = folder / "retention_test-notes.txt"  # not a backup: never touched
		try:
			for path, age_days in ((old, days + 1), (recent, days - 1), (other, days + 30)):
				path.write_bytes(b"x")
				os.utime(path, (now - age_days * 86400, now - age_days * 86400))
			self.assertEqual(backups.delete_expired_backups(now=now), [old.name])
			self.assertFalse(old.exists())
			self.assertTrue(recent.exists() and other.exists())
		finally:
			for path in (old, recent, other):
				path.unlink(missing_ok=True)

	def test_the_job_can_be_switched_off(self):
		before = sorted(backups.backups_path().glob("*"))
		frappe.local.conf.daily_backup = 0
		try:
			backups.daily_backup()
		finally:
			del frappe.local.conf["daily_backup"]
		self.assertEqual(sorted(backups.backups_path().glob("*")), before)
