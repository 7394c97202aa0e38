"""The supervision map in Debian's Chromium (SPEC §14): an area officer opens 监管地图; with no tile
source the compounds are drawn on a blank background under a Chinese hint and no tile is asked
for; with the tile URL pointing to a tile server started here (one tiny PNG for every tile), the
browser fetches its tiles from it; the markers carry their band; clicking one opens a popup with
its figures, whose link opens the compound's form. Over HTTP, the page's endpoint keeps each user's
scope and is in the inventory the data-protection probe walks."""

import json
import struct
import threading
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
import requests
from conftest import BASE_URL, SITE, bench, check, login, make_user

PASSWORD = "Ps-Map-2026!x"
RUN = uuid.uuid4().hex[:6]
SETTINGS = f"{BASE_URL}/api/resource/Map Settings/Map Settings"


def tiny_png() -> bytes:
	"""A 1×1 grey PNG."""

	def chunk(kind: bytes, data: bytes) -> bytes:
		return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

	header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
	return (
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", header)
		+ chunk(b"IDAT", zlib.compress(b"\x00\xcc"))
		+ chunk(b"IEND", b"")
	)


@pytest.fixture(scope="module")
def tile_server():
	requested: list[str] = []
	png = tiny_png()

	class Tiles(BaseHTTPRequestHandler):
		def do_GET(self):
			requested.append(self.path)
			self.send_response(200)
			self.send_header("Content-Type", "image/png")
			self.send_header("Content-Length", str(len(png)))
			self.send_header("Cache-Control", "no-store")  # every map asks the server again
			self.end_headers()
			self.wfile.write(png)

		def log_message(self, *args):
			pass

	server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	yield {
		"url": f"http://127.0.0.1:{server.server_port}/tiles/{{z}}/{{x}}/{{y}}.png",
		"requested": requested,
	}
	server.shutdown()


@pytest.fixture(scope="module")
def map_settings(admin):
	"""Map Settings as the site had them; put back afterwards."""
	before = check(admin.get(SETTINGS, timeout=30))["data"]
	fields = ("tile_url", "label_tile_url", "tile_key")

	def put(**values):
		return check(admin.put(SETTINGS, json=values, timeout=30))["data"]

	yield put
	put(**{f: before.get(f) or "" for f in fields})


@pytest.fixture(scope="module")
def world(admin):
	def insert(doctype, **fields):
		return check(admin.post(f"{BASE_URL}/api/resource/{doctype}", json=fields, timeout=60))["data"]

	def point(longitude, latitude):
		return json.dumps(
			{
				"type": "FeatureCollection",
				"features": [
					{
						"type": "Feature",
						"properties": {},
						"geometry": {
							"type": "Point",
							"coordinates": [longitude, latitude],
						},
					}
				],
			}
		)

	community = insert(
		"Jurisdiction",
		jurisdiction_name=f"地图社区{RUN}",
		jurisdiction_type="Community",
		parent_jurisdiction="七纺片区管委会",
	)["name"]
	busy = insert(
		"Residential Compound",
		compound_name=f"地图甲小区{RUN}",
		jurisdiction=community,
		household_count=320,
		location=point(87.631, 43.821),
	)["name"]
	quiet = insert(
		"Residential Compound",
		compound_name=f"地图乙小区{RUN}",
		jurisdiction=community,
		location=point(87.662, 43.846),
	)["name"]
	category = check(
		admin.get(
			f"{BASE_URL}/api/resource/Complaint Category",
			params={"limit_page_length": 1},
			timeout=30,
		)
	)["data"][0]["name"]
	insert(
		"Complaint",
		compound=busy,
		category=category,
		complainant_name="王建国",
		complainant_phone="13912345678",
		description="小区路灯损坏多日无人维修。",
		received_via="Phone",
	)
	officer = make_user(
		admin,
		f"map.area.{RUN}@example.com",
		"Area Officer",
		"Jurisdiction",
		"七纺片区管委会",
		password=PASSWORD,
	)
	return {"community": community, "busy": busy, "quiet": quiet, "officer": officer}


def open_map(browser, user, community):
	page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
	page.goto(f"{BASE_URL}/login", wait_until="domcontentloaded")
	page.fill("#login_email", user)
	page.fill("#login_password", PASSWORD)
	page.click("form.form-login button.btn-login")
	page.wait_for_url("**/app/**", timeout=60_000)
	# the area chosen as a link from elsewhere would choose it: /app/supervision-map?jurisdiction=…
	page.goto(
		f"{BASE_URL}/app/supervision-map?jurisdiction={quote(community)}",
		wait_until="domcontentloaded",
	)
	page.wait_for_selector(".ps-map-canvas.leaflet-container", timeout=60_000)
	page.get_by_text("监管地图").first.wait_for(timeout=30_000)
	page.wait_for_function(
		"(c) => document.querySelector('.page-form input[data-fieldname=\"jurisdiction\"]')?.value === c",
		arg=community,
		timeout=30_000,
	)
	page.wait_for_function(
		"() => document.querySelectorAll('path.ps-map-marker').length === 2",
		timeout=30_000,
	)
	return page


def test_map_without_tiles_shows_markers_and_a_chinese_hint(
	browser, artifacts, world, map_settings, tile_server
):
	map_settings(tile_url="", label_tile_url="", tile_key="")
	page = open_map(browser, world["officer"], world["community"])
	hint = page.locator(".ps-map-hint")
	hint.wait_for(state="visible", timeout=10_000)
	assert "未配置地图瓦片" in hint.inner_text()
	assert page.locator(".leaflet-tile").count() == 0
	assert tile_server["requested"] == []
	page.close()


def test_map_fetches_local_tiles_and_opens_a_compound(browser, artifacts, world, map_settings, tile_server):
	map_settings(tile_url=tile_server["url"], label_tile_url="", tile_key="")
	page = open_map(browser, world["officer"], world["community"])
	page.wait_for_function(
		"() => [...document.querySelectorAll('img.leaflet-tile')].some(t => t.complete && t.naturalWidth > 0)",
		timeout=30_000,
	)
	assert any(path.startswith("/tiles/") and path.endswith(".png") for path in tile_server["requested"])
	assert page.locator(".ps-map-hint").is_hidden()
	# one open complaint: amber; none: green (Map Settings' default bands)
	assert page.locator("path.ps-map-marker.ps-map-band-amber").count() == 1
	assert page.locator("path.ps-map-marker.ps-map-band-green").count() == 1
	legend = page.locator(".ps-map-legend").inner_text()
	assert "无在办投诉（1）" in legend, legend
	page.screenshot(path=str(artifacts / "supervision-map.png"))

	page.locator("path.ps-map-marker.ps-map-band-amber").click()
	popup = page.locator(".leaflet-popup .ps-map-popup")
	popup.wait_for(timeout=10_000)
	text = popup.inner_text()
	assert f"地图甲小区{RUN}" in text
	assert "在办投诉" in text and "320" in text
	assert "13912345678" not in page.content()
	popup.get_by_text("打开小区").click()
	page.wait_for_url(f"**/app/residential-compound/{world['busy']}", timeout=30_000)
	page.locator(".title-text", has_text=f"地图甲小区{RUN}").first.wait_for(timeout=30_000)

	# the form's own Geolocation map draws from the same tile source, not openstreetmap.org
	page.locator(".section-head", has_text="位置").first.click()
	page.wait_for_function(
		"() => [...document.querySelectorAll('.frappe-control[data-fieldname=\"location\"] img.leaflet-tile')]"
		".some(t => t.complete && t.naturalWidth > 0)",
		timeout=30_000,
	)
	sources = page.eval_on_selector_all(
		'.frappe-control[data-fieldname="location"] img.leaflet-tile', "tiles => tiles.map(t => t.src)"
	)
	origin = tile_server["url"].split("/tiles/")[0]
	assert sources and all(src.startswith(origin) for src in sources), sources
	assert {src[len(origin) :] for src in sources} <= set(tile_server["requested"])
	page.close()


def said(response) -> list[str]:
	"""The messages of an answer, as the desk shows them."""
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return [json.loads(m)["message"] for m in messages]


def test_endpoint_over_http_keeps_each_scope(admin, world):
	"""The page's one endpoint, as the desk calls it: the owners of the scope get the compounds, an
	officer of another area neither sees them nor may choose their area (answered as for an area
	that does not exist), enterprise users and guests are refused; and the data-protection probe of
	every whitelisted method (tests/test_data_protection_http.py) finds it in the inventory."""
	method = f"{BASE_URL}/api/method/property_supervision.api.map.get_map_data"
	own = login(world["officer"], PASSWORD)
	mine = check(own.post(method, data={"jurisdiction": world["community"]}, timeout=60))["message"]
	assert {row["name"] for row in mine["compounds"]} == {world["busy"], world["quiet"]}
	assert {row["name"]: row["open_complaints"] for row in mine["compounds"]}[world["busy"]] == 1

	other = login(
		make_user(
			admin,
			f"map.other.{RUN}@example.com",
			"Area Officer",
			"Jurisdiction",
			"新民路片区管委会",
			password=PASSWORD,
		),
		PASSWORD,
	)
	theirs = check(other.post(method, timeout=60))["message"]
	assert not {world["busy"], world["quiet"]} & {row["name"] for row in theirs["compounds"]}
	refused = other.post(method, data={"jurisdiction": world["community"]}, timeout=60)
	missing = other.post(method, data={"jurisdiction": f"不存在的社区{RUN}"}, timeout=60)
	assert refused.status_code == missing.status_code == 417, refused.text[:300]
	assert said(refused) == said(missing) == ["所选辖区不存在或您无权查看。"]

	enterprise = login(
		make_user(admin, f"map.ent.{RUN}@example.com", "Enterprise User", password=PASSWORD),
		PASSWORD,
	)
	answer = enterprise.post(method, timeout=60)
	assert answer.status_code == 403 and "compounds" not in answer.text, answer.text[:300]
	assert requests.post(method, timeout=60).status_code == 403

	out = bench(
		"--site",
		SITE,
		"execute",
		"property_supervision.data_protection.inventory.print_inventory",
	)
	inventory = json.loads(out.stdout.strip().splitlines()[-1])
	entry = next(
		m for m in inventory["methods"] if m["method"] == "property_supervision.api.map.get_map_data"
	)
	assert entry["params"] == ["jurisdiction", "colour_by"] and not entry["allow_guest"]
