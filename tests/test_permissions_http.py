"""Row-level access from outside: an outsider is refused on every path the site offers.

An officer of 新民路片区管委会 and an enterprise user of another enterprise try to reach a
compound and a complaint of 七纺片区管委会 through the form (REST get), list, report view,
link search, export, print view, PDF download and global search.
"""

import json
import uuid

import pytest
from conftest import BASE_URL, check, credit_code, login, make_user

PASSWORD = "Ps-Test-2026!x"
RUN = uuid.uuid4().hex[:6]


@pytest.fixture(scope="module")
def world(admin):
	"""Two areas' worth of records, and the people who should and should not see them."""

	def insert(doctype, **fields):
		return check(admin.post(f"{BASE_URL}/api/resource/{doctype}", json=fields, timeout=60))["data"]

	own_community = insert(
		"Jurisdiction",
		jurisdiction_name=f"HTTP七纺社区{RUN}",
		jurisdiction_type="Community",
		parent_jurisdiction="七纺片区管委会",
	)["name"]
	other_community = insert(
		"Jurisdiction",
		jurisdiction_name=f"HTTP新民社区{RUN}",
		jurisdiction_type="Community",
		parent_jurisdiction="新民路片区管委会",
	)["name"]
	compound = insert("Residential Compound", compound_name=f"权限小区{RUN}", jurisdiction=own_community)[
		"name"
	]
	other_compound = insert(
		"Residential Compound", compound_name=f"他区小区{RUN}", jurisdiction=other_community
	)["name"]
	enterprise = insert(
		"Property Enterprise",
		credit_code=credit_code(f"91650105MA{RUN[:6].upper().translate(str.maketrans('IOZSV', '12345'))}X"),
		enterprise_name=f"权限测试物业{RUN}",
		contact_phone="13912345678",
	)["name"]
	category = check(
		admin.get(f"{BASE_URL}/api/resource/Complaint Category", params={"limit_page_length": 1}, timeout=30)
	)["data"][0]["name"]
	complaint = insert(
		"Complaint",
		compound=compound,
		category=category,
		complainant_name="张三",
		complainant_phone="13912345678",
		description=f"权限测试投诉{RUN}",
		received_via="Phone",
	)["name"]
	return {
		"compound": compound,
		"other_compound": other_compound,
		"enterprise": enterprise,
		"complaint": complaint,
		"insider": make_user(
			admin,
			f"qf.{RUN}@example.com",
			"Area Officer",
			"Jurisdiction",
			"七纺片区管委会",
			password=PASSWORD,
		),
		"outsider": make_user(
			admin,
			f"xm.{RUN}@example.com",
			"Area Officer",
			"Jurisdiction",
			"新民路片区管委会",
			password=PASSWORD,
		),
		"enterprise_outsider": make_user(
			admin,
			f"ent.{RUN}@example.com",
			"Enterprise User",
			"Property Enterprise",
			enterprise,
			password=PASSWORD,
		),
	}


def names_in_list(session, doctype: str, text: str) -> set[str]:
	response = session.get(
		f"{BASE_URL}/api/resource/{doctype}",
		params={"limit_page_length": 0, "fields": '["name"]'},
		timeout=60,
	)
	return {row["name"] for row in check(response)["data"]}


@pytest.mark.parametrize("doctype,key", [("Residential Compound", "compound"), ("Complaint", "complaint")])
@pytest.mark.parametrize("who", ["outsider", "enterprise_outsider"])
def test_outsider_refused_on_every_path(world, doctype, key, who):
	name = world[key]
	session = login(world[who], PASSWORD)

	# form / REST
	assert session.get(f"{BASE_URL}/api/resource/{doctype}/{name}", timeout=30).status_code == 403
	response = session.get(
		f"{BASE_URL}/api/method/frappe.client.get", params={"doctype": doctype, "name": name}, timeout=30
	)
	assert response.status_code == 403
	# list and report view
	assert name not in names_in_list(session, doctype, name)
	response = session.post(
		f"{BASE_URL}/api/method/frappe.desk.reportview.get",
		data={"doctype": doctype, "fields": json.dumps([f"`tab{doctype}`.`name`"]), "page_length": 500},
		timeout=60,
	)
	assert name not in json.dumps(check(response))
	# link search, even when the client asks to ignore user permissions
	for ignore in (0, 1):
		response = session.post(
			f"{BASE_URL}/api/method/frappe.desk.search.search_link",
			data={"doctype": doctype, "txt": name, "ignore_user_permissions": ignore},
			timeout=30,
		)
		assert name not in json.dumps(check(response))
	# export
	response = session.post(
		f"{BASE_URL}/api/method/frappe.desk.reportview.export_query",
		data={
			"doctype": doctype,
			"file_format_type": "CSV",
			"fields": json.dumps([f"`tab{doctype}`.`name`"]),
		},
		timeout=60,
	)
	assert name not in response.text
	# print view and PDF
	# Frappe answers "not found" rather than "forbidden" here, so as not to reveal the record exists
	response = session.get(f"{BASE_URL}/printview", params={"doctype": doctype, "name": name}, timeout=60)
	assert response.status_code in (403, 404)
	response = session.get(
		f"{BASE_URL}/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": doctype, "name": name},
		timeout=120,
	)
	assert response.status_code in (403, 404)
	assert response.content[:4] != b"%PDF"
	# global search
	response = session.post(
		f"{BASE_URL}/api/method/frappe.utils.global_search.search", data={"text": name}, timeout=30
	)
	assert name not in json.dumps(check(response))


def test_insider_sees_own_area(world):
	session = login(world["insider"], PASSWORD)
	assert (
		session.get(
			f"{BASE_URL}/api/resource/Residential Compound/{world['compound']}", timeout=30
		).status_code
		== 200
	)
	names = names_in_list(session, "Residential Compound", "")
	assert world["compound"] in names
	assert world["other_compound"] not in names
	response = session.get(
		f"{BASE_URL}/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": "Residential Compound", "name": world["compound"]},
		timeout=120,
	)
	assert response.status_code == 200
	assert response.content[:4] == b"%PDF"


def test_setting_workflow_state_directly_is_refused(admin, world):
	response = admin.put(
		f"{BASE_URL}/api/resource/Complaint/{world['complaint']}",
		json={"workflow_state": "Resolved"},
		timeout=30,
	)
	assert response.status_code >= 400
	state = check(admin.get(f"{BASE_URL}/api/resource/Complaint/{world['complaint']}", timeout=30))["data"][
		"workflow_state"
	]
	assert state == "Pending"
