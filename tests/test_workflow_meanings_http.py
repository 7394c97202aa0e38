"""Issue 10, "done when": on the demo site an administrator renames the complaint states and the
escalation action in the desk, translates them, adds a state and changes a role, and the next
daily job still times, escalates and notifies correctly; removing a needed state is refused in
Chinese. The workflow is put back as it was at the end (the site is shared by the other tests).

Everything goes through HTTP as the desk does (the Workflow form saves with savedocs); the daily
job runs as the scheduler runs it, through `bench execute`."""

import datetime
import json
import time
import uuid

import pytest
from conftest import BASE_URL, SITE, bench, check, make_user

RUN = uuid.uuid4().hex[:6]
# renamed states and action, in English with a Chinese translation (as an administrator would
# add them in Translation), and a state added between the area and the district
RENAMED_STATES = {
	"Received": (f"Waiting {RUN}", f"等待受理{RUN}"),
	"Community Level": (f"Community Desk {RUN}", f"社区受理办理{RUN}"),
	"Area Level": (f"Area Desk {RUN}", f"片区受理办理{RUN}"),
}
RENAMED_ACTION = (f"Hand Up to Area {RUN}", f"移交片区{RUN}")
ADDED_STATE = f"街道审核{RUN}"
TO_ADDED = f"提交街道审核{RUN}"
FROM_ADDED = f"报区级{RUN}"
PASSWORD = "Meanings-Test-2026!"
TRANSLATIONS: list[str] = []  # removed with the workflow's restoration


def resource(session, doctype: str, name: str | None = None, **params):
	url = f"{BASE_URL}/api/resource/{doctype}" + (f"/{name}" if name else "")
	return check(session.get(url, params={k: json.dumps(v) for k, v in params.items()}, timeout=60))["data"]


def execute(method: str, **kwargs):
	out = bench(
		"--site",
		SITE,
		"execute",
		method,
		*(["--kwargs", json.dumps(kwargs)] if kwargs else []),
	).stdout
	text = out.strip().splitlines()[-1] if out.strip() else "null"
	try:
		return json.loads(text)
	except ValueError:
		return text


def save_like_the_desk(session, doc: dict):
	"""The Workflow form's Save (frappe.desk.form.save.savedocs)."""
	return session.post(
		f"{BASE_URL}/api/method/frappe.desk.form.save.savedocs",
		data={"doc": json.dumps(doc), "action": "Save"},
		timeout=120,
	)


def server_messages(response) -> str:
	body = response.json()
	messages = json.loads(body.get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages) + body.get("exception", "")


def ensure(session, doctype: str, field: str, value: str):
	if not session.get(f"{BASE_URL}/api/resource/{doctype}/{value}", timeout=30).ok:
		check(session.post(f"{BASE_URL}/api/resource/{doctype}", json={field: value}, timeout=30))


def working_days_back(limit: int = 10):
	today = datetime.date.today()
	return [(today - datetime.timedelta(days=n)).isoformat() for n in range(limit)]


@pytest.fixture(scope="module")
def workflow(admin):
	"""The complaint workflow, restored to what it was after the module's tests."""
	name = resource(
		admin,
		"Workflow",
		filters=[["document_type", "=", "Complaint"], ["is_active", "=", 1]],
	)[0]["name"]
	original = resource(admin, "Workflow", name)
	yield original
	for translation in TRANSLATIONS:
		admin.delete(f"{BASE_URL}/api/resource/Translation/{translation}", timeout=30)
	current = resource(admin, "Workflow", name)
	restored = {**original, "modified": current["modified"]}
	check(save_like_the_desk(admin, restored))
	after = resource(admin, "Workflow", name)
	assert [(r["state"], r.get("ps_meaning")) for r in after["states"]] == [
		(r["state"], r.get("ps_meaning")) for r in original["states"]
	]


@pytest.fixture(scope="module")
def place(admin):
	"""A demo compound, its community and the area above it, and an area officer of that area."""
	compounds = resource(
		admin,
		"Residential Compound",
		fields=["name", "jurisdiction"],
		filters=[["jurisdiction", "is", "set"]],
		limit_page_length=1,
		order_by="name asc",
	)
	assert compounds, "the demo site has no compound"
	compound = compounds[0]
	area = resource(admin, "Jurisdiction", compound["jurisdiction"])["parent_jurisdiction"]
	officer = make_user(
		admin,
		f"h2.meanings.area.{RUN}@example.com",
		"Area Officer",
		"Jurisdiction",
		area,
		password=PASSWORD,
	)
	category = resource(
		admin,
		"Complaint Category",
		filters=[["is_active", "=", 1]],
		limit_page_length=1,
	)[0]["name"]
	return {
		"compound": compound["name"],
		"community": compound["jurisdiction"],
		"area": area,
		"officer": officer,
		"category": category,
	}


def edited(original: dict) -> dict:
	"""What the administrator does in the Workflow form: rename three states (by their row, as the
	grid does) and the community's escalation action, give the area's escalation to the added
	街道审核 (area level), which escalates to the district, and let District Supervisors also
	accept complaints (a role change)."""
	doc = json.loads(json.dumps(original))
	old_names = {}
	for row in doc["states"]:
		if row.get("ps_meaning") in RENAMED_STATES:
			old_names[row["state"]] = RENAMED_STATES[row["ps_meaning"]][0]
	for row in doc["states"]:
		row["state"] = old_names.get(row["state"], row["state"])
	district_state = next(r["state"] for r in doc["states"] if r.get("ps_meaning") == "District Level")
	area_state = RENAMED_STATES["Area Level"][0]
	accept = None
	for row in doc["transitions"]:
		row["state"] = old_names.get(row["state"], row["state"])
		row["next_state"] = old_names.get(row["next_state"], row["next_state"])
		if row.get("ps_meaning") == "Escalates" and row["state"] == RENAMED_STATES["Community Level"][0]:
			row["action"] = RENAMED_ACTION[0]
		if row.get("ps_meaning") == "Escalates" and row["state"] == area_state:
			row["action"], row["next_state"] = TO_ADDED, ADDED_STATE
		if (
			row["state"] == RENAMED_STATES["Received"][0]
			and row["next_state"] == RENAMED_STATES["Community Level"][0]
		):
			accept = row
	doc["states"].append(
		{
			"state": ADDED_STATE,
			"doc_status": "0",
			"allow_edit": "Area Officer",
			"ps_meaning": "Area Level",
		}
	)
	doc["transitions"].append(
		{
			"state": ADDED_STATE,
			"action": FROM_ADDED,
			"next_state": district_state,
			"allowed": "Area Officer",
			"allow_self_approval": 1,
			"ps_meaning": "Escalates",
		}
	)
	doc["transitions"].append(
		{
			**{k: v for k, v in accept.items() if k not in ("name", "idx")},
			"allowed": "District Supervisor",
		}
	)
	return doc


def test_renamed_workflow_next_daily_job(admin, workflow, place):
	for state, _zh in RENAMED_STATES.values():
		ensure(admin, "Workflow State", "workflow_state_name", state)
	ensure(admin, "Workflow State", "workflow_state_name", ADDED_STATE)
	for action in (RENAMED_ACTION[0], TO_ADDED, FROM_ADDED):
		ensure(admin, "Workflow Action Master", "workflow_action_name", action)
	for source, zh in (*RENAMED_STATES.values(), RENAMED_ACTION):
		translation = check(
			admin.post(
				f"{BASE_URL}/api/resource/Translation",
				json={"language": "zh", "source_text": source, "translated_text": zh},
				timeout=30,
			)
		)["data"]
		TRANSLATIONS.append(translation["name"])
	# the desk shows the renamed states and action in Chinese
	translated = execute("frappe.translate.get_user_translations", lang="zh")
	for source, zh in (*RENAMED_STATES.values(), RENAMED_ACTION):
		assert translated.get(source) == zh, source

	check(save_like_the_desk(admin, edited(workflow)))
	settings = resource(admin, "Complaint Settings", "Complaint Settings")
	if not settings.get("auto_escalate"):
		check(
			admin.put(
				f"{BASE_URL}/api/resource/Complaint Settings/Complaint Settings",
				json={"auto_escalate": 1},
				timeout=30,
			)
		)
	try:
		# a complaint received a month ago (recorded at intake) and accepted with the renamed action
		received = (datetime.datetime.now() - datetime.timedelta(days=30)).strftime("%Y-%m-%d 09:00:00")
		complaint = check(
			admin.post(
				f"{BASE_URL}/api/resource/Complaint",
				json={
					"compound": place["compound"],
					"category": place["category"],
					"received_via": "Phone",
					"received_on": received,
					"complainant_phone": "13912345678",
					"description": f"工作流含义系统测试 {RUN}：楼道灯长期不亮。",
				},
				timeout=60,
			)
		)["data"]
		assert complaint["workflow_state"] == RENAMED_STATES["Received"][0]
		accept = next(
			t["action"]
			for t in edited(workflow)["transitions"]
			if t["state"] == RENAMED_STATES["Received"][0]
			and t["next_state"] == RENAMED_STATES["Community Level"][0]
		)
		accepted = check(
			admin.post(
				f"{BASE_URL}/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": json.dumps(complaint), "action": accept},
				timeout=60,
			)
		)["message"]
		assert (accepted["workflow_state"], accepted["current_level"]) == (
			RENAMED_STATES["Community Level"][0],
			"Community",
		)
		assert accepted["deadline"] < datetime.date.today().isoformat()  # the community's time is up

		# the next daily job (the latest working day: on a day off the job does nothing)
		for day in working_days_back():
			execute(
				"property_supervision.complaints.doctype.complaint.complaint.process_sla_status",
				today=day,
			)
			after = resource(admin, "Complaint", complaint["name"])
			if after["workflow_state"] != accepted["workflow_state"]:
				break
		assert (after["workflow_state"], after["current_level"]) == (
			RENAMED_STATES["Area Level"][0],
			"Area",
		)
		assert after["escalation_count"] == 1
		assert after["handling_log"][-1]["action"] == RENAMED_ACTION[0]
		# the area's deadline, counted in working days from when the area got it
		expected = execute(
			"property_supervision.complaints.doctype.complaint.complaint.level_deadline",
			level="Area",
			category=after["category"],
			start=after["level_started_on"],
		)
		assert after["deadline"] == expected
		assert after["deadline"] > datetime.date.today().isoformat()
		area_unit = execute(
			"property_supervision.registry.doctype.jurisdiction.jurisdiction.get_unit_for_jurisdiction",
			jurisdiction=place["area"],
		)
		assert after["handling_unit"] == area_unit

		# the area's officer is told (desk notification, delivered by the RQ worker)
		def notified():
			return resource(
				admin,
				"Notification Log",
				filters=[
					["for_user", "=", place["officer"]],
					["document_name", "=", complaint["name"]],
				],
				fields=["name", "subject"],
			)

		deadline = time.time() + 90
		while not notified() and time.time() < deadline:
			time.sleep(1)
		assert notified(), (
			f"no Notification Log for {place['officer']} about {complaint['name']} within 90 s "
			"(the notices are delivered by the RQ worker: scripts/test.sh runs one)"
		)

		# the renamed state keeps counting on the desk's card
		card = check(
			admin.get(
				f"{BASE_URL}/api/method/property_supervision.complaints.dashboard.get_open_complaints",
				timeout=30,
			)
		)["message"]
		assert RENAMED_STATES["Area Level"][0] in card["route_options"]["workflow_state"][1]
	finally:
		if not settings.get("auto_escalate"):
			admin.put(
				f"{BASE_URL}/api/resource/Complaint Settings/Complaint Settings",
				json={"auto_escalate": 0},
				timeout=30,
			)


def test_removing_a_needed_state_is_refused_in_chinese(admin, workflow):
	current = resource(admin, "Workflow", workflow["name"])
	area = [r["state"] for r in current["states"] if r.get("ps_meaning") == "Area Level"]
	doc = json.loads(json.dumps(current))
	doc["states"] = [r for r in doc["states"] if r.get("ps_meaning") != "Area Level"]
	doc["transitions"] = [
		r for r in doc["transitions"] if r["state"] not in area and r["next_state"] not in area
	]
	admin.headers["Accept-Language"] = "zh"
	response = save_like_the_desk(admin, doc)
	assert response.status_code == 417, response.text[:500]
	message = server_messages(response)
	assert "需要" in message and "片区" in message, message
	# nothing changed
	after = resource(admin, "Workflow", workflow["name"])
	assert [r["state"] for r in after["states"]] == [r["state"] for r in current["states"]]
