#!/usr/bin/env python3
"""Load on the served site, production stack against the development server. Not a test.

Concurrent clients drive a running site over HTTP, as the desk does: "residents' complaints"
entered through the document API (POST /api/resource/Complaint, what an officer's desk form or
the hotline import sends; the public /complaint form is rate-limited per address, and every
client here has the same one) and officers listing complaints (GET /api/resource/Complaint, 20
rows) and opening one (GET /api/resource/Complaint/<name>). One mix, the same for both servers,
run one after the other in the same invocation; prints throughput and p50/p95 per request kind
and the ratios.

    # the production stack (make run) serves the demo site on :8000; the script starts the
    # development server for the same site on --dev-port itself (and stops it afterwards)
    .tools/tests/bin/python benchmarks/load.py --site supervision.localhost --prod http://supervision.localhost:8000

Options: --clients N (8), --seconds S per server (30), --dev-port P (8013), --password (admin).
Complaints it creates carry the mark 负载测试 in their description and are deleted at the end.
"""

import argparse
import os
import random
import statistics
import subprocess
import threading
import time
from pathlib import Path

import requests

BENCH_ROOT = Path(__file__).resolve().parents[1]
MARK = "负载测试"


def login(url: str, password: str) -> requests.Session:
	session = requests.Session()
	session.post(
		f"{url}/api/method/login", data={"usr": "Administrator", "pwd": password}, timeout=30
	).raise_for_status()
	return session


def choices(session: requests.Session, url: str) -> tuple[list[str], list[str]]:
	def names(doctype: str) -> list[str]:
		response = session.get(
			f"{url}/api/resource/{doctype}",
			params={"limit_page_length": 200, "fields": '["name"]'},
			timeout=60,
		)
		response.raise_for_status()
		return [row["name"] for row in response.json()["data"]]

	compounds, categories = names("Residential Compound"), names("Complaint Category")
	if not compounds or not categories:
		raise SystemExit("the site needs compounds and complaint categories (the demo site has them)")
	return compounds, categories


def run(url: str, password: str, clients: int, seconds: float) -> dict:
	compounds, categories = choices(login(url, password), url)
	timings = {"create": [], "list": [], "open": []}
	errors = {"create": 0, "list": 0, "open": 0}
	created = []
	lock = threading.Lock()
	stop = time.monotonic() + seconds

	def client(number: int):
		rng = random.Random(number)
		session = login(url, password)
		seen = []
		while time.monotonic() < stop:
			kind = rng.choices(("create", "list", "open"), weights=(1, 2, 2))[0]
			if kind == "open" and not seen:
				kind = "list"
			start = time.perf_counter()
			try:
				if kind == "create":
					response = session.post(
						f"{url}/api/resource/Complaint",
						json={
							"complainant_name": "负载测试居民",
							"complainant_phone": f"139{rng.randint(10000000, 99999999)}",
							"compound": rng.choice(compounds),
							"category": rng.choice(categories),
							"received_via": "Window",
							"description": f"{MARK}：楼道灯不亮，请尽快维修。",
						},
						timeout=120,
					)
				elif kind == "list":
					response = session.get(
						f"{url}/api/resource/Complaint",
						params={
							"limit_page_length": 20,
							"order_by": "received_on desc",
							"fields": '["name"]',
						},
						timeout=120,
					)
				else:
					response = session.get(f"{url}/api/resource/Complaint/{rng.choice(seen)}", timeout=120)
				elapsed = time.perf_counter() - start
				ok = response.status_code == 200
			except requests.RequestException:
				elapsed, ok = time.perf_counter() - start, False
			with lock:
				if not ok:
					errors[kind] += 1
					continue
				timings[kind].append(elapsed)
				if kind == "create":
					created.append(response.json()["data"]["name"])
			if kind == "list":
				seen = [row["name"] for row in response.json()["data"]] or seen

	began = time.monotonic()
	threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	wall = time.monotonic() - began
	cleanup = login(url, password)
	for name in created:
		cleanup.delete(f"{url}/api/resource/Complaint/{name}", timeout=60)
	return {"wall": wall, "timings": timings, "errors": errors, "created": len(created)}


def percentile(values: list[float], q: float) -> float:
	if not values:
		return float("nan")
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(result: dict) -> dict:
	total = sum(len(v) for v in result["timings"].values())
	out = {"throughput": total / result["wall"], "errors": sum(result["errors"].values())}
	for kind, values in result["timings"].items():
		out[kind] = (
			len(values),
			statistics.median(values) if values else float("nan"),
			percentile(values, 0.95),
		)
	return out


def serve_dev(site: str, port: int) -> subprocess.Popen:
	command = [
		str(BENCH_ROOT / ".tools/venv/bin/bench"),
		"--site",
		site,
		"serve",
		"--port",
		str(port),
		"--noreload",
	]
	if os.geteuid() == 0:
		command = ["/usr/sbin/runuser", "-u", os.environ.get("FRAPPE_USER", "frappe"), "--", *command]
	process = subprocess.Popen(
		command, cwd=BENCH_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
	)
	for _ in range(120):
		try:
			if requests.get(f"http://{site}:{port}/api/method/ping", timeout=2).ok:
				return process
		except requests.RequestException:
			pass
		time.sleep(0.5)
	raise SystemExit("the development server did not start")


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--site", default="supervision.localhost")
	parser.add_argument("--prod", default="http://supervision.localhost:8000")
	parser.add_argument("--dev-port", type=int, default=8013)
	parser.add_argument("--clients", type=int, default=8)
	parser.add_argument("--seconds", type=float, default=30)
	parser.add_argument("--password", default=os.environ.get("ADMIN_PASSWORD", "admin"))
	args = parser.parse_args()

	results = {
		"production (nginx → gunicorn)": summary(run(args.prod, args.password, args.clients, args.seconds))
	}
	dev = serve_dev(args.site, args.dev_port)
	try:
		url = f"http://{args.site}:{args.dev_port}"
		results["development (bench serve)"] = summary(run(url, args.password, args.clients, args.seconds))
	finally:
		os.killpg(dev.pid, 15)

	print(f"\n{args.clients} clients, {args.seconds:.0f} s per server, mix create:list:open = 1:2:2\n")
	kinds = ("create", "list", "open")
	print(
		f"{'server':30} {'req/s':>6} {'errors':>6}  "
		+ "  ".join(f"{k + ' n, p50/p95 ms':>24}" for k in kinds)
	)
	for name, s in results.items():
		cells = "  ".join(f"{s[k][0]:6d}, {s[k][1] * 1000:6.0f} / {s[k][2] * 1000:6.0f}" for k in kinds)
		print(f"{name:30} {s['throughput']:6.1f} {s['errors']:6d}  {cells}")
	prod, devs = results.values()
	print(f"\nproduction / development throughput: {prod['throughput'] / devs['throughput']:.2f}×")
	for kind in ("create", "list", "open"):
		print(f"{kind}: p95 development / production = {devs[kind][2] / prod[kind][2]:.2f}×")


if __name__ == "__main__":
	main()
