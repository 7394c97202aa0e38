"""System tests: they drive a running site from outside, over HTTP and in Debian's Chromium.

scripts/test.sh serves the test site and sets PS_BASE_URL, PS_SITE, PS_ADMIN_PASSWORD,
PS_BENCH_ROOT and PS_ARTIFACTS.
"""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
import requests

BASE_URL = os.environ.get("PS_BASE_URL", "http://supervision-test.localhost:8001")
SITE = os.environ.get("PS_SITE", "supervision-test.localhost")
ADMIN_PASSWORD = os.environ.get("PS_ADMIN_PASSWORD", "admin")
BENCH_ROOT = Path(os.environ.get("PS_BENCH_ROOT", Path(__file__).resolve().parents[1]))
ARTIFACTS = Path(os.environ.get("PS_ARTIFACTS", BENCH_ROOT / "artifacts"))
CHROMIUM = os.environ.get("PS_CHROMIUM", "/usr/bin/chromium")


def bench_command(*args: str) -> tuple[list[str], dict[str, str]]:
	"""A bench command line and its environment, as the bench user when the tests run as root."""
	command = ["bench", *args]
	if os.geteuid() == 0:
		user = os.environ.get("FRAPPE_USER", "frappe")
		command = ["/usr/sbin/runuser", "-u", user, "--", *command]
	path = f"{BENCH_ROOT}/.tools/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	return command, {**os.environ, "PATH": path}


def bench(*args: str, check: bool = True, timeout: int = 900) -> subprocess.CompletedProcess:
	"""Run a bench command in the bench, as the bench user when the tests run as root."""
	command, env = bench_command(*args)
	return subprocess.run(
		command,
		cwd=BENCH_ROOT,
		env=env,
		capture_output=True,
		text=True,
		check=check,
		timeout=timeout,
	)


def wait_for(url: str, timeout: float = 120) -> requests.Response:
	"""The first 200 answer of `url`, polled until `timeout` seconds have passed."""
	deadline = time.monotonic() + timeout
	while True:
		try:
			response = requests.get(url, timeout=5)
			if response.status_code == 200:
				return response
		except requests.RequestException:
			pass
		if time.monotonic() > deadline:
			raise AssertionError(f"{url} did not answer within {timeout} s")
		time.sleep(0.5)


def login(
	user: str = "Administrator", password: str = ADMIN_PASSWORD, base_url: str = BASE_URL
) -> requests.Session:
	session = requests.Session()
	response = session.post(f"{base_url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	response.raise_for_status()
	# the desk sends its CSRF token with every write; so does this client
	desk = session.get(f"{base_url}/app", timeout=60)
	match = re.search(r'csrf_token\s*=\s*"([^"]+)"', desk.text)
	if match:
		session.headers["X-Frappe-CSRF-Token"] = match.group(1)
	return session


def check(response):
	"""The JSON of a response that must have succeeded."""
	assert response.status_code < 400, response.text[:800]
	return response.json()


def credit_code(first17: str) -> str:
	"""A unified social credit code with its GB 32100 check character."""
	alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
	total = sum(alphabet.index(c) * w for c, w in zip(first17, weights, strict=True))
	return first17 + alphabet[(31 - total % 31) % 31]


def make_user(
	admin,
	email: str,
	role: str,
	allow: str | None = None,
	for_value: str | None = None,
	*,
	password: str,
	base_url: str = BASE_URL,
) -> str:
	"""A desk user with one role and, optionally, the User Permission that scopes it."""
	check(
		admin.post(
			f"{base_url}/api/resource/User",
			json={
				"email": email,
				"first_name": email.split("@")[0],
				"new_password": password,
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			},
			timeout=60,
		)
	)
	if allow:
		check(
			admin.post(
				f"{base_url}/api/resource/User Permission",
				json={"user": email, "allow": allow, "for_value": for_value, "apply_to_all_doctypes": 1},
				timeout=30,
			)
		)
	return email


@pytest.fixture(scope="session")
def admin() -> requests.Session:
	return login()


@pytest.fixture(scope="session")
def artifacts() -> Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(
			executable_path=CHROMIUM,
			args=[
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
			],
		)
		yield browser
		browser.close()
