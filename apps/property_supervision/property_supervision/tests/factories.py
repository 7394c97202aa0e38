"""The one factories module of the app's tests (issue 9): every test builds its data through here.

Everything is get-or-create where a test class may meet what an earlier class left on the site.
Documents go through their controllers (as the desk would) unless a function says it writes rows
directly (`insert_*`, `set_figures`): those stand for facts another module's workflow leaves,
when the test is about the module that reads them. The small, fully known data sets of some
modules (complaints/tests/data.py, assessment/tests/data.py) are built with these factories.
"""

import hashlib
import io
import unicodedata
from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow
from frappe.permissions import add_user_permission
from frappe.utils import (
	add_days,
	add_months,
	add_to_date,
	add_years,
	getdate,
	now_datetime,
	nowdate,
	today,
)

from property_supervision.rules.identifiers import (
	CREDIT_CODE_ALPHABET,
	credit_code_check_character,
	id_number_check_character,
)
from property_supervision.utils.clock import frozen_at

# --- reference names (setup/reference_data) ---------------------------------------------------

DISTRICT = "水磨沟区"
AREA = "七纺片区管委会"
OTHER_AREA = "新民路片区管委会"
SUPERVISION_OFFICE = "区建设局物业监督管理办公室"
DISTRICT_UNIT = SUPERVISION_OFFICE
AREA_UNIT = AREA
OTHER_AREA_UNIT = OTHER_AREA
CATEGORY = "Repairs and Maintenance"
PHONE = "13912345678"
# a Monday; its community deadline (5 working days) is the next Monday
MONDAY = "2025-06-02 09:00:00"


def use_chinese():
	"""Messages in tests come out as a Chinese user sees them."""
	frappe.local.lang = "zh"


# --- users and their scope -----------------------------------------------------------------------


def make_user(
	email: str, roles: list[str] | tuple[str, ...] = (), **fields
) -> "frappe.model.document.Document":
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"language": "zh",
				**fields,
			}
		).insert(ignore_permissions=True)
	if roles:
		user.add_roles(*roles)
	return user


def scope(user: str, doctype: str, value: str):
	"""A User Permission of `user` on `value` (once)."""
	if not frappe.db.exists("User Permission", {"user": user, "allow": doctype, "for_value": value}):
		add_user_permission(doctype, value, user, ignore_permissions=True)


def make_scoped_user(
	email: str, roles: list[str], doctype: str | None = None, value: str | None = None
) -> str:
	"""A user with `roles`, restricted to `value` of `doctype` when given."""
	user = make_user(email, roles).name
	if doctype and value:
		scope(user, doctype, value)
	return user


def make_officer(email: str, role: str, jurisdiction: str | None = None) -> str:
	return make_scoped_user(email, [role], "Jurisdiction", jurisdiction)


def make_enterprise_user(email: str, enterprise: str) -> str:
	return make_scoped_user(email, ["Enterprise User"], "Property Enterprise", enterprise)


# --- jurisdictions and units ---------------------------------------------------------------------


def make_community(name: str, parent: str, **fields) -> "frappe.model.document.Document":
	if frappe.db.exists("Jurisdiction", name):
		return frappe.get_doc("Jurisdiction", name)
	return frappe.get_doc(
		{
			"doctype": "Jurisdiction",
			"jurisdiction_name": name,
			"jurisdiction_type": "Community",
			"parent_jurisdiction": parent,
			**fields,
		}
	).insert()


def make_test_community(name: str, area: str = AREA) -> str:
	return make_community(name, area).name


def make_area(name: str) -> str:
	"""An area committee under the district, with its Supervision Unit."""
	if not frappe.db.exists("Jurisdiction", name):
		frappe.get_doc(
			{
				"doctype": "Jurisdiction",
				"jurisdiction_name": name,
				"jurisdiction_type": "Area Committee",
				"parent_jurisdiction": DISTRICT,
			}
		).insert(ignore_permissions=True)
	if not frappe.db.exists("Supervision Unit", name):
		frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": name,
				"unit_type": "Area Committee",
				"jurisdiction": name,
			}
		).insert(ignore_permissions=True)
	return name


def make_unit(name: str, unit_type: str, **fields) -> str:
	if not frappe.db.exists("Supervision Unit", name):
		frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": name,
				"unit_type": unit_type,
				"jurisdiction": DISTRICT,
				**fields,
			}
		).insert(ignore_permissions=True)
	return name


def make_community_unit(community: str) -> str:
	"""The community's committee (社区工作委员会) as a Supervision Unit."""
	name = f"{community}工作委员会"
	if not frappe.db.exists("Supervision Unit", name):
		frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": name,
				"unit_type": "Community Committee",
				"jurisdiction": community,
			}
		).insert(ignore_permissions=True)
	return name


# --- enterprises and their staff -----------------------------------------------------------------


def make_credit_code(seed: str, region: str = "650105") -> str:
	"""A valid unified social credit code derived from `seed` (the same seed, the same code)."""
	digest = hashlib.sha256(seed.encode()).digest()
	organisation = "".join(CREDIT_CODE_ALPHABET[b % len(CREDIT_CODE_ALPHABET)] for b in digest[:9])
	first17 = f"91{region}{organisation}"
	return first17 + credit_code_check_character(first17)


def make_id_number(sequence: int, birth: str = "19850612", region: str = "650102") -> str:
	"""A valid resident ID number; an odd `sequence` is a man, an even one a woman."""
	first17 = f"{region}{birth}{sequence % 1000:03d}"
	return first17 + id_number_check_character(first17)


def make_enterprise(enterprise_name: str, credit_code: str | None = None, **fields):
	"""An enterprise in Draft, created by the Administrator (or returned if the code exists)."""
	credit_code = credit_code or make_credit_code(enterprise_name)
	if frappe.db.exists("Property Enterprise", credit_code):
		return frappe.get_doc("Property Enterprise", credit_code)
	return frappe.get_doc(
		{
			"doctype": "Property Enterprise",
			"credit_code": credit_code,
			"enterprise_name": enterprise_name,
			"contact_phone": "0991-4612345",
			**fields,
		}
	).insert(ignore_permissions=True)


def make_test_enterprise(name: str) -> str:
	return make_enterprise(name).name


def make_filed_enterprise(enterprise_name: str, **fields) -> str:
	"""An enterprise whose filing has been approved (state written directly: the filing workflow
	is tested with Property Enterprise)."""
	from property_supervision import workflow_meanings as meanings

	enterprise = make_enterprise(enterprise_name, **fields)
	filed = meanings.state("Property Enterprise", meanings.FILED)
	if enterprise.workflow_state != filed:
		frappe.db.set_value("Property Enterprise", enterprise.name, "workflow_state", filed)
	return enterprise.name


def make_practitioner(enterprise: str, full_name: str, id_number: str, **fields):
	existing = frappe.db.get_value("Property Practitioner", {"id_number": id_number})
	if existing:
		return frappe.get_doc("Property Practitioner", existing)
	return frappe.get_doc(
		{
			"doctype": "Property Practitioner",
			"full_name": full_name,
			"id_number": id_number,
			"enterprise": enterprise,
			**fields,
		}
	).insert(ignore_permissions=True)


# --- compounds, contracts, takeover plans ---------------------------------------------------------

COMPOUND_FIGURES = {"building_count": 6, "household_count": 240, "floor_area": 21000, "completion_year": 2005}


def make_compound(
	compound_name: str, community: str, area: str = AREA, enterprise: str | None = None, **fields
) -> str:
	"""A compound in `community` (the community created under `area` when missing), with a
	registry's usual figures unless `fields` say otherwise; the existing compound of that name is
	returned. `enterprise`: the enterprise a service contract would have set (that path is tested
	with Service Contract). Returns the compound's name."""
	community = make_community(community, area).name
	name = frappe.db.get_value("Residential Compound", {"compound_name": compound_name}, "name")
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "Residential Compound",
					"compound_name": compound_name,
					"jurisdiction": community,
					**COMPOUND_FIGURES,
					**fields,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	if enterprise:
		frappe.db.set_value(
			"Residential Compound", name, "current_enterprise", enterprise, update_modified=False
		)
	return name


def tender_document() -> str:
	"""The URL of a private tender document (one File for every test contract)."""
	name = "前期物业服务招标文件（测试）.txt"
	url = frappe.db.get_value("File", {"file_name": name, "is_private": 1}, "file_url")
	if url:
		return url
	return (
		frappe.get_doc(
			{"doctype": "File", "file_name": name, "is_private": 1, "content": "前期物业服务招标文件"}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def tender_fields(start_date, winner: str = "合同测试中标物业服务有限公司") -> dict:
	"""An early-stage contract's tender (物业管理条例 第二十四条): public, 30 days before the start,
	three bidders, `winner` among them."""
	return {
		"tender_method": "Public Tender",
		"tender_date": add_days(start_date, -30),
		"tender_document": tender_document(),
		"tender_bidders": [
			{"bidder_name": winner, "bid_price": 1.2, "is_winner": 1},
			{"bidder_name": "投标测试乙物业服务有限公司", "bid_price": 1.35},
			{"bidder_name": "投标测试丙物业服务有限公司", "bid_price": 1.5},
		],
	}


def make_contract(compound: str, enterprise: str, status: str = "Active", **fields):
	"""A contract (by default selected by the owners' assembly); an early-stage one records its
	tender unless `fields` give one."""
	start_date = fields.pop("start_date", add_days(today(), -100))
	if fields.get("contract_type") == "Early-stage" and "tender_bidders" not in fields:
		fields = {**tender_fields(start_date), **fields}
	return frappe.get_doc(
		{
			"doctype": "Service Contract",
			"compound": compound,
			"enterprise": enterprise,
			"contract_type": "Selected by Owners Assembly",
			"tender_method": "Public Tender",
			"start_date": start_date,
			"end_date": add_days(today(), 600),
			"fee_standard": 1.2,
			"status": status,
			**fields,
		}
	).insert()


def make_takeover_plan(compound: str, takeover_mode: str = "Single Introduction", **fields):
	return frappe.get_doc(
		{
			"doctype": "Takeover Plan",
			"compound": compound,
			"takeover_mode": takeover_mode,
			"planned_date": add_days(today(), 30),
			**fields,
		}
	).insert()


def complete_plan(plan) -> "frappe.model.document.Document":
	"""Run a plan through its workflow to Completed, as a district supervisor would."""
	plan = apply_workflow(plan.as_dict(), "Begin Processing")
	return apply_workflow(plan.as_dict(), "Mark Completed")


# --- owners' committees and handover inspections --------------------------------------------------

MEMBER_NAMES = (
	"王建国",
	"李海燕",
	"张志强",
	"刘丽娟",
	"陈伟",
	"杨秀英",
	"赵军",
	"黄敏",
	"周磊",
	"吴静",
	"徐明",
	"孙芳",
	"马强",
)


def make_members(count: int = 5, directors: int = 1) -> list[dict]:
	members = []
	for i in range(count):
		role = "Director" if i < directors else ("Deputy Director" if i == directors else "Member")
		members.append(
			{
				"member_name": MEMBER_NAMES[i % len(MEMBER_NAMES)],
				"member_role": role,
				"phone": f"139{i:04d}5678",
				"building_unit": f"{i + 1}号楼{i % 3 + 1}单元",
			}
		)
	return members


def assembly_dict(compound: str, meeting_date=None, election: bool = True, **fields) -> dict:
	"""An owners' assembly of `compound` meeting on `meeting_date` (default: 10 days ago), its notice
	20 days ahead; four fifths of the owners (by number and area) take part and nine tenths of
	them vote for the committee election (or for another ordinary matter without `election`)."""
	meeting_date = getdate(meeting_date or add_days(nowdate(), -10))
	owners, area = frappe.db.get_value("Residential Compound", compound, ["household_count", "floor_area"])
	present, area_present = int(owners * 4 / 5), round(float(area) * 4 / 5, 2)
	return {
		"doctype": "Owners Assembly",
		"compound": compound,
		"assembly_type": "First Assembly",
		"notice_published_on": add_days(meeting_date, -20),
		"meeting_date": meeting_date,
		"meeting_place": "小区活动中心",
		"agenda": "选举产生第一届业主委员会",
		"preparatory_group": [
			{"member_name": "王建国", "group_role": "Leader", "representing": "Subdistrict Office"},
			{"member_name": "李海燕", "group_role": "Member", "representing": "Owners"},
		],
		"owners_present": present,
		"area_present": area_present,
		"resolutions": [
			{
				"title": "选举第一届业主委员会" if election else "制定业主大会议事规则",
				"matter": "Committee Election" if election else "Rules of Procedure",
				"owners_for": int(present * 9 / 10),
				"owners_against": present - int(present * 9 / 10),
				"area_for": round(area_present * 9 / 10, 2),
				"area_against": round(area_present - round(area_present * 9 / 10, 2), 2),
			}
		],
		"result": "业主委员会选举获得通过" if election else "议事规则获得通过",
		"result_published_on": min(add_days(meeting_date, 1), getdate(nowdate())),
		**fields,
	}


# the actions from Preparing to each state of the shipped workflow "Owners Assembly Meeting"
ASSEMBLY_PATHS = {
	"Preparing": [],
	"Notice Published": ["Publish Notice"],
	"Held": ["Publish Notice", "Record Meeting"],
	"Result Published": ["Publish Notice", "Record Meeting", "Publish Result"],
}


def make_assembly(compound: str, state: str = "Result Published", meeting_date=None, **fields):
	"""Insert an assembly as the current user and move it through the workflow to `state`."""
	doc = frappe.get_doc(assembly_dict(compound, meeting_date, **fields)).insert()
	return move(doc, *ASSEMBLY_PATHS[state])


def committee_dict(compound: str, election_date=None, members: int | None = 5, **fields) -> dict:
	"""A committee elected on `election_date` (default: 10 days ago) for a five-year term, by an
	owners' assembly held that day (made here unless `owners_assembly` is given: a committee is
	recorded as elected only from the assembly that elected it)."""
	election_date = getdate(election_date or add_days(nowdate(), -10))
	if "owners_assembly" not in fields:
		user = frappe.session.user
		frappe.set_user("Administrator")
		try:
			fields["owners_assembly"] = make_assembly(
				compound, meeting_date=min(election_date, getdate(nowdate()))
			).name
		finally:
			frappe.set_user(user)
	return {
		"doctype": "Owners Committee",
		"compound": compound,
		"assembly_established_on": add_months(election_date, -1),
		"election_date": election_date,
		"term_start": election_date,
		"term_end": add_days(add_years(election_date, 5), -1),
		"members": make_members(members) if members else [],
		**fields,
	}


def make_committee(compound: str, state: str = "Preparing", **fields):
	"""Insert a committee as Administrator and move it through the workflow to `state`."""
	doc = frappe.get_doc(committee_dict(compound, **fields)).insert()
	path = {"Preparing": [], "Elected": ["Record Election"], "Filed": ["Record Election", "Approve Filing"]}
	path["Term Expired"] = [*path["Filed"], "Expire Term"]
	for action in path[state]:
		doc = apply_workflow(doc, action)
	return doc


def inspection_dict(compound: str, enterprise: str, inspection_date=None, **fields) -> dict:
	"""An inspection held `inspection_date` (default: 20 days ago; "" for none yet) for a delivery
	20 days later."""
	if inspection_date is None:
		inspection_date = add_days(nowdate(), -20)
	return {
		"doctype": "Handover Inspection",
		"compound": compound,
		"enterprise": enterprise,
		"inspection_date": inspection_date or None,
		"delivery_date": add_days(inspection_date or nowdate(), 20),
		"team": [
			{"unit": "区建设局物业监督管理办公室", "attendee_name": "王建国", "team_role": "组长"},
			{"unit": "七纺片区管委会", "attendee_name": "李海燕", "team_role": "成员"},
		],
		"items": [
			{"item": "Common Parts", "item_details": "1-6号楼屋面、外墙", "result": "Passed"},
			{
				"item": "Equipment",
				"item_details": "3号楼电梯",
				"result": "Defect Found",
				"defect_description": "电梯年检标志过期",
			},
			{"item": "Drawings and Documents", "result": "Passed"},
		],
		**fields,
	}


def make_inspection(compound: str, enterprise: str, state: str = "Draft", **fields):
	doc = frappe.get_doc(inspection_dict(compound, enterprise, **fields)).insert()
	path = {
		"Draft": [],
		"In Progress": ["Begin Processing"],
		"Completed": ["Begin Processing", "Mark Completed"],
	}
	for action in path[state]:
		doc = apply_workflow(doc, action)
	return doc


# --- complaints -------------------------------------------------------------------------------------


def make_category(name: str) -> str:
	if not frappe.db.exists("Complaint Category", name):
		frappe.get_doc({"doctype": "Complaint Category", "category_name": name}).insert(
			ignore_permissions=True
		)
	return name


def make_complaint(compound: str, category: str = CATEGORY, **fields) -> "frappe.model.document.Document":
	"""A complaint filed at the window, through the controller (and, as after the request that
	files it, its notices delivered)."""
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			"complainant_name": "王建国",
			"complainant_phone": PHONE,
			"compound": compound,
			"category": category,
			"received_via": "Window",
			"description": "小区2号楼电梯停运一周无人维修。",
			**fields,
		}
	).insert(ignore_permissions=True)
	deliver_notices()
	return doc


def set_figures(name: str, **values):
	"""Write on a complaint what the workflow and the SLA job would have recorded, without running
	them (resolving computes its working days over the working calendar)."""
	from property_supervision.complaints.doctype.complaint.complaint import handling_working_days

	if "resolved_on" in values:
		values["handling_working_days"] = handling_working_days(
			values.get("received_on"), values["resolved_on"]
		)
	from property_supervision.complaints import monthly

	# the monthly totals of the workspace chart and rate cards follow, as the controller keeps them on a save
	with monthly.moving([name]):
		frappe.db.set_value("Complaint", name, values, update_modified=False)


def act(doc, action: str, user: str = "Administrator", doctype: str = "Complaint", **values):
	"""Apply a workflow action as `user` would from the form (values typed first and saved);
	`doc` is a document or the name of a `doctype` record. Returns the document as saved. As after
	the request that applies it, the notices it raised are delivered (deliver_notices)."""
	if not isinstance(doc, str):
		doctype, doc = doc.doctype, doc.name
	current = frappe.session.user
	frappe.set_user(user)
	try:
		document = frappe.get_doc(doctype, doc)
		if values:
			document.update(values)
			document.save()
		saved = apply_workflow(document.as_dict(), action)
	finally:
		frappe.set_user(current)
	deliver_notices()
	return saved


def deliver_notices() -> int:
	"""Deliver the notices the transaction registered, as the RQ worker does after the commit
	(the same job, run with frappe.enqueue(..., now=True) inside the test's transaction).
	Returns how many were delivered."""
	from property_supervision.notices.delivery import JOB, take_pending

	pending = take_pending()
	for kwargs in pending:
		frappe.enqueue(JOB, now=True, **kwargs)
	return len(pending)


def run_calendar_recompute() -> bool:
	"""Re-time the open complaints if a calendar or settings change asked for it, as the long-queue
	worker does after the commit (the same job, frappe.enqueue(..., now=True))."""
	from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
		RECOMPUTE_METHOD,
		take_pending_recompute,
	)

	if not take_pending_recompute():
		return False
	frappe.enqueue(RECOMPUTE_METHOD, now=True)
	return True


def forget_notices():
	"""Forget the notices registered since the last delivery: for a test that rolls back to a
	savepoint (a rollback of the whole transaction forgets them by itself)."""
	from property_supervision.notices.delivery import take_pending

	take_pending()


def complaint_workflow():
	"""The complaint workflow as the administrator edits it in the desk (found by its DocType,
	not by its name)."""
	return frappe.get_doc(
		"Workflow", frappe.db.get_value("Workflow", {"document_type": "Complaint", "is_active": 1})
	)


def rename_complaint_state(meaning: str, new_name: str) -> str:
	"""What an administrator does in the Workflow form: rename the complaint workflow's state of
	`meaning` (the same row, a new name, the transitions following). Returns the old name. A test
	that calls it rolls back to a savepoint and calls forget_complaint_workflow afterwards."""
	if not frappe.db.exists("Workflow State", new_name):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": new_name}).insert()
	workflow = complaint_workflow()
	old = next(row.state for row in workflow.states if row.get("ps_meaning") == meaning)
	for row in workflow.states:
		row.state = new_name if row.state == old else row.state
	for row in workflow.transitions:
		row.state = new_name if row.state == old else row.state
		row.next_state = new_name if row.next_state == old else row.next_state
	workflow.save()
	return old


def forget_complaint_workflow():
	"""After a test rolled back its edit of the complaint workflow: Frappe's cached copy of it
	(frappe.get_cached_doc), the meanings read from it and the DocType's cache would still be the
	edited ones."""
	from property_supervision import workflow_meanings

	name = frappe.db.get_value("Workflow", {"document_type": "Complaint", "is_active": 1})
	frappe.clear_document_cache("Workflow", name)
	workflow_meanings.clear_cache()
	frappe.clear_cache(doctype="Complaint")


def as_if_committed():
	"""What a commit runs for the values shared through Redis (shared_cache.py): the keys this
	transaction changed are forgotten once more and may be kept again. A test cannot commit, so one
	that reads a shared value as a later request would calls this instead."""
	from property_supervision import shared_cache

	shared_cache._transaction_ended()


def move(doc, *actions):
	"""Apply workflow actions in turn as the current user; returns the document as saved."""
	for action in actions:
		doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	return doc


def clock(moment: str | None):
	"""Run controller steps as if it were `moment` (local time; freezegun, as FrappeTestCase's
	freeze_time)."""
	return frozen_at(moment)


@contextmanager
def complaint_settings(**values):
	"""Change Complaint Settings for a test and restore them afterwards. `calendar_days` (rows of
	Working Calendar Day: calendar_date, day_type, description) replaces the working calendar
	for the test; `calendar_days=[]` counts weekends only. (Frappe's change_settings restores
	plain fields only; these settings have a table.)"""
	calendar = values.pop("calendar_days", None)
	settings = frappe.get_doc("Complaint Settings")
	saved = settings.as_dict()
	settings.update(values)
	settings.save(ignore_permissions=True)
	run_calendar_recompute()
	try:
		if calendar is None:
			yield settings
		else:
			with working_calendar(calendar):
				yield settings
	finally:
		settings = frappe.get_doc("Complaint Settings")
		for key in ("category_limits",):
			settings.set(key, [])
			for row in saved.get(key) or []:
				settings.append(key, {k: v for k, v in row.items() if k not in ("name", "parent", "idx")})
		settings.update(
			{k: v for k, v in saved.items() if not isinstance(v, list) and k not in ("modified",)}
		)
		settings.save(ignore_permissions=True)
		run_calendar_recompute()


CALENDAR_FIELDS = ("calendar_date", "day_type", "description", "is_regional", "region", "source")


@contextmanager
def working_calendar(rows: list[dict]):
	"""The working calendar replaced by `rows` for a test (open complaints re-timed), then restored."""
	from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
		bulk_calendar_changes,
	)

	saved = frappe.get_all("Working Calendar Day", fields=list(CALENDAR_FIELDS))

	def replace(new_rows):
		with bulk_calendar_changes():
			for name in frappe.get_all("Working Calendar Day", pluck="name"):
				frappe.delete_doc("Working Calendar Day", name, ignore_permissions=True)
			for row in new_rows:
				frappe.get_doc({"doctype": "Working Calendar Day", "description": "测试", **row}).insert(
					ignore_permissions=True
				)

	replace(rows)
	run_calendar_recompute()
	try:
		yield
	finally:
		replace(saved)
		run_calendar_recompute()


# --- credit ------------------------------------------------------------------------------------------

# default rules the tests rely on (credit/defaults.py)
GOOD_RULE = "LH-03"  # 获得市级以上表彰 +5
SMALL_GOOD_RULE = "LH-06"  # 参加培训表现优秀 +1
BAD_RULE = "BL-07"  # 拒不执行整改 −5
SEVERE_RULE = "BL-08"  # 重大安全责任事故 −10

CREDIT_SETTINGS = {
	"base_score": 70,
	"default_validity_months": 12,
	"max_score": 100,
	"min_score": 0,
	"grade_aaa_min": 85,
	"grade_aa_min": 80,
	"grade_a_min": 70,
	"grade_b_min": 60,
	"key_on_grade_b": 1,
	"key_on_grade_c": 1,
	"upheld_complaints_threshold": 3,
	"upheld_window_months": 12,
}


def setup_credit():
	"""The default rules and settings as shipped."""
	from property_supervision.credit.defaults import create_default_credit_rules

	create_default_credit_rules()
	# written without the settings' on_update: no recomputation of the whole site
	frappe.db.set_single_value("Credit Settings", CREDIT_SETTINGS)


def scored_enterprise(enterprise_name: str) -> str:
	"""An enterprise with its first score (base, no records)."""
	from property_supervision.credit.scoring import update_enterprise_credit

	enterprise = make_enterprise(enterprise_name).name
	update_enterprise_credit(enterprise)
	return enterprise


def new_record(enterprise: str, rule: str = BAD_RULE, **fields):
	return frappe.get_doc(
		{
			"doctype": "Credit Record",
			"enterprise": enterprise,
			"rule": rule,
			"occurred_on": add_days(today(), -10),
			"evidence": "社区现场核查记录",
			**fields,
		}
	)


def make_record(enterprise: str, rule: str = BAD_RULE, **fields):
	return new_record(enterprise, rule, **fields).insert()


def confirm(record):
	return apply_workflow(frappe.get_doc("Credit Record", record.name), "Confirm")


def make_confirmed_record(enterprise: str, rule: str = BAD_RULE, **fields):
	return confirm(make_record(enterprise, rule, **fields))


def revoke(record, reason: str = "经复核事实不清"):
	frappe.db.set_value("Credit Record", record.name, "revocation_reason", reason)
	return apply_workflow(frappe.get_doc("Credit Record", record.name), "Revoke Record")


def insert_row(doc):
	"""Write a document and its child rows directly (no controller): a fact another module's
	workflow would have left."""
	now = now_datetime()
	doc.creation = doc.modified = now
	doc.owner = doc.modified_by = "Administrator"
	for index, child in enumerate(doc.get_all_children(), start=1):
		child.name = frappe.generate_hash(length=10)
		child.parent, child.parenttype, child.idx = doc.name, doc.doctype, index
		child.creation = child.modified = now
	doc.db_insert()
	for child in doc.get_all_children():
		child.db_insert()
	return doc


def insert_complaint(name: str, enterprise: str, **fields):
	"""A complaint row as the complaint workflow leaves it (default: resolved and upheld), counted
	in the monthly totals as the controller would."""
	from property_supervision.complaints import monthly

	doc = insert_row(
		frappe.get_doc(
			{
				"doctype": "Complaint",
				"name": name,
				"enterprise": enterprise,
				"complainant_name": "测试投诉人",
				"description": "测试投诉",
				"workflow_state": "Resolved",
				"current_level": "Community",
				"is_upheld": 1,
				"resolved_on": add_days(now_datetime(), -3),
				**fields,
			}
		)
	)
	monthly.on_insert(doc)
	return doc


def insert_assessment(name: str, enterprise: str, grade: str, **fields):
	return insert_row(
		frappe.get_doc(
			{
				"doctype": "Assessment",
				"name": name,
				"assessment_year": now_datetime().year - 1,
				"target_type": "Property Enterprise",
				"target_doctype": "Property Enterprise",
				"target_name": enterprise,
				"enterprise": enterprise,
				"workflow_state": "Published",
				"grade": grade,
				**fields,
			}
		)
	)


def insert_training_session(name: str, attendees: list[tuple[str, int]], **fields):
	"""A completed mandatory session for enterprises; attendees: (enterprise, attended)."""
	return insert_row(
		frappe.get_doc(
			{
				"doctype": "Training Session",
				"name": name,
				"title": "物业服务标准培训",
				"training_level": "District",
				"audience": "Enterprises",
				"workflow_state": "Completed",
				"is_mandatory": 1,
				"start": add_days(now_datetime(), -20),
				"end": add_days(now_datetime(), -20),
				"attendees": [
					{"attendee_type": "Enterprise", "enterprise": enterprise, "attended": attended}
					for enterprise, attended in attendees
				],
				**fields,
			}
		)
	)


# --- training --------------------------------------------------------------------------------------


def session_dict(
	level: str = "Area",
	audience: str | None = None,
	organizer: str | None = None,
	start=None,
	**fields,
) -> dict:
	"""A session that started two days ago (so it may be completed) and lasted two hours."""
	start = start or add_days(now_datetime(), -2)
	return {
		"doctype": "Training Session",
		"title": "物业管理法规培训",
		"training_level": level,
		"audience": audience or ("Owners Committees" if level == "Area" else "Enterprises"),
		"organizer": organizer or (AREA_UNIT if level == "Area" else DISTRICT_UNIT),
		"start": start,
		"end": add_to_date(start, hours=2),
		"location": "片区管委会三楼会议室",
		"trainer": "区建设局物业办",
		"topic": "《物业管理条例》与业主委员会履职",
		**fields,
	}


def make_session(level: str = "Area", audience: str | None = None, **fields):
	return frappe.get_doc(session_dict(level, audience, **fields)).insert()


def publish_session(doc):
	return move(doc, "Publish")


def complete_session(doc):
	return move(doc, "Mark Completed")


# --- assessments -----------------------------------------------------------------------------------


def make_assessment(template: str, target: str, year: int | None = None, **fields):
	"""An assessment as the annual cycle makes it (as the Administrator); `year` defaults to last
	year, whose period has ended."""
	year = year or getdate(nowdate()).year - 1
	existing = frappe.db.get_value(
		"Assessment", {"assessment_year": year, "template": template, "target_name": target}, "name"
	)
	if existing:
		return frappe.get_doc("Assessment", existing)
	from property_supervision.assessment.doctype.assessment_template.assessment_template import TARGET_TYPES

	target_type = frappe.db.get_value("Assessment Template", template, "target_type")
	return frappe.get_doc(
		{
			"doctype": "Assessment",
			"assessment_year": year,
			"template": template,
			"target_doctype": TARGET_TYPES[target_type][0],
			"target_name": target,
			**fields,
		}
	).insert()


def save_as(doc, user: str, **row_values):
	"""Set `row_values` (fieldname -> list of values, one per score row) and save as `user`."""
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(doc.doctype, doc.name)
		for fieldname, values in row_values.items():
			for row, value in zip(doc.scores, values, strict=False):
				row.set(fieldname, value)
		return doc.save()
	finally:
		frappe.set_user("Administrator")


def score_everything(doc, fraction: float = 0.9, veto: bool = False, user: str = "Administrator"):
	"""Give every criterion `fraction` of its maximum (and apply the veto items if asked)."""
	return save_as(
		doc,
		user,
		score=[round(row.max_score * fraction, 1) for row in doc.scores],
		veto_applies=[int(veto and row.is_veto) for row in doc.scores],
	)


def publish_assessment(doc, fraction: float = 0.9, veto: bool = False):
	"""Run an assessment from Self Assessment to Published (as the Administrator)."""
	doc = act(doc, "Submit Self Assessment")
	doc = score_everything(doc, fraction, veto)
	doc = act(doc, "Submit Scores")
	return act(doc, "Publish Result")


# --- printouts ---------------------------------------------------------------------------------------

# Noto CJK shares some glyphs between an ideograph and a radical, and PDF text extraction may
# return the radical: NFKC folds the Kangxi radicals (⼩ → 小), this table the supplement's.
_RADICALS = str.maketrans("⻅⻓⻔⻋⻛⻜⻢⻥⻦⻚⻩⻬⻰⻆⻄⻉⻙", "见长门车风飞马鱼鸟页黄齐龙角西贝韦")


def normalize_text(text: str) -> str:
	"""Text compared with what a PDF yields: folded radicals and full-width forms, no blanks."""
	return "".join(unicodedata.normalize("NFKC", text.translate(_RADICALS)).split())


def pdf_text(pdf: bytes) -> str:
	"""The normalised text of all pages of a PDF (raises if `pdf` is not one)."""
	from pypdf import PdfReader

	if not pdf.startswith(b"%PDF"):
		raise ValueError("not a PDF")
	return normalize_text("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


# --- supervision inspections and rectification notices (supervision/) ------------------------------


def supervision_settings(**values):
	"""Supervision Settings as shipped (credit rule BL-07 for overdue and refused notices), with
	`values` on top; written directly, the cached document forgotten."""
	from property_supervision.supervision.defaults import create_default_templates

	setup_credit()
	create_default_templates()
	settings = {
		"rectification_days": 15,
		"overdue_credit_rule": BAD_RULE,
		"refused_credit_rule": BAD_RULE,
		"key_inspection_frequency_months": 1,
		"key_inspection_template": "重点监管企业检查表",
		**values,
	}
	frappe.db.set_single_value("Supervision Settings", settings)
	frappe.clear_document_cache("Supervision Settings", "Supervision Settings")


def make_supervision_inspection(
	enterprise: str | None = None, compound: str | None = None, findings: int = 1, **fields
):
	"""A draft Supervision Inspection with one inspector, the routine template's checklist and
	`findings` findings that require rectification (as the current user)."""
	doc = frappe.get_doc(
		{
			"doctype": "Supervision Inspection",
			"inspection_type": "Routine",
			"enterprise": enterprise,
			"compound": compound,
			"inspection_date": frappe.utils.today(),
			"template": "物业服务日常检查表",
			"inspectors": [{"inspector_name": "检查员甲", "unit": SUPERVISION_OFFICE}],
			"findings": [
				{
					"description": f"消防通道被杂物堵塞（{i + 1}）",
					"severity": "Serious",
					"requires_rectification": 1,
					"requirement": "立即清理消防通道并建立巡查制度",
				}
				for i in range(findings)
			],
			**fields,
		}
	)
	return doc.insert()


def complete_supervision_inspection(doc, result: str = "Pass"):
	"""Give every checklist item `result` and complete the inspection (as the current user)."""
	from property_supervision import workflow_meanings as meanings

	doc = frappe.get_doc("Supervision Inspection", doc.name)
	for row in doc.checklist:
		row.result = row.result or result
	doc.save()
	meanings.advance(doc, meanings.COMPLETED)
	return frappe.get_doc("Supervision Inspection", doc.name)


def issue_notices(inspection) -> list:
	"""The rectification notices of a completed inspection (api/supervision.py), as documents."""
	from property_supervision.api.supervision import issue_rectification_notices

	names = issue_rectification_notices(inspection.name)
	deliver_notices()
	return [frappe.get_doc("Rectification Notice", name) for name in names]


# --- facility and 四到户 work (registry/facilities.py, registry/four_to_household.py) -----------------


def make_department_officer(email: str, unit: str) -> str:
	"""A Department Officer scoped (User Permission) to the Supervision Unit `unit`."""
	return make_scoped_user(email, ["Department Officer"], "Supervision Unit", unit)


def add_facility_issue(compound: str, issue_type: str = "Damaged Roads", **fields) -> str:
	"""A facility issue on the compound (Compound Facility Issue); returns the row's name."""
	doc = frappe.get_doc("Residential Compound", compound)
	row = doc.append("facility_issues", {"issue_type": issue_type, "description": "道路破损", **fields})
	doc.save(ignore_permissions=True)
	return row.name


def make_facility_item(plan: str, compound: str, lead_unit: str, **fields):
	"""An item of a facility rectification plan (without a surveyed compound issue)."""
	return frappe.get_doc(
		{
			"doctype": "Facility Rectification Item",
			"plan": plan,
			"compound": compound,
			"issue_type": "Damaged Roads",
			"lead_unit": lead_unit,
			"target_date": f"{frappe.db.get_value('Facility Rectification Plan', plan, 'year')}-12-31",
			**fields,
		}
	).insert(ignore_permissions=True)


def make_facility_plan(year: int, **fields) -> str:
	name = frappe.db.get_value("Facility Rectification Plan", {"year": year})
	if name:
		return name
	return (
		frappe.get_doc({"doctype": "Facility Rectification Plan", "year": year, **fields})
		.insert(ignore_permissions=True)
		.name
	)


def make_four_to_household_plan(year: int, compounds: list[str], lead_unit: str, **fields):
	name = frappe.db.get_value("Four-to-Household Plan", {"year": year})
	if name:
		frappe.delete_doc("Four-to-Household Plan", name, force=True, ignore_permissions=True)
	return frappe.get_doc(
		{
			"doctype": "Four-to-Household Plan",
			"year": year,
			"lead_unit": lead_unit,
			"compounds": [{"compound": c} for c in compounds],
			**fields,
		}
	).insert(ignore_permissions=True)


# --- the site cache ------------------------------------------------------------------------------

SITE_CACHE_MARK = "ps_test_site_cache_mark"


def mark_site_cache():
	"""Put a mark into the site's Redis cache (see site_cache_kept)."""
	frappe.cache.set_value(SITE_CACHE_MARK, 1)


def site_cache_kept() -> bool:
	"""Whether the mark is still there: frappe.clear_cache() (what setting a site-wide default
	does) deletes every key of the site, every DocType's meta and every user's boot with it."""
	return bool(frappe.cache.exists(SITE_CACHE_MARK))


def forget_site_cache_mark():
	frappe.cache.delete_value(SITE_CACHE_MARK)
