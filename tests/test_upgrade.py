"""Upgrade from the previous release keeps every record and every administrator's edit.

The previous release (patches/PREVIOUS_RELEASE, or PS_UPGRADE_FROM) is unpacked from git into a
scratch bench that shares this bench's framework and Python environment; a site is created there
with the old app, given the demo data and a few administrators' edits, then moved into this bench
and upgraded with the operator's procedure, patches/upgrade.sh (backup, migrate, checks). Every
row of every data table that existed before is compared, column by column, with what is there
after: nothing may be lost or overwritten. Tables the framework itself rewrites from the code on
every migrate (DocTypes, standard reports and workspaces, logs) are named below and left out.
Runs offline: the old code comes from this repository's history.
"""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import BENCH_ROOT

USER = os.environ.get("FRAPPE_USER", "frappe")
PREVIOUS = (
	os.environ.get("PS_UPGRADE_FROM") or (BENCH_ROOT / "patches" / "PREVIOUS_RELEASE").read_text().split()[0]
)
SCRATCH = BENCH_ROOT / ".tools" / "upgrade-test"
# columns the release's patches change on purpose (patches/expected-changes.txt)
EXPECTED_CHANGES = {
	line.split("  ")[0].strip()  # two spaces end the column: table names have spaces of their own
	for line in (BENCH_ROOT / "patches" / "expected-changes.txt").read_text(encoding="utf-8").splitlines()
	if line.strip() and not line.startswith("#")
}

# rewritten from the code (or logs) on every migrate: not the office's data
FRAMEWORK_SYNCED = {
	"tabDocType",
	"tabDocField",
	"tabDocPerm",
	"tabDocType Action",
	"tabDocType Link",
	"tabDocType State",
	"tabModule Def",
	"tabPage",
	"tabHas Role",
	"tabRole",
	"tabReport",
	"tabReport Column",
	"tabReport Filter",
	"tabPrint Format",
	"tabPrint Format Field Template",
	"tabWorkspace",
	"tabWorkspace Link",
	"tabWorkspace Shortcut",
	"tabWorkspace Chart",
	"tabWorkspace Number Card",
	"tabWorkspace Quick List",
	"tabWorkspace Custom Block",
	"tabNumber Card",
	"tabDashboard Chart",
	"tabDashboard",
	"tabDashboard Chart Link",
	"tabNumber Card Link",
	"tabWeb Form",
	"tabWeb Form Field",
	"tabWeb Form List Column",
	"tabWebsite Route Meta",
	"tabPortal Menu Item",
	"tabModule Onboarding",
	"tabOnboarding Step",
	"tabOnboarding Step Map",
	"tabOnboarding Permission",
	"tabForm Tour",
	"tabForm Tour Step",
	"tabScheduled Job Type",
	"tabScheduled Job Log",
	"tabPatch Log",
	"tabInstalled Application",
	"tabError Log",
	"tabActivity Log",
	"tabAccess Log",
	"tabRoute History",
	"tabSessions",
	"tabDefaultValue",
	"tabSeries",
	"tabPrepared Report",
	"tabNavbar Item",
	"tabCustom Role",
	"tabRQ Job",
	"tabRQ Worker",
	"tabWebsite Sidebar Item",
	"tabPackage",
	"tabDocType Layout",
	"tabSession Default",
	"tabNotification Log",
	"tabSystem Health Report",
	"tabDeleted Document",
	"tabInstalled Applications",
	"tabUser Type Module",
	"tabBlock Module",
	"tabUser Select Document Type",
	"tabUser Document Type",
}
# Has Role: the app's roles are fixtures (they belong to the app); users' own rows are checked
# through the User table, whose roles are compared below


def run_as_bench_user(args: list[str], cwd: Path, env: dict | None = None, timeout: int = 1800):
	command = args
	if os.geteuid() == 0:
		command = [
			"/usr/sbin/runuser",
			"-u",
			USER,
			"--",
			"env",
			f"HOME={Path('~' + USER).expanduser()}",
			*args,
		]
	result = subprocess.run(
		command,
		cwd=cwd,
		env={
			**os.environ,
			"PATH": f"{BENCH_ROOT}/.tools/venv/bin:/usr/local/bin:/usr/bin:/bin",
			**(env or {}),
		},
		capture_output=True,
		text=True,
		timeout=timeout,
	)
	if result.returncode != 0:
		secret = db_admin()[1]
		shown = f"{' '.join(args)}\n{result.stdout[-4000:]}\n{result.stderr[-3000:]}"
		raise AssertionError(shown.replace(secret, "***") if secret else shown)
	return result


def db_admin() -> tuple[str, str]:
	env_file = BENCH_ROOT / "config" / "db_admin.env"
	if env_file.exists():
		pairs = dict(line.split("=", 1) for line in env_file.read_text().split() if "=" in line)
		return pairs["DB_ADMIN_USER"], pairs["DB_ADMIN_PASSWORD"]
	return os.environ.get("DB_ROOT_USER", "root"), os.environ.get("DB_ROOT_PASSWORD", "")


class OldBench:
	"""The previous release's code, as a bench sharing this one's framework and environment."""

	def __init__(self, root: Path):
		self.root = root
		self.sites = root / "sites"
		self.python = str(BENCH_ROOT / "env" / "bin" / "python")

	def frappe(self, *args: str, timeout: int = 1800):
		return run_as_bench_user(
			[self.python, "-m", "frappe.utils.bench_helper", "frappe", *args],
			cwd=self.sites,
			env={"PYTHONPATH": str(self.root / "apps" / "property_supervision")},
			timeout=timeout,
		)


@pytest.fixture(scope="module")
def old_bench():
	def has_previous() -> bool:
		probe = ["git", "-C", str(BENCH_ROOT), "cat-file", "-e", f"{PREVIOUS}^{{commit}}"]
		return subprocess.run(probe, capture_output=True).returncode == 0

	if not has_previous():
		# a shallow clone: the previous release comes from the clone's origin (a local path on CI)
		for fetch in (["fetch", "--unshallow", "origin"], ["fetch", "origin", PREVIOUS]):
			subprocess.run(["git", "-C", str(BENCH_ROOT), *fetch], capture_output=True)
			if has_previous():
				break
	assert has_previous(), f"the previous release {PREVIOUS} is not in this clone's history"
	root = SCRATCH / PREVIOUS[:12]
	shutil.rmtree(root, ignore_errors=True)
	(root / "sites").mkdir(parents=True)
	archive = subprocess.run(
		["git", "-C", str(BENCH_ROOT), "archive", PREVIOUS], capture_output=True, check=True
	)
	subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
	for folder in ("logs", "config/pids"):
		(root / folder).mkdir(parents=True, exist_ok=True)
	os.symlink(BENCH_ROOT / "apps" / "frappe", root / "apps" / "frappe")
	os.symlink(BENCH_ROOT / "sites" / "assets", root / "sites" / "assets")
	(root / "sites" / "apps.txt").write_text("frappe\nproperty_supervision\n")
	shutil.copy(BENCH_ROOT / "sites" / "common_site_config.json", root / "sites" / "common_site_config.json")
	if os.geteuid() == 0:
		subprocess.run(["chown", "-R", f"{USER}:{USER}", str(SCRATCH)], check=True)
	yield OldBench(root)
	shutil.rmtree(root, ignore_errors=True)


def site_db(site_path: Path) -> dict:
	return json.loads((site_path / "site_config.json").read_text())


def snapshot(config: dict) -> dict[str, dict[str, dict]]:
	"""Every row of every table but the framework's own, by table and name."""

	def query(sql: str) -> list[list[str]]:
		out = subprocess.run(
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
				"-B",
				config["db_name"],
				"-e",
				sql,
			],
			capture_output=True,
			text=True,
			check=True,
		).stdout
		return [line.split("\t") for line in out.splitlines()]

	tables = [row[0] for row in query("show tables")[1:] if row[0].startswith("tab")]
	data = {}
	for table in tables:
		if table in FRAMEWORK_SYNCED:
			continue
		rows = query(f"select * from `{table}`")
		if not rows:
			continue
		header, *values = rows
		if table == "tabSingles":  # settings: one row per (DocType, field)
			key_columns = [header.index("doctype"), header.index("field")]
		elif "name" in header:
			key_columns = [header.index("name")]
		else:
			continue
		data[table] = {
			".".join(row[i] for i in key_columns): dict(zip(header, row, strict=False)) for row in values
		}
	return data


def test_upgrade_from_the_previous_release_keeps_every_record_and_edit(old_bench):
	site = f"upgrade-{uuid.uuid4().hex[:8]}.localhost"
	user, password = db_admin()
	old_bench.frappe(
		"new-site",
		site,
		"--db-host",
		"127.0.0.1",
		"--db-root-username",
		user,
		"--db-root-password",
		password,
		"--admin-password",
		"admin",
		"--install-app",
		"property_supervision",
	)
	moved = BENCH_ROOT / "sites" / site
	try:
		old_bench.frappe("--site", site, "execute", "property_supervision.setup.install.configure_site")
		old_bench.frappe(
			"--site",
			site,
			"execute",
			"property_supervision.setup.demo.load_demo_data",
			"--kwargs",
			'{"seed": 2015}',
		)
		config = site_db(old_bench.sites / site)
		before_data = snapshot(config)

		# administrators' edits in the old release, through the document API as the desk does
		# a category the office adds itself (a default it deletes staying deleted is tested in
		# property_supervision/tests/test_defaults.py; the demo's complaints use every default one)
		category = "本办新增类别"
		compound = sorted(before_data["tabResidential Compound"])[0]
		workflow = sorted(before_data["tabWorkflow"])[0]
		alert = before_data["tabWorkflow"][workflow]["send_email_alert"]
		edits = [
			("Supervision Unit", "区司法局", "contact_phone", "0991-4888888"),
			("Residential Compound", compound, "developer_name", "管理员修改的开发建设单位"),
			("Workflow", workflow, "send_email_alert", "0" if alert == "1" else "1"),
		]
		for notification in sorted(before_data.get("tabNotification", {}))[:1]:
			edits.append(("Notification", notification, "subject", "（本办修改）{{ doc.name }}"))
		for doctype, name, field, value in edits:
			old_bench.frappe(
				"--site",
				site,
				"execute",
				"frappe.client.set_value",
				"--args",
				json.dumps([doctype, name, field, value]),
			)
		old_bench.frappe(
			"--site",
			site,
			"execute",
			"frappe.client.insert",
			"--args",
			json.dumps([{"doctype": "Complaint Category", "category_name": category}]),
		)
		before = snapshot(config)
		assert before["tabSupervision Unit"]["区司法局"]["contact_phone"] == "0991-4888888"
		assert category in before["tabComplaint Category"]

		# the site moves into this bench, which carries the new release, and is upgraded
		run_as_bench_user(["mv", str(old_bench.sites / site), str(moved)], cwd=BENCH_ROOT)
		result = run_as_bench_user(["bash", str(BENCH_ROOT / "patches" / "upgrade.sh"), site], cwd=BENCH_ROOT)
		assert "Upgraded" in result.stdout

		after = snapshot(site_db(moved))
		lost, changed = [], []
		# when a record was last saved is not its content (an update may save settings again)
		ignored = {"modified", "modified_by"}
		for table, rows in before.items():
			for name, row in rows.items():
				new = after.get(table, {}).get(name)
				if new is None:
					lost.append(f"{table} {name}")
					continue
				if table == "tabSingles" and row.get("field") in ignored:
					continue
				for column, value in row.items():
					if column in ignored or column not in new or new[column] == value:
						continue
					if f"{table}.{column}" in EXPECTED_CHANGES:
						continue
					if column in ("workflow_data", "workflow_builder_id") and value == "NULL":
						continue  # the desk's workflow builder fills in its layout when a workflow is saved
					changed.append((table, column, f"{table} {name}.{column}: {value!r} -> {new[column]!r}"))
		assert not lost, f"{len(lost)} records lost, e.g. {lost[:10]}"
		by_column = {}
		for table, column, change in changed:
			by_column.setdefault(f"{table}.{column}", []).append(change)
		assert not changed, f"{len(changed)} values overwritten: " + "; ".join(
			f"{column} ×{len(items)} (e.g. {items[0]})" for column, items in sorted(by_column.items())
		)
		# the edits and the office's own record are there
		for doctype, name, field, value in edits:
			assert after[f"tab{doctype}"][name][field] == value
		assert category in after["tabComplaint Category"]
		# the upgrade's backup is there for the way back
		assert list((moved / "private" / "backups").glob("*-database.sql.gz"))
	finally:
		run_as_bench_user(
			[
				str(BENCH_ROOT / ".tools/venv/bin/bench"),
				"drop-site",
				site,
				"--force",
				"--no-backup",
				"--db-root-username",
				user,
				"--db-root-password",
				password,
			],
			cwd=BENCH_ROOT,
		) if moved.exists() else old_bench.frappe(
			"drop-site",
			site,
			"--force",
			"--no-backup",
			"--db-root-username",
			user,
			"--db-root-password",
			password,
		)
		shutil.rmtree(BENCH_ROOT / "archived" / "sites" / site, ignore_errors=True)
