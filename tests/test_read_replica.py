"""Reports on a MariaDB read replica (Frappe's `read_from_replica`, SPEC §13).

The test builds the setup an office would run, on this machine: its own pair of MariaDB servers
(a primary with a binary log, and a replica with `read_only` on, fed by GTID replication), a copy
of the test site's database loaded into the primary (the replica receives it through
replication), a site on that database with `read_from_replica`, `replica_host` and
`replica_db_port` set by `bench set-config`, served on its own port. Then, over HTTP as an officer:

- every shipped Script and Query Report, the report view, its count and both exports read their
  rows on the replica: the replica's general log holds the site account's SELECTs of the app's
  tables during the request, the primary's holds none, and the replica (read-only) saw no write;
- writes go to the primary: a complaint filed while the replica's applier is stopped is on the
  primary only, the report does not count it yet, and counts it once the replica has caught up;
- the control: with `read_from_replica` off, the same report reads on the primary and the replica
  sees nothing;
- with the replica unreachable the report fails (Frappe does not fall back), without a traceback.

Building the site from a copy of the database takes seconds (a `bench new-site` with the app takes
about two minutes on the development machine).

Everything the test starts is stopped, and its data folders and site removed, even on failure.
"""

import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from conftest import BENCH_ROOT, SITE, bench, bench_command, check, login, make_user, wait_for

MARIADBD = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin:/usr/local/sbin")
INSTALL_DB = shutil.which("mariadb-install-db")
PRIMARY_PORT = int(os.environ.get("PS_REPLICA_PRIMARY_PORT", "3310"))
REPLICA_PORT = int(os.environ.get("PS_REPLICA_DB_PORT", "3311"))
WEB_PORT = int(os.environ.get("PS_REPLICA_WEB_PORT", "8031"))
URL = f"http://127.0.0.1:{WEB_PORT}"
APP = BENCH_ROOT / "apps" / "property_supervision" / "property_supervision"
# the reports' mandatory filters (what their .js files default to)
REPORT_FILTERS = {
	"Assessment Ranking": {"year": date.today().year - 1},
	"Performance Results": {"year": date.today().year - 1},
	"Complaint Statistics": {"group_by": "Jurisdiction"},
	"Training Coverage": {"year": date.today().year},
}

pytestmark = pytest.mark.skipif(
	not (MARIADBD and INSTALL_DB),
	reason="mariadbd / mariadb-install-db are not installed (Debian package mariadb-server-core, "
	"which scripts/setup.sh installs)",
)


def shipped_reports() -> list[dict]:
	reports = []
	for path in sorted(APP.glob("*/report/*/*.json")):
		report = json.loads(path.read_text(encoding="utf-8"))
		if report.get("doctype") == "Report" and report["report_type"] in ("Script Report", "Query Report"):
			reports.append(report)
	return reports


class MariaDB:
	"""One MariaDB server of the pair, in its own data folder, on 127.0.0.1:port."""

	def __init__(self, root: Path, name: str, port: int):
		self.name, self.port = name, port
		self.datadir = root / name
		self.process: subprocess.Popen | None = None
		self.user = "mysql"
		try:
			pwd.getpwnam(self.user)
		except KeyError:
			self.user = "root"

	def start(self, *options: str):
		subprocess.run(
			[
				INSTALL_DB,
				"--no-defaults",
				f"--datadir={self.datadir}",
				f"--user={self.user}",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
			],
			check=True,
			capture_output=True,
			timeout=120,
		)
		with socket.socket() as probe:
			assert probe.connect_ex(("127.0.0.1", self.port)) != 0, f"port {self.port} is in use"
		self.log = open(self.datadir.parent / f"{self.name}.err", "ab")
		self.process = subprocess.Popen(
			[
				MARIADBD,
				"--no-defaults",
				f"--user={self.user}",
				f"--datadir={self.datadir}",
				f"--port={self.port}",
				"--bind-address=127.0.0.1",
				f"--socket={self.datadir}/mysqld.sock",
				f"--pid-file={self.datadir}/mysqld.pid",
				"--skip-name-resolve",
				# what Frappe asks of its server
				"--character-set-server=utf8mb4",
				"--collation-server=utf8mb4_unicode_ci",
				"--innodb-buffer-pool-size=128M",
				"--innodb-flush-log-at-trx-commit=2",
				# every statement, with the account that sent it, in mysql.general_log
				"--general-log=1",
				"--log-output=TABLE",
				*options,
			],
			stdout=self.log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		deadline = time.monotonic() + 60
		while subprocess.run(self._client("-e", "select 1"), capture_output=True).returncode:
			assert self.process.poll() is None, self.error_log()
			assert time.monotonic() < deadline, f"MariaDB {self.name} did not start: {self.error_log()}"
			time.sleep(0.3)

	def error_log(self) -> str:
		return (self.datadir.parent / f"{self.name}.err").read_text(errors="replace")[-3000:]

	def _client(self, *args: str) -> list[str]:
		return ["mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", str(self.port), "-u", "root", *args]

	def sql(self, statement: str, database: str = "") -> list[list[str]]:
		"""Rows of a statement run as root (newlines and tabs in values come escaped: `\\n`, `\\t`)."""
		result = subprocess.run(
			self._client(
				"--batch", "--skip-column-names", *([database] if database else []), "-e", statement
			),
			capture_output=True,
			text=True,
			timeout=300,
		)
		assert result.returncode == 0, f"{self.name}: {statement}: {result.stderr}"
		return [line.split("\t") for line in result.stdout.splitlines()]

	def value(self, statement: str, database: str = "") -> str:
		return self.sql(statement, database)[0][0]

	def statements_of(self, account: str) -> list[str]:
		"""What `account` sent to this server since the log was last cleared."""
		rows = self.sql(
			"select argument from mysql.general_log where command_type = 'Query' "
			f"and user_host like '{account}[{account}]%' order by event_time"
		)
		return [row[0] for row in rows]

	def clear_log(self):
		self.sql("truncate table mysql.general_log")

	def stop(self):
		if not self.process:
			return
		with contextlib.suppress(OSError):
			self.process.terminate()
		try:
			self.process.wait(timeout=60)
		except subprocess.TimeoutExpired:
			os.killpg(self.process.pid, signal.SIGKILL)
			self.process.wait(timeout=30)
		self.log.close()


def site_db_config(site: str) -> dict:
	common = json.loads((BENCH_ROOT / "sites" / "common_site_config.json").read_text())
	config = json.loads((BENCH_ROOT / "sites" / site / "site_config.json").read_text())
	return {**common, **config}


def forget_cached_keys(db_name: str):
	"""The site's keys in the bench's Redis cache (Frappe prefixes them with the database name)."""
	url = site_db_config(SITE).get("redis_cache")
	if not url or not shutil.which("redis-cli"):
		return
	keys = subprocess.run(
		["redis-cli", "-u", url, "--scan", "--pattern", f"{db_name}|*"], capture_output=True, text=True
	).stdout.splitlines()
	for start in range(0, len(keys), 500):
		subprocess.run(["redis-cli", "-u", url, "unlink", *keys[start : start + 500]], capture_output=True)


class Setup:
	"""The pair of servers and the site on them."""

	def __init__(self):
		self.token = secrets.token_hex(5)
		self.site = f"replica-{self.token}.localhost"
		self.db_name = f"_rr{self.token}"
		self.db_password = secrets.token_hex(12)
		shm = Path("/dev/shm")
		self.root = Path(tempfile.mkdtemp(prefix="ps-replica-", dir=shm if os.access(shm, os.W_OK) else None))
		self.primary = MariaDB(self.root, "primary", PRIMARY_PORT)
		self.replica = MariaDB(self.root, "replica", REPLICA_PORT)
		self.web: subprocess.Popen | None = None

	def catch_up(self, timeout: int = 120):
		"""Wait until the replica has applied everything the primary has written."""
		position = self.primary.value("select @@gtid_binlog_pos")
		caught_up = self.replica.value(f"select master_gtid_wait('{position}', {timeout})")
		assert caught_up == "0", f"the replica did not catch up with {position}: {self.replication_status()}"

	def replication_status(self) -> dict:
		result = subprocess.run(
			self.replica._client("-e", "show slave status\\G"), capture_output=True, text=True, timeout=60
		)
		status = {}
		for line in result.stdout.splitlines():
			if ":" in line:
				key, value = line.split(":", 1)
				status[key.strip()] = value.strip()
		return status


@pytest.fixture(scope="module")
def setup():
	started = time.monotonic()
	s = Setup()
	site_dir = BENCH_ROOT / "sites" / s.site
	try:
		if s.primary.user != "root":
			shutil.chown(s.root, s.primary.user, s.primary.user)
		s.primary.start("--server-id=1", "--log-bin=primary-bin", "--binlog-format=ROW")
		s.replica.start("--server-id=2", "--read-only=1", "--relay-log=replica-relay")
		password = secrets.token_hex(12)
		s.primary.sql(
			f"create user repl@'127.0.0.1' identified by '{password}';"
			"grant replication slave on *.* to repl@'127.0.0.1'"
		)
		s.replica.sql(
			f"change master to master_host='127.0.0.1', master_port={PRIMARY_PORT}, master_user='repl', "
			f"master_password='{password}', master_use_gtid=slave_pos; start slave"
		)

		# the site's database on the primary: its account and a copy of the test site's data
		s.primary.sql(
			f"create database `{s.db_name}` character set utf8mb4 collate utf8mb4_unicode_ci;"
			f"create user '{s.db_name}'@'%' identified by '{s.db_password}';"
			f"grant all privileges on `{s.db_name}`.* to '{s.db_name}'@'%'"
		)
		source = site_db_config(SITE)
		dump = subprocess.Popen(
			[
				"mariadb-dump",
				"--no-defaults",
				"-h",
				str(source.get("db_host") or "127.0.0.1"),
				"-P",
				str(source.get("db_port") or 3306),
				"-u",
				source["db_name"],
				"--single-transaction",
				"--quick",
				"--skip-lock-tables",
				"--no-tablespaces",
				source["db_name"],
			],
			stdout=subprocess.PIPE,
			stderr=subprocess.PIPE,
			env={**os.environ, "MYSQL_PWD": source["db_password"]},
		)
		load = subprocess.run(
			s.primary._client(s.db_name), stdin=dump.stdout, capture_output=True, timeout=600
		)
		dump.stdout.close()
		assert dump.wait(timeout=60) == 0, dump.stderr.read().decode(errors="replace")
		assert load.returncode == 0, load.stderr.decode(errors="replace")
		loaded = time.monotonic()

		# the site: the source site's settings (encryption key, …) on the primary's database
		site_dir.mkdir()
		for folder in ("logs", "locks", "private/files", "private/backups", "public/files"):
			(site_dir / folder).mkdir(parents=True)
		config = json.loads((BENCH_ROOT / "sites" / SITE / "site_config.json").read_text())
		config.update(
			db_name=s.db_name,
			db_password=s.db_password,
			db_host="127.0.0.1",
			db_port=PRIMARY_PORT,
			host_name=URL,
			pause_scheduler=1,
		)
		(site_dir / "site_config.json").write_text(json.dumps(config, indent=1))
		if os.geteuid() == 0:
			user = os.environ.get("FRAPPE_USER", "frappe")
			subprocess.run(["chown", "-R", f"{user}:{user}", str(site_dir)], check=True)
		# what an office runs (README, "Reports on a read replica")
		bench("--site", s.site, "set-config", "--parse", "read_from_replica", "1")
		bench("--site", s.site, "set-config", "replica_host", "127.0.0.1")
		bench("--site", s.site, "set-config", "--parse", "replica_db_port", str(REPLICA_PORT))

		command, env = bench_command("--site", s.site, "serve", "--port", str(WEB_PORT), "--noreload")
		s.web_log = open(BENCH_ROOT / "logs" / "test-read-replica.log", "ab")
		s.web = subprocess.Popen(
			command,
			cwd=BENCH_ROOT,
			env=env,
			stdout=s.web_log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		wait_for(f"{URL}/api/method/ping")
		s.catch_up()
		print(
			f"\nreplica set up in {time.monotonic() - started:.0f} s "
			f"(servers started, database copied and replicated in {loaded - started:.0f} s)"
		)
		yield s
	finally:
		if s.web:
			with contextlib.suppress(ProcessLookupError):
				os.killpg(s.web.pid, signal.SIGTERM)
			try:
				s.web.wait(timeout=30)
			except subprocess.TimeoutExpired:
				os.killpg(s.web.pid, signal.SIGKILL)
			s.web_log.close()
		s.replica.stop()
		s.primary.stop()
		forget_cached_keys(s.db_name)
		shutil.rmtree(site_dir, ignore_errors=True)
		shutil.rmtree(s.root, ignore_errors=True)


@pytest.fixture(scope="module")
def admin_session(setup) -> requests.Session:
	return login(base_url=URL)


@pytest.fixture(scope="module")
def officer(setup, admin_session) -> requests.Session:
	"""A district supervisor: the account is written on the primary and replicated."""
	password = f"Rr-{secrets.token_hex(8)}"
	email = make_user(
		admin_session,
		f"replica-officer-{setup.token}@example.invalid",
		"District Supervisor",
		password=password,
		base_url=URL,
	)
	assert setup.primary.value(f"select count(*) from `tabUser` where name = '{email}'", setup.db_name) == "1"
	setup.catch_up()
	assert setup.replica.value(f"select count(*) from `tabUser` where name = '{email}'", setup.db_name) == "1"
	return login(email, password, base_url=URL)


def writes(statements: list[str]) -> list[str]:
	return [
		q
		for q in statements
		if q.lstrip().split(" ", 1)[0].lower() in ("insert", "update", "delete", "replace")
	]


def app_doctypes() -> set[str]:
	"""The app's own DocTypes: the tables that hold a report's rows (not the framework's metadata)."""
	names = set()
	for path in APP.glob("*/doctype/*/*.json"):
		if path.stem == path.parent.name:
			names.add(json.loads(path.read_text(encoding="utf-8"))["name"])
	return names


def reads_of(statements: list[str], doctypes: set[str]) -> list[str]:
	"""The SELECTs among `statements` that read a table of one of `doctypes`."""
	return [
		q
		for q in statements
		if q.lstrip().lower().startswith(("select", "with"))
		and any(f"`tab{doctype}`" in q for doctype in doctypes)
	]


def test_the_replica_replicates_and_refuses_writes(setup):
	status = setup.replication_status()
	assert status["Slave_IO_Running"] == "Yes" and status["Slave_SQL_Running"] == "Yes", status
	assert setup.replica.value("select @@read_only") == "1"
	tables = setup.replica.value(
		f"select count(*) from information_schema.tables where table_schema = '{setup.db_name}'"
	)
	assert int(tables) > 100
	assert setup.replica.value("select count(*) from `tabReport`", setup.db_name) == setup.primary.value(
		"select count(*) from `tabReport`", setup.db_name
	)


def test_every_report_reads_its_rows_on_the_replica(setup, officer):
	reports = shipped_reports()
	assert len(reports) >= 7, [r["name"] for r in reports]
	doctypes = app_doctypes()
	for report in reports:
		setup.primary.clear_log()
		setup.replica.clear_log()
		response = officer.get(
			f"{URL}/api/method/frappe.desk.query_report.run",
			params={
				"report_name": report["name"],
				"filters": json.dumps(REPORT_FILTERS.get(report["name"], {})),
			},
			timeout=120,
		)
		result = check(response)["message"]
		assert result["columns"], report["name"]
		on_replica = setup.replica.statements_of(setup.db_name)
		on_primary = setup.primary.statements_of(setup.db_name)
		assert reads_of(on_replica, doctypes), (
			f"{report['name']}: none of its rows were read on the replica: {on_replica}"
		)
		assert not reads_of(on_primary, doctypes), (
			f"{report['name']}: rows read on the primary: {reads_of(on_primary, doctypes)[:5]}"
		)
		assert not writes(on_replica), writes(on_replica)


def test_report_view_and_exports_read_on_the_replica(setup, officer):
	calls = [
		(
			"frappe.desk.reportview.get",
			{"doctype": "Complaint", "fields": json.dumps(["`tabComplaint`.`name`"]), "page_length": 20},
			"Complaint",
		),
		(
			"frappe.desk.reportview.get_count",
			{"doctype": "Complaint", "filters": "[]"},
			"Complaint",
		),
		(
			"frappe.desk.reportview.export_query",
			{
				"doctype": "Residential Compound",
				"file_format_type": "CSV",
				"fields": json.dumps(["`tabResidential Compound`.`name`"]),
				"filters": "[]",
			},
			"Residential Compound",
		),
		(
			"frappe.desk.query_report.export_query",
			{
				"report_name": "Old Compound Coverage",
				"file_format_type": "CSV",
				"filters": "{}",
				"visible_idx": "[]",
			},
			"Residential Compound",
		),
	]
	for method, data, doctype in calls:
		setup.primary.clear_log()
		setup.replica.clear_log()
		response = officer.post(f"{URL}/api/method/{method}", data=data, timeout=120)
		assert response.status_code == 200, f"{method}: {response.text[:500]}"
		on_replica = setup.replica.statements_of(setup.db_name)
		on_primary = setup.primary.statements_of(setup.db_name)
		assert reads_of(on_replica, {doctype}), f"{method}: no read of {doctype} on the replica: {on_replica}"
		assert not reads_of(on_primary, {doctype}), (
			f"{method}: {doctype} read on the primary: {reads_of(on_primary, {doctype})[:5]}"
		)
		assert not writes(on_replica), writes(on_replica)


def test_writes_go_to_the_primary_and_reports_follow_the_replica(setup, admin_session, officer):
	# a community and compound of its own (written on the primary, like everything below)
	community = f"只读副本测试社区{setup.token}"
	check(
		admin_session.post(
			f"{URL}/api/resource/Jurisdiction",
			json={
				"jurisdiction_name": community,
				"jurisdiction_type": "Community",
				"parent_jurisdiction": "七纺片区管委会",
			},
			timeout=60,
		)
	)
	compound = check(
		admin_session.post(
			f"{URL}/api/resource/Residential Compound",
			json={"compound_name": f"只读副本测试小区{setup.token}", "jurisdiction": community},
			timeout=60,
		)
	)["data"]["name"]
	setup.catch_up()
	category = check(admin_session.get(f"{URL}/api/resource/Complaint Category", timeout=60))["data"][0][
		"name"
	]
	filters = {"group_by": "Jurisdiction", "jurisdiction": community}

	def reported() -> int:
		response = officer.get(
			f"{URL}/api/method/frappe.desk.query_report.run",
			params={"report_name": "Complaint Statistics", "filters": json.dumps(filters)},
			timeout=120,
		)
		rows = check(response)["message"]["result"]
		return next((int(row["received"]) for row in rows if row.get("is_total_row")), 0)

	def counted() -> int:
		return check(
			officer.get(
				f"{URL}/api/method/frappe.desk.reportview.get_count",
				params={"doctype": "Complaint", "filters": "[]"},
				timeout=60,
			)
		)["message"]

	before_report, before_count = reported(), counted()
	# the replica stops applying what it receives: it now lags behind the primary
	setup.replica.sql("stop slave sql_thread")
	try:
		name = check(
			admin_session.post(
				f"{URL}/api/resource/Complaint",
				json={
					"complainant_name": "只读副本测试居民",
					"complainant_phone": "13912345678",
					"compound": compound,
					"category": category,
					"received_via": "Window",
					"description": f"只读副本测试-{setup.token}：楼道灯不亮。",
				},
				timeout=60,
			)
		)["data"]["name"]
		where = f"select count(*) from `tabComplaint` where name = '{name}'"
		assert setup.primary.value(where, setup.db_name) == "1"
		assert setup.replica.value(where, setup.db_name) == "0"
		assert counted() == before_count
		assert reported() == before_report
	finally:
		setup.replica.sql("start slave sql_thread")
	setup.catch_up()
	assert setup.replica.value(where, setup.db_name) == "1"
	assert counted() == before_count + 1
	assert reported() == before_report + 1


def test_without_read_from_replica_the_same_report_reads_on_the_primary(setup, officer):
	"""The control: the log tells the two servers apart, and the setting is what sends reports over."""
	bench("--site", setup.site, "set-config", "--parse", "read_from_replica", "0")
	try:
		setup.primary.clear_log()
		setup.replica.clear_log()
		check(
			officer.get(
				f"{URL}/api/method/frappe.desk.query_report.run",
				params={"report_name": "Complaint Statistics", "filters": '{"group_by": "Jurisdiction"}'},
				timeout=120,
			)
		)
		assert reads_of(setup.primary.statements_of(setup.db_name), {"Complaint"})
		assert not setup.replica.statements_of(setup.db_name)
	finally:
		bench("--site", setup.site, "set-config", "--parse", "read_from_replica", "1")


def test_an_unreachable_replica_fails_reports_without_a_traceback(setup, officer):
	"""Frappe does not fall back to the primary (README): the report fails, and the officer gets
	no traceback."""
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		closed_port = probe.getsockname()[1]
	bench("--site", setup.site, "set-config", "--parse", "replica_db_port", str(closed_port))
	try:
		response = officer.get(
			f"{URL}/api/method/frappe.desk.query_report.run",
			params={"report_name": "Complaint Statistics", "filters": '{"group_by": "Jurisdiction"}'},
			timeout=120,
		)
		assert response.status_code >= 500, response.text[:300]
		assert "Traceback" not in response.text
	finally:
		bench("--site", setup.site, "set-config", "--parse", "replica_db_port", str(REPLICA_PORT))
	check(
		officer.get(
			f"{URL}/api/method/frappe.desk.query_report.run",
			params={"report_name": "Complaint Statistics", "filters": '{"group_by": "Jurisdiction"}'},
			timeout=120,
		)
	)
