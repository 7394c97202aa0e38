"""The residents' complaint pages (/complaint, /complaint-status) from outside: concurrent
submissions, the rate limit, the status lookup over HTTP, and the form on a phone in Chromium.

Each test acts from its own client address (X-Forwarded-For, as the site's proxy sends it), so
the per-address rate-limit counters of earlier runs or other tests never interfere. The test
data (a community and a compound) is created through the REST API as Administrator and, with
the complaints the tests file, removed afterwards; nothing else is touched.
"""

import json
import random
import threading
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from conftest import BASE_URL

API = f"{BASE_URL}/api/method/property_supervision.complaints.api"
SUBMIT = f"{API}.submit_complaint"
STATUS = f"{API}.get_complaint_status"
COMPOUNDS = f"{API}.get_compounds"
AREA = "七纺片区管委会"
CATEGORY = "Service Quality"
RUN = uuid.uuid4().hex[:6]
PHONE = "13912345678"
# the smallest valid PNG (1×1, transparent)
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
	"0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def client_address() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def guest(address: str | None = None) -> requests.Session:
	session = requests.Session()
	session.headers.update({"X-Forwarded-For": address or client_address(), "Accept-Language": "zh-CN,zh"})
	return session


def server_message(response: requests.Response) -> str:
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages)


def api_list(session: requests.Session, doctype: str, filters: list, fields: list[str]) -> list[dict]:
	response = session.get(
		f"{BASE_URL}/api/resource/{doctype}",
		params={"filters": json.dumps(filters), "fields": json.dumps(fields), "limit_page_length": 0},
		timeout=60,
	)
	response.raise_for_status()
	return response.json()["data"]


class Place:
	"""The community and compound the tests complain about, and what they filed."""

	def __init__(self, community: str, compound: str, compound_name: str):
		self.community = community
		self.compound = compound
		self.compound_name = compound_name
		self.tracking_numbers: list[str] = []

	def form(self, **overrides) -> dict:
		return {
			"complainant_name": "系统测试居民",
			"is_anonymous": "0",
			"phone": PHONE,
			"community": self.community,
			"compound": self.compound,
			"category": CATEGORY,
			"description": "楼道灯坏了一个月，物业一直没有修。",
			**overrides,
		}


@pytest.fixture(scope="module")
def place(admin):
	community = f"系统测试投诉社区{RUN}"
	compound_name = f"系统测试投诉小区{RUN}"
	response = admin.post(
		f"{BASE_URL}/api/resource/Jurisdiction",
		json={"jurisdiction_name": community, "jurisdiction_type": "Community", "parent_jurisdiction": AREA},
		timeout=60,
	)
	response.raise_for_status()
	response = admin.post(
		f"{BASE_URL}/api/resource/Residential Compound",
		json={"compound_name": compound_name, "jurisdiction": community},
		timeout=60,
	)
	response.raise_for_status()
	data = Place(community, response.json()["data"]["name"], compound_name)
	yield data

	# remove what the tests made: their complaints (with attachments), the compound, the
	# community and the unit the community received on creation (the community is new, so every
	# unit of it came with it)
	problems = []
	complaints = api_list(admin, "Complaint", [["compound", "=", data.compound]], ["name"])
	for row in complaints:
		response = admin.delete(f"{BASE_URL}/api/resource/Complaint/{row['name']}", timeout=60)
		if not response.ok:
			problems.append(f"Complaint {row['name']}: {response.status_code}")
	deletions = [("Residential Compound", data.compound)]
	units = api_list(admin, "Supervision Unit", [["jurisdiction", "=", community]], ["name"])
	deletions += [("Supervision Unit", row["name"]) for row in units]
	deletions.append(("Jurisdiction", community))
	for doctype, name in deletions:
		response = admin.delete(f"{BASE_URL}/api/resource/{doctype}/{name}", timeout=60)
		if not response.ok:
			problems.append(f"{doctype} {name}: {response.status_code}")
	if problems:
		warnings.warn("test data left behind: " + "; ".join(problems), stacklevel=1)


@pytest.fixture
def complaint_settings(admin):
	"""Complaint Settings as they were before the test, restored after it."""
	url = f"{BASE_URL}/api/resource/Complaint Settings/Complaint Settings"
	response = admin.get(url, timeout=30)
	response.raise_for_status()
	before = {key: response.json()["data"][key] for key in ("web_form_rate_limit", "max_attachment_mb")}

	def update(**values):
		admin.put(url, json=values, timeout=30).raise_for_status()

	yield update
	update(**before)


def test_compound_choices_are_names_only(place):
	response = guest().get(COMPOUNDS, params={"community": place.community}, timeout=30)
	response.raise_for_status()
	assert response.json()["message"] == [{"name": place.compound, "compound_name": place.compound_name}]


def test_guest_cannot_read_complaints_through_rest():
	assert guest().get(f"{BASE_URL}/api/resource/Complaint", timeout=30).status_code == 403


def test_twenty_concurrent_submissions(place, admin):
	"""Twenty residents submit at the same moment: twenty complaints, twenty numbers."""
	start = threading.Barrier(20)

	def submit(index: int) -> requests.Response:
		session = guest()
		form = place.form(description=f"并发提交测试 {RUN} 第 {index} 件", phone=f"1391234{index:04d}")
		start.wait(timeout=60)
		return session.post(SUBMIT, data=form, timeout=180)

	with ThreadPoolExecutor(max_workers=20) as pool:
		responses = list(pool.map(submit, range(20)))

	assert [r.status_code for r in responses] == [200] * 20, [r.text[:300] for r in responses if not r.ok]
	numbers = [r.json()["message"]["tracking_number"] for r in responses]
	place.tracking_numbers += numbers
	assert len(set(numbers)) == 20

	rows = api_list(
		admin,
		"Complaint",
		[["tracking_key", "in", numbers]],
		["name", "tracking_key", "workflow_state", "received_via", "compound"],
	)
	assert len(rows) == 20
	assert len({row["name"] for row in rows}) == 20
	assert {row["tracking_key"] for row in rows} == set(numbers)
	assert {(row["workflow_state"], row["received_via"], row["compound"]) for row in rows} == {
		("Pending", "Web Form", place.compound)
	}


def test_rate_limit_answers_429(place, admin, complaint_settings):
	complaint_settings(web_form_rate_limit=3)
	session = guest()
	before = len(api_list(admin, "Complaint", [["compound", "=", place.compound]], ["name"]))

	for index in range(3):
		response = session.post(SUBMIT, data=place.form(description=f"限流测试 {RUN} {index}"), timeout=60)
		assert response.status_code == 200, response.text[:300]
		place.tracking_numbers.append(response.json()["message"]["tracking_number"])
	refused = session.post(SUBMIT, data=place.form(description=f"限流测试 {RUN} 超出"), timeout=60)
	assert refused.status_code == 429
	after = len(api_list(admin, "Complaint", [["compound", "=", place.compound]], ["name"]))
	assert after == before + 3, "the refused submission must store nothing"

	# another resident is not affected
	assert guest().post(SUBMIT, data=place.form(phone=""), timeout=60).status_code == 417

	# lookups: three times the submission limit, then 429
	lookup = {"tracking_number": "KKKK-KKKK-KKKK", "phone": PHONE}
	codes = [session.post(STATUS, data=lookup, timeout=60).status_code for _ in range(10)]
	assert codes == [404] * 9 + [429]


def test_bad_input_gets_chinese_message_and_stores_nothing(place, admin):
	session = guest()
	before = len(api_list(admin, "Complaint", [["compound", "=", place.compound]], ["name"]))
	cases = [
		({"compound": "XQ-99999"}, None, "未找到该小区"),
		({"description": ""}, None, "请填写投诉内容"),
		({"description": "长" * 2001}, None, "投诉内容不能超过 2000 字"),
		({"phone": "12345"}, None, "请填写正确的手机或固定电话号码"),
		({}, ("恶意.exe", b"MZ\x90\x00", "application/octet-stream"), "只能上传图片"),
		({}, ("大.png", PNG + b"\x00" * (5 * 1024 * 1024 + 1), "image/png"), "附件不能超过 5 MB"),
	]
	for overrides, upload, message in cases:
		files = {"attachment": upload} if upload else None
		response = session.post(SUBMIT, data=place.form(**overrides), files=files, timeout=120)
		assert response.status_code == 417, (overrides, response.status_code, response.text[:300])
		assert message in server_message(response)
	after = len(api_list(admin, "Complaint", [["compound", "=", place.compound]], ["name"]))
	assert after == before


def test_status_lookup_over_http(place):
	session = guest()
	upload = {"attachment": ("照片.png", PNG, "image/png")}
	response = session.post(SUBMIT, data=place.form(phone="13987654321"), files=upload, timeout=60)
	assert response.status_code == 200, response.text[:300]
	number = response.json()["message"]["tracking_number"]
	place.tracking_numbers.append(number)

	found = session.post(STATUS, data={"tracking_number": number, "phone": "139 8765 4321"}, timeout=60)
	assert found.status_code == 200
	status = found.json()["message"]
	assert status["status"] == "待受理"
	assert status["compound"] == place.compound_name
	assert "13987654321" not in found.text and "系统测试居民" not in found.text

	wrong_phone = session.post(STATUS, data={"tracking_number": number, "phone": PHONE}, timeout=60)
	unknown = session.post(
		STATUS, data={"tracking_number": "KKKK-KKKK-KKKK", "phone": "13987654321"}, timeout=60
	)
	assert wrong_phone.status_code == unknown.status_code == 404
	assert server_message(wrong_phone) == server_message(unknown)
	assert "未找到与该投诉编号和电话相符的投诉" in server_message(unknown)


def test_form_on_a_phone_in_chromium(place, browser, artifacts):
	context = browser.new_context(
		viewport={"width": 390, "height": 844},
		device_scale_factor=2,
		is_mobile=True,
		has_touch=True,
		locale="zh-CN",
		extra_http_headers={"X-Forwarded-For": client_address()},
	)
	page = context.new_page()
	try:
		page.goto(f"{BASE_URL}/complaint", wait_until="domcontentloaded")
		page.get_by_text("提交投诉").first.wait_for(timeout=60_000)

		page.fill("#complainant_name", "手机测试居民")
		page.fill("#phone", "12345")
		page.select_option("#area", AREA)
		page.select_option("#community", place.community)
		page.wait_for_selector(
			f"#compound option[value='{place.compound}']", state="attached", timeout=30_000
		)
		page.select_option("#compound", place.compound)
		page.select_option("#category", CATEGORY)
		page.fill("#description", "<script>alert(1)</script>小区大门的门禁坏了，外来人员随意进出。")
		page.set_input_files(
			"#attachment", files=[{"name": "门禁.png", "mimeType": "image/png", "buffer": PNG}]
		)

		# a wrong phone number is caught with a Chinese message before anything is sent
		page.click("#complaint-submit")
		page.locator("#complaint-error").get_by_text("请填写正确的手机或固定电话号码").wait_for(
			timeout=10_000
		)
		page.fill("#phone", "13912340000")
		page.screenshot(path=str(artifacts / "complaint-form-phone.png"), full_page=True)

		page.click("#complaint-submit")
		page.wait_for_selector("#complaint-done", state="visible", timeout=60_000)
		number = page.inner_text("#tracking-number").strip()
		place.tracking_numbers.append(number)
		assert len(number) == 14 and number.count("-") == 2
		assert page.inner_text("#received-on").strip()
		page.screenshot(path=str(artifacts / "complaint-submitted-phone.png"), full_page=True)

		page.click("#status-link")
		page.wait_for_selector("#status-form", timeout=60_000)
		assert page.input_value("#tracking_number") == number
		page.fill("#phone", "13912340000")
		page.click("#status-submit")
		page.wait_for_selector("#status-result", state="visible", timeout=60_000)
		assert page.inner_text("[data-field='status']").strip() == "待受理"
		assert page.inner_text("[data-field='compound']").strip() == place.compound_name
		page.screenshot(path=str(artifacts / "complaint-status-phone.png"), full_page=True)

		# a wrong phone number gets the generic answer
		page.fill("#phone", "13900000000")
		page.click("#status-submit")
		page.locator("#status-error").get_by_text("未找到与该投诉编号和电话相符的投诉").wait_for(
			timeout=30_000
		)
		assert page.locator("#status-result").is_hidden()
	finally:
		context.close()
