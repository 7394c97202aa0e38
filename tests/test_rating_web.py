"""Rating the handling (回访) from outside, as a guest resident: over HTTP the rating of a resolved
complaint, the refusals that change nothing, the reopening at the level that resolved it and the
second 不满意 going to the district; then the same page on a phone in Chromium, where the resident
rates and sees the complaint reopened (screenshots as artefacts).

The officers' steps (accept, escalate, resolve) are taken as Administrator through Frappe's
workflow endpoint, as the desk takes them. The test data (a community, a compound, the complaints)
is created through the REST API and removed afterwards.
"""

import json
import random
import uuid
import warnings

import pytest
import requests
from conftest import BASE_URL, check

PUBLIC = f"{BASE_URL}/api/method/property_supervision.api.public"
AREA = "七纺片区管委会"
CATEGORY = "Service Quality"
RUN = uuid.uuid4().hex[:6]
PHONE = "13955501234"


def guest() -> requests.Session:
	session = requests.Session()
	address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
	session.headers.update({"X-Forwarded-For": address, "Accept-Language": "zh-CN,zh"})
	return session


def server_message(response: requests.Response) -> str:
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages)


def api_list(session, doctype: str, filters: list, fields: list[str]) -> list[dict]:
	response = session.get(
		f"{BASE_URL}/api/resource/{doctype}",
		params={"filters": json.dumps(filters), "fields": json.dumps(fields), "limit_page_length": 0},
		timeout=60,
	)
	response.raise_for_status()
	return response.json()["data"]


class Desk:
	"""The officers' side, as Administrator over HTTP."""

	def __init__(self, admin):
		self.admin = admin

	def get(self, name: str) -> dict:
		return check(self.admin.get(f"{BASE_URL}/api/resource/Complaint/{name}", timeout=30))["data"]

	def act(self, name: str, action: str, **values) -> dict:
		if values:  # typed and saved first, as the form does
			check(self.admin.put(f"{BASE_URL}/api/resource/Complaint/{name}", json=values, timeout=60))
		return check(
			self.admin.post(
				f"{BASE_URL}/api/method/frappe.model.workflow.apply_workflow",
				json={"doc": self.get(name), "action": action},
				timeout=60,
			)
		)["message"]

	def by_tracking_number(self, number: str) -> str:
		rows = api_list(self.admin, "Complaint", [["tracking_key", "=", number]], ["name"])
		assert len(rows) == 1
		return rows[0]["name"]


@pytest.fixture(scope="module")
def place(admin):
	community = f"回访系统测试社区{RUN}"
	compound_name = f"回访系统测试小区{RUN}"
	check(
		admin.post(
			f"{BASE_URL}/api/resource/Jurisdiction",
			json={"jurisdiction_name": community, "jurisdiction_type": "Community", "parent_jurisdiction": AREA},
			timeout=60,
		)
	)
	compound = check(
		admin.post(
			f"{BASE_URL}/api/resource/Residential Compound",
			json={"compound_name": compound_name, "jurisdiction": community},
			timeout=60,
		)
	)["data"]["name"]
	yield {"community": community, "compound": compound}

	problems = []
	for row in api_list(admin, "Complaint", [["compound", "=", compound]], ["name"]):
		response = admin.delete(f"{BASE_URL}/api/resource/Complaint/{row['name']}", timeout=60)
		if not response.ok:
			problems.append(f"Complaint {row['name']}: {response.status_code}")
	deletions = [("Residential Compound", compound)]
	units = api_list(admin, "Supervision Unit", [["jurisdiction", "=", community]], ["name"])
	deletions += [("Supervision Unit", row["name"]) for row in units]
	deletions.append(("Jurisdiction", community))
	for doctype, name in deletions:
		response = admin.delete(f"{BASE_URL}/api/resource/{doctype}/{name}", timeout=60)
		if not response.ok:
			problems.append(f"{doctype} {name}: {response.status_code}")
	if problems:
		warnings.warn("test data left behind: " + "; ".join(problems), stacklevel=1)


def file_complaint(place, description: str) -> str:
	response = guest().post(
		f"{PUBLIC}.submit_complaint",
		data={
			"complainant_name": "回访系统测试居民",
			"is_anonymous": "0",
			"phone": PHONE,
			"community": place["community"],
			"compound": place["compound"],
			"category": CATEGORY,
			"description": description,
		},
		timeout=60,
	)
	assert response.status_code == 200, response.text[:300]
	return response.json()["message"]["tracking_number"]


def resolved_at_area(desk: Desk, name: str) -> None:
	desk.act(name, "Accept")
	desk.act(name, "Escalate to Area", handling_note="需要片区协调物业公司。")
	desk.act(name, "Resolve", resolution="已协调物业公司维修楼道照明。")


def rate(session, number: str, satisfaction: str, comment: str = "", phone: str = PHONE):
	return session.post(
		f"{PUBLIC}.rate_complaint",
		data={"tracking_number": number, "phone": phone, "satisfaction": satisfaction, "comment": comment},
		timeout=60,
	)


def follow_up_list(admin, place, days: int) -> set[str]:
	answer = check(
		admin.post(
			f"{BASE_URL}/api/method/frappe.desk.query_report.run",
			json={
				"report_name": "Complaint Follow-up",
				"filters": {"jurisdiction": place["community"], "days": days},
			},
			timeout=60,
		)
	)["message"]
	return {row["name"] for row in answer["result"] if isinstance(row, dict) and row.get("name")}


def test_rating_reopens_and_escalates_over_http(admin, place):
	desk = Desk(admin)
	number = file_complaint(place, f"回访系统测试 {RUN}：楼道灯坏了一个月。")
	name = desk.by_tracking_number(number)
	session = guest()

	# not resolved yet: refused with a clear message, nothing changes
	before = desk.get(name)["modified"]
	refused = rate(session, number, "Dissatisfied")
	assert refused.status_code == 417 and "该投诉尚未办结" in server_message(refused)
	assert desk.get(name)["modified"] == before

	resolved_at_area(desk, name)
	status = check(
		session.post(f"{PUBLIC}.get_complaint_status", data={"tracking_number": number, "phone": PHONE}, timeout=60)
	)["message"]
	assert status["can_rate"] and status["status"] == "已办结"
	# unrated: on the follow-up list (report 投诉回访名单) once the settings' days have passed
	assert name in follow_up_list(admin, place, days=0)
	assert name not in follow_up_list(admin, place, days=30)

	# bad input: wrong phone (the lookup's answer), unknown value, comment too long
	before = desk.get(name)
	wrong = rate(session, number, "Satisfied", phone="13900000000")
	assert wrong.status_code == 404 and "未找到与该投诉编号和电话相符的投诉" in server_message(wrong)
	unknown = rate(session, number, "Delighted")
	assert unknown.status_code == 417 and "请选择满意、基本满意或不满意" in server_message(unknown)
	too_long = rate(session, number, "Satisfied", comment="长" * 501)
	assert too_long.status_code == 417 and "评价意见不能超过 500 字" in server_message(too_long)
	after = desk.get(name)
	assert (after["modified"], after["satisfaction"], len(after["handling_log"])) == (
		before["modified"],
		before["satisfaction"],
		len(before["handling_log"]),
	)

	# 不满意: reopened at the area, which resolved it, with a new deadline
	answer = check(rate(session, number, "Dissatisfied", "灯修好两天又坏了。"))["message"]
	assert answer["reopened"] and not answer["can_rate"] and answer["deadline"]
	doc = desk.get(name)
	assert (doc["workflow_state"], doc["current_level"]) == ("Area Handling", "Area")
	assert (doc["satisfaction"], doc["satisfaction_source"], doc["dissatisfied_count"]) == (
		"Dissatisfied",
		"Resident",
		1,
	)
	assert name not in follow_up_list(admin, place, days=0)
	assert "13955501234" not in json.dumps(answer, ensure_ascii=False)
	assert "回访系统测试居民" not in json.dumps(answer, ensure_ascii=False)

	# rated once: while it is handled again there is nothing to rate
	again = rate(session, number, "Satisfied")
	assert again.status_code == 417 and "该投诉尚未办结" in server_message(again)

	# resolved again at the area; the second 不满意 goes to the district
	desk.act(name, "Resolve", resolution="已更换全部楼道灯具。")
	check(rate(session, number, "Dissatisfied"))
	doc = desk.get(name)
	assert (doc["workflow_state"], doc["current_level"], doc["dissatisfied_count"]) == (
		"District Handling",
		"District",
		2,
	)
	ratings = [row["satisfaction"] for row in doc["handling_log"] if row.get("satisfaction")]
	assert ratings == ["Dissatisfied", "Dissatisfied"]


def test_rating_on_a_phone_in_chromium(admin, place, browser, artifacts):
	desk = Desk(admin)
	number = file_complaint(place, f"回访手机测试 {RUN}：小区大门门禁损坏。")
	name = desk.by_tracking_number(number)
	resolved_at_area(desk, name)

	context = browser.new_context(
		viewport={"width": 390, "height": 844},
		device_scale_factor=2,
		is_mobile=True,
		has_touch=True,
		locale="zh-CN",
		extra_http_headers={"X-Forwarded-For": f"10.9.{random.randint(0, 255)}.{random.randint(1, 254)}"},
	)
	page = context.new_page()
	try:
		page.goto(f"{BASE_URL}/complaint-status?number={number}", wait_until="domcontentloaded")
		page.wait_for_selector("#status-form", timeout=60_000)
		page.fill("#phone", PHONE)
		page.click("#status-submit")
		page.wait_for_selector("#rating-form", state="visible", timeout=60_000)
		assert page.inner_text("[data-field='status']").strip() == "已办结"
		# nothing chosen: a message in Chinese, nothing sent
		page.click("#rating-submit")
		page.locator("#rating-error").get_by_text("请选择满意、基本满意或不满意").wait_for(timeout=10_000)
		page.locator("input[name=satisfaction][value=Dissatisfied]").check()
		page.fill("#rating_comment", "门禁修好后第二天又坏了。")
		page.screenshot(path=str(artifacts / "complaint-rating-phone.png"), full_page=True)

		page.click("#rating-submit")
		page.locator("#rating-message").get_by_text("重新办理").wait_for(timeout=60_000)
		assert page.locator("#rating-form").is_hidden()
		assert page.inner_text("[data-field='level']").strip() == "片区（街道）级"
		assert page.inner_text("[data-rating='satisfaction']").strip() == "不满意"
		page.screenshot(path=str(artifacts / "complaint-rating-reopened-phone.png"), full_page=True)
		doc = desk.get(name)
		assert (doc["workflow_state"], doc["satisfaction_source"]) == ("Area Handling", "Resident")

		# resolved again; the second 不满意 on the phone sends it to the district
		desk.act(name, "Resolve", resolution="已更换门禁主机。")
		page.click("#status-submit")
		page.wait_for_selector("#rating-form", state="visible", timeout=60_000)
		page.locator("input[name=satisfaction][value=Dissatisfied]").check()
		page.click("#rating-submit")
		page.locator("#rating-message").get_by_text("重新办理").wait_for(timeout=60_000)
		assert page.inner_text("[data-field='level']").strip() == "区级"
		page.screenshot(path=str(artifacts / "complaint-rating-district-phone.png"), full_page=True)
		assert desk.get(name)["workflow_state"] == "District Handling"
	finally:
		context.close()


def test_follow_up_call_recorded_in_the_desk(admin, place, browser, artifacts):
	"""An officer calls the complainant back and records the answer with 记录回访 on the form."""
	desk = Desk(admin)
	number = file_complaint(place, f"回访电话测试 {RUN}：垃圾清运不及时。")
	name = desk.by_tracking_number(number)
	desk.act(name, "Accept")
	desk.act(name, "Resolve", resolution="已督促物业每日清运。")
	assert desk.get(name)["awaiting_rating"] == 1

	context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
	host = BASE_URL.split("//", 1)[1].split(":", 1)[0]
	context.add_cookies(
		[{"name": c.name, "value": c.value, "domain": host, "path": "/"} for c in admin.cookies]
	)
	page = context.new_page()
	try:
		page.goto(f"{BASE_URL}/app/complaint/{name}", wait_until="domcontentloaded")
		button = page.get_by_role("button", name="记录回访")
		button.wait_for(timeout=60_000)
		button.click()
		dialog = page.locator(".modal.show")
		dialog.locator("select[data-fieldname='satisfaction']").wait_for(timeout=30_000)
		dialog.locator("select[data-fieldname='satisfaction']").select_option("Basically Satisfied")
		dialog.locator("textarea[data-fieldname='comment']").fill("电话回访：基本满意，希望保持。")
		page.screenshot(path=str(artifacts / "complaint-follow-up-call-desk.png"))
		dialog.locator(".btn-primary").click()
		page.wait_for_function(
			"() => !document.querySelector('.modal.show')", timeout=30_000
		)
	finally:
		context.close()
	doc = desk.get(name)
	assert (doc["satisfaction"], doc["satisfaction_source"], doc["awaiting_rating"]) == (
		"Basically Satisfied",
		"Follow-up Call",
		0,
	)
	assert doc["satisfaction_comment"] == "电话回访：基本满意，希望保持。"
	assert doc["workflow_state"] == "Resolved"
	# the resident cannot rate this resolution again
	again = rate(guest(), number, "Dissatisfied")
	assert again.status_code == 417 and "该投诉已评价过" in server_message(again)


def test_two_ratings_at_once_leave_one(admin, place):
	"""The resident taps twice, or two family members rate at the same moment: one rating counts."""
	import threading
	from concurrent.futures import ThreadPoolExecutor

	desk = Desk(admin)
	number = file_complaint(place, f"回访并发测试 {RUN}：电梯异响。")
	name = desk.by_tracking_number(number)
	desk.act(name, "Accept")
	desk.act(name, "Resolve", resolution="已检修电梯。")
	start = threading.Barrier(2)

	def send(satisfaction):
		session = guest()
		start.wait(timeout=30)
		return rate(session, number, satisfaction)

	with ThreadPoolExecutor(max_workers=2) as pool:
		answers = list(pool.map(send, ("Satisfied", "Dissatisfied")))
	assert sorted(a.status_code for a in answers) == [200, 417], [a.text[:200] for a in answers]
	refused = next(a for a in answers if a.status_code == 417)
	winner = "Satisfied" if answers[0].status_code == 200 else "Dissatisfied"
	# the later one finds the complaint rated, or (after 不满意) handled again
	expected = "该投诉已评价过" if winner == "Satisfied" else "该投诉尚未办结"
	assert expected in server_message(refused)
	doc = desk.get(name)
	assert len([row for row in doc["handling_log"] if row.get("satisfaction")]) == 1
	assert doc["satisfaction"] == winner
	assert doc["workflow_state"] == ("Resolved" if winner == "Satisfied" else "Community Handling")
