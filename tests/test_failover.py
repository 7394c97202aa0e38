"""Fail-over on this machine, the architecture of deploy/ without containers: two gunicorn back
ends behind nginx, sharing MariaDB and Redis, with two RQ workers (scripts/production.sh with
EXTRA_APP_PORTS). While clients file complaints, one back end is killed outright (master and
workers) and supervisord starts it again. No complaint may be lost or duplicated, and no request
may hang past its time-out."""

import os
import signal
import subprocess
import threading
import time
import uuid

import pytest
import requests
from conftest import ADMIN_PASSWORD, BENCH_ROOT, SITE

PORT = int(os.environ.get("PS_FAILOVER_PORT", "8021"))
APP_PORTS = (
	int(os.environ.get("PS_FAILOVER_APP_PORT", "18021")),
	int(os.environ.get("PS_FAILOVER_APP_PORT2", "18022")),
)
STACK_DIR = BENCH_ROOT / "config" / "stack-failover"
URL = f"http://{SITE}:{PORT}"
TIMEOUT = 120  # HTTP_TIMEOUT of the stack (gunicorn -t, nginx proxy_read_timeout)
MARK = "故障切换测试"


def supervisorctl(*args: str) -> str:
	return subprocess.run(
		[str(BENCH_ROOT / ".tools/venv/bin/supervisorctl"), "-c", str(STACK_DIR / "supervisord.conf"), *args],
		capture_output=True,
		text=True,
		timeout=60,
	).stdout


def login() -> requests.Session:
	session = requests.Session()
	session.post(
		f"{URL}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}, timeout=30
	).raise_for_status()
	return session


def count_marked(session: requests.Session, marker: str) -> int:
	response = session.get(
		f"{URL}/api/method/frappe.client.get_count",
		params={"doctype": "Complaint", "filters": f'[["description", "like", "{marker}：%"]]'},
		timeout=60,
	)
	response.raise_for_status()
	return response.json()["message"]


@pytest.fixture(scope="module")
def stack():
	env = {
		**os.environ,
		"SITE": SITE,
		"WEB_PORT": str(PORT),
		"APP_PORT": str(APP_PORTS[0]),
		"EXTRA_APP_PORTS": str(APP_PORTS[1]),
		"GUNICORN_WORKERS": "2",
		"HTTP_TIMEOUT": str(TIMEOUT),
		"STACK_DIR": str(STACK_DIR),
	}
	STACK_DIR.mkdir(parents=True, exist_ok=True)
	log = open(BENCH_ROOT / "logs" / "test-failover.log", "ab")
	process = subprocess.Popen(
		["bash", str(BENCH_ROOT / "scripts/production.sh"), "run"],
		cwd=BENCH_ROOT,
		env=env,
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	try:
		deadline = time.monotonic() + 180
		while True:
			try:
				if all(
					requests.get(
						f"http://127.0.0.1:{p}/api/method/ping", headers={"Host": SITE}, timeout=5
					).ok
					for p in APP_PORTS
				):
					break
			except requests.RequestException:
				pass
			assert time.monotonic() < deadline, "the two back ends did not come up"
			time.sleep(1)
		yield process
	finally:
		supervisorctl("shutdown")
		try:
			process.wait(timeout=60)
		except subprocess.TimeoutExpired:
			os.killpg(process.pid, signal.SIGKILL)
		log.close()


def web_programs() -> dict[int, str]:
	"""Back-end port -> supervisor program name."""
	programs = {}
	for line in supervisorctl("status").splitlines():
		name = line.split()[0]
		if "frappe-web" in name:
			programs[APP_PORTS[1] if name.endswith(str(APP_PORTS[1])) else APP_PORTS[0]] = name
	return programs


def test_killing_a_back_end_under_load_loses_and_duplicates_nothing(stack):
	programs = web_programs()
	assert set(programs) == set(APP_PORTS), supervisorctl("status")
	status = supervisorctl("status")
	assert "short-worker-0" in status and "long-worker-0" in status and status.count("RUNNING") >= 6, status

	run = uuid.uuid4().hex[:8]
	admin = login()
	community = f"{MARK}社区{run}"
	admin.post(
		f"{URL}/api/resource/Jurisdiction",
		json={
			"jurisdiction_name": community,
			"jurisdiction_type": "Community",
			"parent_jurisdiction": "七纺片区管委会",
		},
		timeout=60,
	).raise_for_status()
	compound = admin.post(
		f"{URL}/api/resource/Residential Compound",
		json={"compound_name": f"{MARK}小区{run}", "jurisdiction": community},
		timeout=60,
	).json()["data"]["name"]
	category = admin.get(f"{URL}/api/resource/Complaint Category", timeout=60).json()["data"][0]["name"]
	outcomes, slowest, failed_attempts, lock = [], [0.0], [0], threading.Lock()
	stop = time.monotonic() + 20

	def resident(number: int):
		session = login()
		sequence = 0
		while time.monotonic() < stop:
			marker = f"{MARK}-{run}-{number}-{sequence}"
			sequence += 1
			created = None
			for _attempt in range(5):
				started = time.perf_counter()
				try:
					response = session.post(
						f"{URL}/api/resource/Complaint",
						json={
							"complainant_name": "故障切换测试居民",
							"complainant_phone": "13912345678",
							"compound": compound,
							"category": category,
							"received_via": "Window",
							"description": f"{marker}：单元门禁损坏。",
						},
						timeout=TIMEOUT + 10,
					)
					ok = response.status_code == 200
				except requests.RequestException:
					ok = False
				with lock:
					slowest[0] = max(slowest[0], time.perf_counter() - started)
				if ok:
					created = response.json()["data"]["name"]
					break
				with lock:
					failed_attempts[0] += 1
				# the answer was lost: the resident looks before filing again (the status page does)
				time.sleep(0.5)
				try:
					if count_marked(session, marker):
						created = "found"
						break
				except requests.RequestException:
					pass
			with lock:
				outcomes.append((marker, created))

	clients = [threading.Thread(target=resident, args=(n,)) for n in range(6)]
	for client in clients:
		client.start()
	time.sleep(6)
	# one back end dies with its workers, mid-load; supervisord brings it back
	victim = programs[APP_PORTS[0]]
	pid = int(supervisorctl("pid", victim).strip())
	os.killpg(os.getpgid(pid), signal.SIGKILL)
	for client in clients:
		client.join()

	deadline = time.monotonic() + 120
	while "RUNNING" not in supervisorctl("status", victim) or supervisorctl("pid", victim).strip() in (
		str(pid),
		"0",
	):
		assert time.monotonic() < deadline, f"{victim} was not restarted: {supervisorctl('status')}"
		time.sleep(1)

	assert len(outcomes) > 20, outcomes
	unfiled = [marker for marker, created in outcomes if created is None]
	assert not unfiled, f"complaints that could not be filed: {unfiled[:5]}"
	filed = admin.get(
		f"{URL}/api/resource/Complaint",
		params={
			"filters": f'[["description", "like", "{MARK}-{run}-%"]]',
			"fields": '["name", "description"]',
			"limit_page_length": 0,
		},
		timeout=60,
	).json()["data"]
	counts = {marker: 0 for marker, _ in outcomes}
	for row in filed:
		marker = row["description"].split("：", 1)[0]
		counts[marker] = counts.get(marker, 0) + 1
	assert all(n == 1 for n in counts.values()), {m: n for m, n in counts.items() if n != 1}
	print(
		f"\n{len(outcomes)} complaints filed by 6 residents, {failed_attempts[0]} attempts failed while a back end died"
	)
	assert slowest[0] < TIMEOUT, f"a request took {slowest[0]:.0f} s"

	for row in filed:
		admin.delete(f"{URL}/api/resource/Complaint/{row['name']}", timeout=60)
	admin.delete(f"{URL}/api/resource/Residential Compound/{compound}", timeout=60)
	admin.delete(f"{URL}/api/resource/Jurisdiction/{community}", timeout=60)
