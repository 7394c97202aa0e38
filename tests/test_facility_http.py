"""Facility work from outside (SPEC §14, issue 14 item 2), over HTTP as the desk and the REST API
are used: a Department Officer of another unit, one without any unit and an area officer of
another area learn nothing of a lead unit's facility item — list, form, count, link search, the
three reports, get_value, print — and their answers about it match their answers about an item
that does not exist; the lead unit's own officer sees it and updates its progress, and is refused
in Chinese (nothing saved) when changing its target date."""

import json
import re
import uuid

import pytest
from conftest import BASE_URL, check, login, make_user

PASSWORD = "Ps-Fac-2026!x"
RUN = uuid.uuid4().hex[:6]
ITEM = "Facility Rectification Item"
LEAD = "区市政市容管理局"
OTHER = "区规划分局"
YEAR = 2040 + int(RUN, 16) % 50
MARKER = f"设施外部探测{RUN}"


@pytest.fixture(scope="module")
def world(admin):
	def insert(doctype, **fields):
		return check(admin.post(f"{BASE_URL}/api/resource/{doctype}", json=fields, timeout=60))["data"]

	community = insert(
		"Jurisdiction",
		jurisdiction_name=f"FAC新民社区{RUN}",
		jurisdiction_type="Community",
		parent_jurisdiction="新民路片区管委会",
	)["name"]
	compound = insert("Residential Compound", compound_name=f"FAC小区{RUN}", jurisdiction=community)["name"]
	plan = insert("Facility Rectification Plan", year=YEAR)["name"]
	item = insert(
		ITEM,
		plan=plan,
		compound=compound,
		issue_type="Damaged Roads",
		description=MARKER,
		lead_unit=LEAD,
		target_date=f"{YEAR}-12-31",
		budget=300000,
	)["name"]
	users = {
		"owner": make_user(
			admin,
			f"fac.own.{RUN}@example.com",
			"Department Officer",
			"Supervision Unit",
			LEAD,
			password=PASSWORD,
		),
		"other_unit": make_user(
			admin,
			f"fac.other.{RUN}@example.com",
			"Department Officer",
			"Supervision Unit",
			OTHER,
			password=PASSWORD,
		),
		"no_unit": make_user(
			admin,
			f"fac.none.{RUN}@example.com",
			"Department Officer",
			password=PASSWORD,
		),
		"other_area": make_user(
			admin,
			f"fac.area.{RUN}@example.com",
			"Area Officer",
			"Jurisdiction",
			"七纺片区管委会",
			password=PASSWORD,
		),
	}
	return {"plan": plan, "item": item, "compound": compound, "users": users}


@pytest.fixture(scope="module")
def sessions(world):
	return {who: login(user, PASSWORD) for who, user in world["users"].items()}


def probes(name: str, plan: str):
	"""(method or REST path, args) asking about the item `name`."""
	rest = f"{BASE_URL}/api/resource/{ITEM}"
	return [
		(f"{rest}/{name}", None),
		(
			rest,
			{
				"filters": json.dumps({"name": name}),
				"fields": json.dumps(["name", "description", "budget"]),
			},
		),
		("frappe.client.get", {"doctype": ITEM, "name": name}),
		(
			"frappe.client.get_value",
			{
				"doctype": ITEM,
				"filters": json.dumps({"name": name}),
				"fieldname": "description",
			},
		),
		(
			"frappe.client.get_count",
			{"doctype": ITEM, "filters": json.dumps({"name": name})},
		),
		(
			"frappe.desk.reportview.get_count",
			{"doctype": ITEM, "filters": json.dumps({"name": name})},
		),
		(
			"frappe.desk.reportview.get",
			{
				"doctype": ITEM,
				"fields": json.dumps(["name", "description"]),
				"filters": json.dumps({"name": name}),
			},
		),
		("frappe.desk.search.search_link", {"doctype": ITEM, "txt": name}),
		("frappe.desk.form.load.getdoc", {"doctype": ITEM, "name": name}),
		(
			"frappe.desk.query_report.run",
			{
				"report_name": "Overdue Facility Items",
				"filters": json.dumps({"lead_unit": LEAD}),
			},
		),
		(
			"frappe.desk.query_report.run",
			{
				"report_name": "Facility Rectification Progress",
				"filters": json.dumps({"plan": plan}),
			},
		),
		("frappe.www.printview.get_html_and_style", {"doc": ITEM, "name": name}),
	]


def messages(response) -> str:
	"""The messages a refused request shows the user, decoded."""
	return " ".join(
		json.loads(m).get("message", "") for m in json.loads(response.json().get("_server_messages") or "[]")
	)


def ask(session, target, args):
	if target.startswith("http"):
		return session.get(target, params=args, timeout=60)
	return session.post(f"{BASE_URL}/api/method/{target}", data=args, timeout=60)


def normalise(response, name):
	text = response.text.replace(name, "<target>")
	text = re.sub(r'"(exc|_exc_source|traceback|_server_messages)":\s*"[^"]*"', "", text)
	text = re.sub(r"__frappe_exc_id[\\\"]*:\s*[\\\"]*[0-9a-f]+", "", text)
	return response.status_code, text


@pytest.mark.parametrize("who", ["other_unit", "no_unit", "other_area"])
def test_outsiders_learn_nothing_of_the_item(world, sessions, who):
	session = sessions[who]
	missing = "SSX-1999-99999"
	for (target, args), (missing_target, missing_args) in zip(
		probes(world["item"], world["plan"]),
		probes(missing, world["plan"]),
		strict=True,
	):
		answer = ask(session, target, args)
		assert MARKER not in answer.text, (who, target)
		assert "300000" not in answer.text or "query_report" in target, (who, target)
		if "query_report" in target:
			rows = answer.json().get("message", {}).get("result", []) if answer.ok else []
			assert all(LEAD != (r.get("group") or r.get("lead_unit")) for r in rows if isinstance(r, dict)), (
				who
			)
			continue
		other = ask(session, missing_target, missing_args)
		assert normalise(answer, world["item"]) == normalise(other, missing), (
			who,
			target,
		)


def test_the_lead_units_officer_sees_and_updates_only_progress(world, sessions, admin):
	session = sessions["owner"]
	item = world["item"]
	listed = check(
		session.get(
			f"{BASE_URL}/api/resource/{ITEM}",
			params={"limit_page_length": 0},
			timeout=60,
		)
	)["data"]
	assert {"name": item} in listed
	assert check(
		session.post(
			f"{BASE_URL}/api/method/frappe.client.get_count",
			data={"doctype": ITEM},
			timeout=60,
		)
	)["message"] == len(listed)
	found = check(
		session.post(
			f"{BASE_URL}/api/method/frappe.desk.search.search_link",
			data={"doctype": ITEM, "txt": f"FAC小区{RUN}"},
			timeout=60,
		)
	)
	assert item in [r["value"] for r in found["message"]]
	updated = check(
		session.put(
			f"{BASE_URL}/api/resource/{ITEM}/{item}",
			json={"progress": 40, "remark": "已进场施工"},
			timeout=60,
		)
	)["data"]
	assert updated["progress"] == 40 and updated["status"] == "In Progress"
	refused = session.put(
		f"{BASE_URL}/api/resource/{ITEM}/{item}",
		json={"target_date": f"{YEAR + 1}-06-30"},
		timeout=60,
	)
	assert refused.status_code == 417, refused.text[:300]
	assert "职能部门人员只能修改" in messages(refused)
	stored = check(admin.get(f"{BASE_URL}/api/resource/{ITEM}/{item}", timeout=60))["data"]
	assert stored["target_date"] == f"{YEAR}-12-31"
	assert stored["progress"] == 40
	# the district sees the progress against the plan
	report = check(
		admin.post(
			f"{BASE_URL}/api/method/frappe.desk.query_report.run",
			data={
				"report_name": "Facility Rectification Progress",
				"filters": json.dumps({"plan": world["plan"]}),
			},
			timeout=60,
		)
	)["message"]["result"]
	row = next(r for r in report if isinstance(r, dict) and r.get("group") == LEAD)
	assert row["planned"] == 1 and row["average_progress"] == 40
	# another unit's officer cannot write it either
	other = sessions["other_unit"].put(
		f"{BASE_URL}/api/resource/{ITEM}/{item}", json={"progress": 90}, timeout=60
	)
	assert other.status_code in (403, 404)
	assert check(admin.get(f"{BASE_URL}/api/resource/{ITEM}/{item}", timeout=60))["data"]["progress"] == 40
