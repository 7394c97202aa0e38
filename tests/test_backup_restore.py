"""Backup and restore round trip, the way an operator does it (README, "Backups and restore"): the
site's latest backup — taken by the daily job's function — goes into a fresh site with
scripts/restore.sh, and the fresh site holds the same records and files."""

import json
import subprocess
import uuid

import pytest
from conftest import BASE_URL, BENCH_ROOT, SITE, bench, login

AREA = "七纺片区管委会"


def execute(site: str, method: str, *args) -> object:
	result = bench("--site", site, "execute", method, *(["--args", json.dumps(list(args))] if args else []))
	lines = result.stdout.strip().splitlines()
	return json.loads(lines[-1]) if lines else None


def counts(site: str) -> dict:
	return {
		doctype: execute(site, "frappe.db.count", doctype)
		for doctype in ("Jurisdiction", "Supervision Unit", "User", "File", "Workflow", "Credit Rule")
	}


@pytest.fixture()
def restored_site():
	name = f"restore-{uuid.uuid4().hex[:8]}.localhost"
	yield name
	admin = {}
	env_file = BENCH_ROOT / "config" / "db_admin.env"
	if env_file.exists():
		admin = dict(line.split("=", 1) for line in env_file.read_text().split() if "=" in line)
	bench(
		"drop-site",
		name,
		"--force",
		"--no-backup",
		"--db-root-username",
		admin.get("DB_ADMIN_USER", "root"),
		"--db-root-password",
		admin.get("DB_ADMIN_PASSWORD", ""),
		check=False,
	)
	# bench keeps a dropped site's folder under archived/sites (git ignores it); this one has no use
	subprocess.run(["rm", "-rf", str(BENCH_ROOT / "archived" / "sites" / name)], check=False)


def test_latest_backup_restores_into_a_fresh_site(restored_site):
	admin = login()
	marker = f"备份恢复测试社区{uuid.uuid4().hex[:6]}"
	admin.post(
		f"{BASE_URL}/api/resource/Jurisdiction",
		json={"jurisdiction_name": marker, "jurisdiction_type": "Community", "parent_jurisdiction": AREA},
		timeout=60,
	).raise_for_status()
	content = f"private evidence {marker}".encode()
	upload = admin.post(
		f"{BASE_URL}/api/method/upload_file",
		files={"file": (f"{marker}.txt", content, "text/plain")},
		data={"is_private": 1, "doctype": "Jurisdiction", "docname": marker},
		timeout=60,
	)
	upload.raise_for_status()
	file_url = upload.json()["message"]["file_url"]
	try:
		paths = execute(SITE, "property_supervision.setup.backups.take_backup")
		assert {"database", "public", "private"} <= set(paths)
		before = counts(SITE)

		result = subprocess.run(
			["bash", str(BENCH_ROOT / "scripts/restore.sh"), restored_site, SITE],
			cwd=BENCH_ROOT,
			capture_output=True,
			text=True,
			timeout=900,
		)
		assert result.returncode == 0, result.stdout + result.stderr

		assert counts(restored_site) == before
		assert (
			execute(restored_site, "frappe.db.get_value", "Jurisdiction", marker, "parent_jurisdiction")
			== AREA
		)
		restored_file = (
			BENCH_ROOT / "sites" / restored_site / "private" / "files" / file_url.rsplit("/", 1)[1]
		)
		assert restored_file.read_bytes() == content
		# the restored site carries the source's settings, the administrators' own
		assert execute(restored_site, "frappe.db.get_single_value", "System Settings", "language") == execute(
			SITE, "frappe.db.get_single_value", "System Settings", "language"
		)
	finally:
		admin.delete(f"{BASE_URL}/api/resource/File/{upload.json()['message']['name']}", timeout=60)
		admin.delete(f"{BASE_URL}/api/resource/Jurisdiction/{marker}", timeout=60)
