"""The bench itself: a fresh install, and `bench migrate` being a no-op the second time."""

import hashlib
import json
import os
import subprocess
import uuid

import pytest
from conftest import BENCH_ROOT, SITE, bench

# Bookkeeping that Frappe writes on every migrate by design, not data the migrate changes: the
# list of installed app versions (the Installed Applications single, rewritten each run, and its
# Version row) and logs.
VOLATILE_TABLES = {"tabInstalled Application", "tabScheduled Job Log", "tabError Log", "tabSessions"}
FILTERED_TABLES = {
	"tabSingles": "select doctype, field, value from `tabSingles` "
	"where doctype != 'Installed Applications' order by doctype, field",
	"tabVersion": "select name, ref_doctype, docname, data from `tabVersion` "
	"where ref_doctype != 'Installed Applications' order by name",
}


def db_admin() -> tuple[str, str]:
	if os.environ.get("DB_ROOT_PASSWORD"):
		return os.environ.get("DB_ROOT_USER", "root"), os.environ["DB_ROOT_PASSWORD"]
	values = dict(
		line.split("=", 1)
		for line in (BENCH_ROOT / "config" / "db_admin.env").read_text().split()
		if "=" in line
	)
	return values["DB_ADMIN_USER"], values["DB_ADMIN_PASSWORD"]


def site_db(site: str) -> dict:
	return json.loads((BENCH_ROOT / "sites" / site / "site_config.json").read_text())


def mysql(config: dict, sql: str) -> list[list[str]]:
	result = subprocess.run(
		[
			"mysql",
			"--protocol=TCP",
			"-h",
			config.get("db_host", "127.0.0.1"),
			"-P",
			str(config.get("db_port", 3306)),
			"-u",
			config["db_name"],
			f"-p{config['db_password']}",
			"-N",
			"-B",
			config["db_name"],
			"-e",
			sql,
		],
		capture_output=True,
		text=True,
		check=True,
	)
	return [line.split("\t") for line in result.stdout.splitlines()]


def fingerprint(site: str) -> dict[str, str]:
	config = site_db(site)
	tables = [row[0] for row in mysql(config, "show tables")]
	tables = [t for t in tables if t not in VOLATILE_TABLES and t not in FILTERED_TABLES]
	checksums = {
		table: hashlib.sha1(repr(mysql(config, sql)).encode()).hexdigest()
		for table, sql in FILTERED_TABLES.items()
	}
	for start in range(0, len(tables), 100):
		chunk = tables[start : start + 100]
		sql = "CHECKSUM TABLE " + ", ".join(f"`{t}`" for t in chunk)
		for name, value in mysql(config, sql):
			checksums[name] = value
	return checksums


def test_second_migrate_changes_nothing():
	bench("--site", SITE, "migrate")
	before = fingerprint(SITE)
	bench("--site", SITE, "migrate")
	after = fingerprint(SITE)
	changed = sorted(t for t in before if before[t] != after.get(t))
	assert set(before) == set(after), "the second migrate created or dropped tables"
	assert not changed, f"the second migrate changed: {changed}"


def new_site(name: str, *options: str):
	"""A site created the way scripts/setup.sh creates one."""
	user, password = db_admin()
	bench(
		"new-site",
		name,
		"--db-host",
		"127.0.0.1",
		"--db-root-username",
		user,
		"--db-root-password",
		password,
		"--admin-password",
		"admin",
		*options,
	)


@pytest.fixture
def scratch_site():
	name = f"ps-install-{uuid.uuid4().hex[:8]}.localhost"
	yield name
	user, password = db_admin()
	bench(
		"drop-site",
		name,
		"--force",
		"--no-backup",
		"--db-root-username",
		user,
		"--db-root-password",
		password,
		check=False,
	)


def test_app_installs_on_fresh_site(scratch_site):
	new_site(scratch_site, "--install-app", "property_supervision")
	apps = bench("--site", scratch_site, "list-apps").stdout
	assert "property_supervision" in apps
	count = bench("--site", scratch_site, "execute", "frappe.db.count", "--args", '["Jurisdiction"]').stdout
	assert int(count.strip().splitlines()[-1]) == 11  # 水磨沟区, 8 area committees, 2 subdistricts
	units = bench(
		"--site", scratch_site, "execute", "frappe.db.count", "--args", '["Supervision Unit"]'
	).stdout
	assert int(units.strip().splitlines()[-1]) >= 26


def test_administrator_edits_survive_migrate(admin):
	from conftest import BASE_URL

	url = f"{BASE_URL}/api/resource/Workflow/Owners Committee Filing"
	workflow = admin.get(url, timeout=30).json()["data"]
	original = workflow["transitions"][0]["allowed"]
	workflow["transitions"][0]["allowed"] = "Supervision Admin"
	assert admin.put(url, json={"transitions": workflow["transitions"]}, timeout=60).status_code == 200
	settings_url = f"{BASE_URL}/api/resource/Complaint Settings/Complaint Settings"
	original_days = admin.get(settings_url, timeout=30).json()["data"]["community_days"]
	assert admin.put(settings_url, json={"community_days": 4}, timeout=30).status_code == 200
	try:
		bench("--site", SITE, "migrate")
		after = admin.get(url, timeout=30).json()["data"]
		assert after["transitions"][0]["allowed"] == "Supervision Admin"
		assert admin.get(settings_url, timeout=30).json()["data"]["community_days"] == 4
	finally:
		after = admin.get(url, timeout=30).json()["data"]
		after["transitions"][0]["allowed"] = original
		admin.put(url, json={"transitions": after["transitions"]}, timeout=60)
		admin.put(settings_url, json={"community_days": original_days}, timeout=30)


def test_backup_restores_into_a_new_site(scratch_site):
	"""A backup of the test site restored into a fresh site holds the same records."""
	backup = bench("--site", SITE, "backup", "--ignore-backup-conf").stdout
	database = next(
		line.split(":", 1)[1].strip().split()[0]
		for line in backup.splitlines()
		if line.strip().startswith("Database")
	)
	path = database if database.startswith("/") else str(BENCH_ROOT / "sites" / database.lstrip("./"))
	new_site(scratch_site)
	user, password = db_admin()
	bench(
		"--site",
		scratch_site,
		"--force",
		"restore",
		path,
		"--db-root-username",
		user,
		"--db-root-password",
		password,
	)
	config_original, config_restored = site_db(SITE), site_db(scratch_site)
	for doctype in (
		"Jurisdiction",
		"Supervision Unit",
		"Workflow",
		"Complaint Category",
		"Residential Compound",
	):
		sql = f"select count(*) from `tab{doctype}`"
		assert mysql(config_original, sql) == mysql(config_restored, sql), doctype
