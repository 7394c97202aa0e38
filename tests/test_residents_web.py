"""The residents' disclosure pages from outside (issue 13): /compounds, a compound's page, /credit,
and the complaint pages, as a guest on a phone in Chromium in Chinese and in Uyghur (right to left,
shaped Arabic script), with screenshots; over HTTP, that no page or endpoint shows personal data or
a record that is out of date or under objection, that bad input gets a clear message in the
resident's language and changes nothing, that the choice of language is remembered, and that
the pages are rate-limited.

The records looked at are made by property_supervision/tests/residents_web_data.py (through
`bench execute`, with the app's test factories) and removed afterwards.
"""

import json
import random
import re
import uuid

import pytest
import requests
from conftest import BASE_URL, SITE, bench, check

RUN = uuid.uuid4().hex[:6]
DATA = "property_supervision.tests.residents_web_data"
DISCLOSURE = f"{BASE_URL}/api/method/property_supervision.api.disclosure"
PHONE_SIZE = {"width": 390, "height": 844}
UG_WORD = "ئۇيغۇرچە"
ARABIC = re.compile("[\u0600-\u06ff]")


def client_address() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def guest(language: str | None = None) -> requests.Session:
	session = requests.Session()
	session.headers["X-Forwarded-For"] = client_address()
	if language:
		session.cookies.set("preferred_language", language)
	return session


@pytest.fixture(scope="module")
def world():
	out = bench(
		"--site",
		SITE,
		"execute",
		f"{DATA}.create",
		"--kwargs",
		json.dumps({"run": RUN}),
	)
	line = next(line for line in reversed(out.stdout.splitlines()) if line.startswith("{"))
	names = json.loads(line)
	yield names
	bench(
		"--site",
		SITE,
		"execute",
		f"{DATA}.remove",
		"--kwargs",
		json.dumps({"names": line}),
		check=False,
	)


def server_message(response) -> str:
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages)


def phone_context(browser, language: str | None = None):
	context = browser.new_context(
		viewport=PHONE_SIZE,
		device_scale_factor=2,
		is_mobile=True,
		has_touch=True,
		locale="zh-CN",
		extra_http_headers={"X-Forwarded-For": client_address()},
	)
	if language:
		context.add_cookies([{"name": "preferred_language", "value": language, "url": BASE_URL}])
	return context


def assert_direction(page, language: str):
	assert page.evaluate("document.documentElement.lang") == language
	assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ug" else "ltr")
	# the page is laid out right to left for Uyghur: the heading's text starts on the right
	assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == (
		"rtl" if language == "ug" else "ltr"
	)


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_compound_pages_on_a_phone(world, browser, artifacts, language):
	context = phone_context(browser)
	page = context.new_page()
	try:
		page.goto(f"{BASE_URL}/compounds?_lang={language}", wait_until="load")
		assert_direction(page, language)
		if language == "ug":
			assert ARABIC.search(page.inner_text("h1"))
		page.select_option("#area", "七纺片区管委会")
		page.select_option("#community", world["community"])
		page.fill("#query", "系统测试")
		page.screenshot(
			path=str(artifacts / f"residents-compounds-search-{language}.png"),
			full_page=True,
		)
		page.click("#compounds-search")
		page.wait_for_selector("#compounds-list")
		links = page.locator("#compounds-list a[data-compound]")
		assert [links.nth(i).get_attribute("data-compound") for i in range(links.count())] == [
			world["compound"]
		]
		# the choice of language is remembered without ?_lang=
		assert "_lang" not in page.url
		assert_direction(page, language)
		page.screenshot(
			path=str(artifacts / f"residents-compounds-found-{language}.png"),
			full_page=True,
		)

		links.first.click()
		page.wait_for_selector("#compound-page #management")
		assert_direction(page, language)
		assert page.inner_text("h1").strip() == world["compound_name"]
		assert "1.35" in page.inner_text("[data-field='fee_standard']")
		assert re.search(
			r"\d{4}-\d{2}-\d{2} ~ \d{4}-\d{2}-\d{2}",
			page.inner_text("[data-field='contract_period']"),
		)
		assert page.locator("[data-status='compliant']").count() == 1
		assert "7,500.00" in page.inner_text("#income-and-expenses")
		photo = page.locator("#income-and-expenses img.ps-photo")
		photo.scroll_into_view_if_needed()
		page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
		assert page.locator("[data-field='committee_state'] .ps-badge-good").count() == 1
		text = page.inner_text("body")
		for secret in world["secrets"]:
			assert secret not in text, secret
		page.screenshot(path=str(artifacts / f"residents-compound-{language}.png"), full_page=True)

		# how to complain: the complaint form with this compound chosen
		page.click("#complain-link")
		page.wait_for_function(
			"name => document.getElementById('compound') && document.getElementById('compound').value === name",
			arg=world["compound"],
			timeout=30_000,
		)
		assert page.input_value("#community") == world["community"]
		assert_direction(page, language)
		page.screenshot(
			path=str(artifacts / f"residents-complaint-chosen-{language}.png"),
			full_page=True,
		)

		page.goto(f"{BASE_URL}/complaint-status", wait_until="load")
		assert_direction(page, language)
		page.screenshot(
			path=str(artifacts / f"residents-complaint-status-{language}.png"),
			full_page=True,
		)
	finally:
		context.close()


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_credit_page_on_a_phone(world, browser, artifacts, language):
	context = phone_context(browser, language)
	page = context.new_page()
	try:
		page.goto(f"{BASE_URL}/credit", wait_until="load")
		assert_direction(page, language)
		red = page.locator(f"#red-list [data-enterprise='{world['good']}']")
		black = page.locator(f"#black-list [data-enterprise='{world['bad']}']")
		assert red.count() == 1 and black.count() == 1
		assert "AAA" in red.inner_text() and "C" in black.inner_text()
		assert black.locator(".ps-badge-bad").count() == 1  # key supervision
		page.screenshot(path=str(artifacts / f"residents-credit-{language}.png"), full_page=True)

		page.goto(f"{BASE_URL}/credit?enterprise={world['good']}", wait_until="load")
		card = page.locator(f"#credit-list [data-enterprise='{world['good']}']")
		codes = card.locator("[data-record]").all_inner_texts()
		assert len(codes) == 3 and all("LH-03" in c for c in codes), codes
		assert all("+5" in c for c in codes)
		page.goto(f"{BASE_URL}/credit?enterprise={world['bad']}", wait_until="load")
		card = page.locator(f"#credit-list [data-enterprise='{world['bad']}']")
		records = card.locator("[data-record]").all_inner_texts()
		assert len(records) == 2 and all("BL-08" in r for r in records), records  # not the objected BL-13
		assert page.locator("#how-to-object").count() == 1
		if language == "ug":
			assert ARABIC.search(page.inner_text("#how-to-object"))
		page.screenshot(
			path=str(artifacts / f"residents-credit-enterprise-{language}.png"),
			full_page=True,
		)
	finally:
		context.close()


def test_uyghur_is_shaped_in_an_arabic_script_font(browser, artifacts):
	"""Chromium draws the Uyghur text with an installed Arabic-script font (fonts-noto-core), and
	the letters join: a word is narrower than its letters kept apart (zero-width non-joiners)."""
	context = phone_context(browser, "ug")
	page = context.new_page()
	try:
		page.goto(f"{BASE_URL}/compounds", wait_until="load")
		session = context.new_cdp_session(page)
		session.send("DOM.enable")
		session.send("CSS.enable")
		root = session.send("DOM.getDocument")["root"]["nodeId"]
		node = session.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
		fonts = [
			f["familyName"] for f in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
		]
		assert any(re.search("Arabic|UKIJ", family) for family in fonts), fonts
		widths = page.evaluate(
			"""word => {
				const measure = (text) => {
					const span = document.createElement('span');
					span.textContent = text;
					span.style.fontSize = '32px';
					document.querySelector('h1').appendChild(span);
					const width = span.getBoundingClientRect().width;
					span.remove();
					return width;
				};
				return [measure(word), measure([...word].join('\\u200c'))];
			}""",
			"تۇرالغۇ",
		)
		assert widths[0] < widths[1] * 0.95, widths
		page.locator("nav.ps-lang-switch").screenshot(
			path=str(artifacts / "residents-language-switch-ug.png")
		)
	finally:
		context.close()


def test_no_personal_data_and_nothing_out_of_date_or_objected(world):
	session = guest()
	answers = [
		session.get(f"{BASE_URL}/compounds?community={world['community']}", timeout=60),
		session.get(f"{BASE_URL}/compounds/{world['compound']}", timeout=60),
		session.get(f"{BASE_URL}/compounds/{world['overdue_compound']}", timeout=60),
		session.get(f"{BASE_URL}/credit", timeout=60),
		session.get(f"{BASE_URL}/credit?enterprise={world['good']}", timeout=60),
		session.get(f"{BASE_URL}/credit?enterprise={world['bad']}", timeout=60),
		session.get(
			f"{DISCLOSURE}.find_compounds",
			params={"community": world["community"]},
			timeout=60,
		),
		session.get(
			f"{DISCLOSURE}.get_compound",
			params={"compound": world["compound"]},
			timeout=60,
		),
		session.get(
			f"{DISCLOSURE}.get_credit_disclosure",
			params={"enterprise": world["bad"]},
			timeout=60,
		),
		session.get(
			f"{DISCLOSURE}.get_credit_disclosure",
			params={"enterprise": world["good"]},
			timeout=60,
		),
	]
	for answer in answers:
		assert answer.status_code == 200, answer.url
		for secret in world["secrets"]:
			assert secret not in answer.text, (answer.url, secret)
	compound = check(answers[7])["message"]
	assert compound["publicity"]["income_and_expenses"]["name"] == world["latest_publicity"]
	assert world["older_publicity"] not in answers[1].text
	assert compound["committee"]["filed"] == 1
	overdue = check(session.get(f"{DISCLOSURE}.get_compound", params={"compound": world["overdue_compound"]}))
	assert overdue["message"]["publicity_status"]["status"] == "overdue"
	assert 'data-status="overdue"' in answers[2].text
	# the credit records: confirmed, in force, not under objection; no reference to where they came from
	good = check(answers[9])["message"]["enterprises"][0]
	assert [r["rule_code"] for r in good["records"]] == ["LH-03"] * 3
	bad = check(answers[8])["message"]["enterprises"][0]
	assert [r["rule_code"] for r in bad["records"]] == ["BL-08"] * 2
	for name in world["records"].values():
		assert all(name not in a.text for a in answers)
	# the posted notice of the latest statement is served, the older one's is not
	photo = session.get(
		f"{DISCLOSURE}.notice_photo",
		params={"record": world["latest_publicity"]},
		timeout=60,
	)
	assert photo.status_code == 200 and photo.headers["Content-Type"].startswith("image/png")
	assert photo.content.startswith(b"\x89PNG")
	older = session.get(
		f"{DISCLOSURE}.notice_photo",
		params={"record": world["older_publicity"]},
		timeout=60,
	)
	assert older.status_code == 404 and b"PNG" not in older.content
	# the private file itself stays private
	assert "/private/files/" not in answers[1].text


def count(admin, doctype: str) -> int:
	return check(
		admin.get(
			f"{BASE_URL}/api/method/frappe.client.get_count",
			params={"doctype": doctype},
			timeout=60,
		)
	)["message"]


@pytest.mark.parametrize(
	"path, status, zh, ug",
	[
		("/compounds/XQ-99999", 404, "未找到该小区", "بۇ تۇرالغۇ رايونى تېپىلمىدى"),
		(
			"/compounds?community=没有这个社区",
			400,
			"请从列表中选择社区",
			"تىزىملىكتىن بىر مەھەللىنى تاللاڭ",
		),
		(
			"/compounds?page=-3",
			400,
			"列表没有这一页",
			"تىزىملىكنىڭ بۇ بېتى مەۋجۇت ئەمەس",
		),
		(
			"/credit?grade=Z",
			400,
			"请从列表中选择信用等级",
			"تىزىملىكتىن بىر دەرىجىنى تاللاڭ",
		),
		(
			"/credit?as_of=2099-01-01",
			400,
			"日期不能晚于今天",
			"چېسلا كەلگۈسىدە بولسا بولمايدۇ",
		),
		(
			"/credit?as_of=yesterday",
			400,
			"请按“年-月-日”填写日期",
			"چېسلانى يىل-ئاي-كۈن شەكلىدە كىرگۈزۈڭ",
		),
	],
)
def test_bad_input_gets_a_message_in_the_residents_language(admin, path, status, zh, ug):
	before = {
		doctype: count(admin, doctype) for doctype in ("Residential Compound", "Complaint", "Credit Record")
	}
	for language, message in (("zh", zh), ("ug", ug)):
		answer = guest(language).get(BASE_URL + path, timeout=60)
		assert answer.status_code == status, (path, answer.status_code)
		assert message in answer.text, (path, language)
		assert 'id="page-error"' in answer.text
		assert f'lang="{language}"' in answer.text
	api = guest("ug").get(
		f"{DISCLOSURE}.get_credit_disclosure",
		params={"grade": "Z", "as_of": "2026-02-30"},
		timeout=60,
	)
	assert api.status_code == 400
	assert ARABIC.search(server_message(api))
	assert {doctype: count(admin, doctype) for doctype in before} == before


def test_the_language_choice_is_remembered(world):
	session = guest()
	first = session.get(f"{BASE_URL}/compounds?_lang=ug", timeout=60)
	assert session.cookies.get("preferred_language") == "ug"
	assert '<html lang="ug" dir="rtl">' in first.text
	for path in (
		"/credit",
		f"/compounds/{world['compound']}",
		"/complaint",
		"/complaint-status",
	):
		answer = session.get(BASE_URL + path, timeout=60)
		assert '<html lang="ug" dir="rtl">' in answer.text, path
		assert UG_WORD in answer.text  # the switcher names both languages in themselves
		assert 'hreflang="zh"' in answer.text
		if "/compounds/" not in path:  # a compound's heading is its name
			heading = re.search(r"<h1[^>]*>(.*?)</h1>", answer.text, re.S).group(1)
			assert ARABIC.search(heading), (path, heading)
	back = session.get(f"{BASE_URL}/credit?_lang=zh", timeout=60)
	assert '<html lang="zh" dir="ltr">' in back.text
	assert '<html lang="zh" dir="ltr">' in session.get(f"{BASE_URL}/complaint", timeout=60).text
	# an endpoint answers in the remembered language too
	answer = guest("ug").post(
		f"{BASE_URL}/api/method/property_supervision.complaints.api.get_complaint_status",
		data={"tracking_number": "AAAA-AAAA-AAAA", "phone": "13900000000"},
		timeout=60,
	)
	assert answer.status_code == 404
	assert "ماس كېلىدىغان شىكايەت يوق" in server_message(answer)


def test_the_pages_are_rate_limited(admin):
	settings = check(admin.get(f"{BASE_URL}/api/resource/Complaint Settings/Complaint Settings", timeout=60))[
		"data"
	]
	limit = settings.get("web_form_rate_limit") or 10
	check(
		admin.put(
			f"{BASE_URL}/api/resource/Complaint Settings/Complaint Settings",
			json={"web_form_rate_limit": 1},
			timeout=60,
		)
	)
	try:
		session = guest("ug")
		# page views and calls of one address count together per page or endpoint: 60 an hour here
		for _ in range(60):
			assert session.get(f"{BASE_URL}/compounds", timeout=60).status_code == 200
		refused = session.get(f"{BASE_URL}/compounds", timeout=60)
		assert refused.status_code == 429
		assert "بەت كۆرۈش بەك كۆپ بولدى" in refused.text
		api = session.get(f"{DISCLOSURE}.find_compounds", timeout=60)
		assert api.status_code == 200  # the endpoint's own count
		assert guest().get(f"{BASE_URL}/compounds", timeout=60).status_code == 200  # another address
	finally:
		check(
			admin.put(
				f"{BASE_URL}/api/resource/Complaint Settings/Complaint Settings",
				json={"web_form_rate_limit": limit},
				timeout=60,
			)
		)


def test_administrators_can_close_the_credit_page(admin):
	url = f"{BASE_URL}/api/resource/Credit Settings/Credit Settings"
	check(admin.put(url, json={"public_disclosure": 0}, timeout=60))
	try:
		closed = guest("zh").get(f"{BASE_URL}/credit", timeout=60)
		assert closed.status_code == 403
		assert "信用信息暂未公开" in closed.text
		assert 'id="credit-list"' not in closed.text
		api = guest().get(f"{DISCLOSURE}.get_credit_disclosure", timeout=60)
		assert api.status_code == 403
	finally:
		check(admin.put(url, json={"public_disclosure": 1}, timeout=60))
	assert guest().get(f"{BASE_URL}/credit", timeout=60).status_code == 200
