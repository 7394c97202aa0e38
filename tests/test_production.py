"""The production stack of `make run` (scripts/production.sh), driven from outside: nginx in front
of gunicorn, socket.io, workers and scheduler under supervisord. The test starts its own stack for
the test site on its own ports (PS_PROD_PORT, PS_PROD_APP_PORT) and stops it at the end."""

import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
from conftest import ADMIN_PASSWORD, BENCH_ROOT, SITE, wait_for

PORT = int(os.environ.get("PS_PROD_PORT", "8011"))
APP_PORT = int(os.environ.get("PS_PROD_APP_PORT", "18011"))
STACK_DIR = BENCH_ROOT / "config" / "stack-systemtest"
URL = f"http://{SITE}:{PORT}"


def supervisorctl(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		[str(BENCH_ROOT / ".tools/venv/bin/supervisorctl"), "-c", str(STACK_DIR / "supervisord.conf"), *args],
		capture_output=True,
		text=True,
		timeout=60,
	)


def program(suffix: str) -> str:
	"""The supervisor name of a program (bench prefixes the bench folder's name)."""
	for line in supervisorctl("status").stdout.splitlines():
		name = line.split()[0]
		if name.endswith(suffix):
			return name
	raise AssertionError(f"no program ending in {suffix}: {supervisorctl('status').stdout}")


@pytest.fixture(scope="module")
def stack():
	for port in (PORT, APP_PORT):
		with socket.socket() as probe:
			assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is in use"
	env = {
		**os.environ,
		"SITE": SITE,
		"WEB_PORT": str(PORT),
		"APP_PORT": str(APP_PORT),
		"GUNICORN_WORKERS": "2",
		"STACK_DIR": str(STACK_DIR),
	}
	STACK_DIR.mkdir(parents=True, exist_ok=True)
	log = open(BENCH_ROOT / "logs" / "test-production.log", "ab")
	process = subprocess.Popen(
		["bash", str(BENCH_ROOT / "scripts/production.sh"), "run"],
		cwd=BENCH_ROOT,
		env=env,
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	try:
		wait_for(f"{URL}/api/method/ping", timeout=180)
		yield process
	finally:
		supervisorctl("shutdown")
		try:
			process.wait(timeout=60)
		except subprocess.TimeoutExpired:
			os.killpg(process.pid, signal.SIGKILL)
		log.close()


def listening_addresses(port: int) -> set[str]:
	"""Local IPv4 addresses with a socket listening on `port` (from /proc/net/tcp)."""
	found = set()
	for table in ("/proc/net/tcp", "/proc/net/tcp6"):
		for line in Path(table).read_text().splitlines()[1:]:
			local, _remote, state = line.split()[1:4]
			address, port_hex = local.rsplit(":", 1)
			if state == "0A" and int(port_hex, 16) == port:
				if len(address) == 8:
					found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
				else:
					found.add("ipv6:" + address)
	return found


def test_nginx_serves_the_site_and_the_app_port_is_loopback_only(stack):
	response = requests.get(f"{URL}/api/method/ping", timeout=10)
	assert response.json() == {"message": "pong"}
	assert response.headers["Server"] == "nginx"
	assert listening_addresses(APP_PORT) == {"127.0.0.1"}
	assert listening_addresses(PORT), f"nothing listens on {PORT}"


def test_no_console_no_debugger(stack):
	for path in ("/console", "/console?__debugger__=yes&cmd=resource&f=debugger.js"):
		response = requests.get(f"{URL}{path}", timeout=10)
		assert response.status_code == 404, path
		assert "Werkzeug" not in response.text and "__debugger__" not in response.text
	# the development server's banner and headers are nowhere
	assert "Werkzeug" not in requests.get(f"{URL}/login", timeout=30).headers.get("Server", "")


def test_assets_come_from_disk_through_nginx(stack):
	asset = next((BENCH_ROOT / "sites/assets/frappe/images").glob("*.svg"))
	response = requests.get(f"{URL}/assets/frappe/images/{asset.name}", timeout=10)
	assert response.status_code == 200
	assert response.headers["Cache-Control"] == "max-age=31536000"
	assert response.content == asset.read_bytes()


def test_no_traceback_reaches_a_client(stack):
	admin = login_to(URL)
	response = admin.get(
		f"{URL}/api/resource/User", params={"fields": '["no_such_column_at_all"]'}, timeout=30
	)
	assert response.status_code >= 400
	assert "Traceback" not in response.text
	assert "exc" not in response.json()


def test_forwarded_for_comes_from_the_connection_not_the_client(stack):
	"""A client cannot choose its own address (rate limits and logs key on it): nginx overwrites
	X-Forwarded-For with the address the connection came from."""
	admin = login_to(URL)
	email = f"xff-{uuid.uuid4().hex[:8]}@example.invalid"
	admin.post(
		f"{URL}/api/resource/User",
		json={"email": email, "first_name": "XFF", "send_welcome_email": 0, "new_password": uuid.uuid4().hex},
		timeout=30,
	).raise_for_status()
	try:
		spoofed = "203.0.113.77"
		response = requests.post(
			f"{URL}/api/method/login",
			data={"usr": email, "pwd": "wrong password"},
			headers={"X-Forwarded-For": spoofed},
			timeout=30,
		)
		assert response.status_code == 401
		logs = admin.get(
			f"{URL}/api/resource/Activity Log",
			params={"filters": f'[["user", "=", "{email}"]]', "fields": '["ip_address", "status"]'},
			timeout=30,
		).json()["data"]
		assert logs, "the failed login was not logged"
		assert {log["ip_address"] for log in logs} == {"127.0.0.1"}
	finally:
		admin.delete(f"{URL}/api/resource/User/{email}", timeout=30)


def test_a_process_that_dies_is_restarted(stack):
	"""gunicorn's master and a worker are killed outright: supervisord starts them again (the
	orphaned gunicorn workers notice their master is gone and leave the port to the new one)."""
	for suffix in ("frappe-web", "short-worker-0"):
		name = program(suffix)
		before = supervisorctl("pid", name).stdout.strip()
		os.kill(int(before), signal.SIGKILL)
		deadline = time.monotonic() + 120
		while time.monotonic() < deadline:
			line = supervisorctl("status", name).stdout
			after = supervisorctl("pid", name).stdout.strip()
			if "RUNNING" in line and after.isdigit() and after not in (before, "0"):
				break
			time.sleep(1)
		else:
			raise AssertionError(f"{name} was not restarted: {supervisorctl('status').stdout}")
	wait_for(f"{URL}/api/method/ping", timeout=90)
	status = supervisorctl("status").stdout
	# (the scheduler is not listed: one bench runs one scheduler, and another stack of this bench
	# may hold it)
	for suffix in ("frappe-web", "node-socketio", "short-worker-0", "long-worker-0", "nginx"):
		line = next(line for line in status.splitlines() if line.split()[0].endswith(suffix))
		assert "RUNNING" in line, status


def login_to(url: str) -> requests.Session:
	session = requests.Session()
	session.post(
		f"{url}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}, timeout=30
	).raise_for_status()
	return session
