"""Factories for the Credit module's tests.

The facts the daily job reads (complaints, assessments, training sessions) belong to other
modules, whose controllers have their own rules and workflows; the tests here only need rows
with the fields the job reads, so they are written directly (db_insert)."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.permissions import add_user_permission
from frappe.utils import add_days, now_datetime, today

from property_supervision.credit.defaults import create_default_credit_rules
from property_supervision.credit.scoring import update_enterprise_credit
from property_supervision.registry.doctype.property_enterprise.test_utils import make_enterprise

# default rules the tests rely on (credit/defaults.py)
GOOD_RULE = "LH-03"  # 获得市级以上表彰 +5
SMALL_GOOD_RULE = "LH-06"  # 参加培训表现优秀 +1
BAD_RULE = "BL-07"  # 拒不执行整改 −5
SEVERE_RULE = "BL-08"  # 重大安全责任事故 −10


DEFAULT_SETTINGS = {
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
	create_default_credit_rules()
	# written without the settings' on_update: no recomputation of the whole site
	frappe.db.set_single_value("Credit Settings", DEFAULT_SETTINGS)


def scored_enterprise(enterprise_name: str) -> str:
	"""An enterprise with its first score (base, no records)."""
	enterprise = make_enterprise(enterprise_name).name
	update_enterprise_credit(enterprise)
	return enterprise


def scope(user: str, doctype: str, value: str):
	if not frappe.db.exists("User Permission", {"user": user, "allow": doctype, "for_value": value}):
		add_user_permission(doctype, value, user, ignore_permissions=True)


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


def _insert(doc):
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
	"""A complaint row as the complaint workflow leaves it (default: resolved and upheld)."""
	return _insert(
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


def insert_assessment(name: str, enterprise: str, grade: str, **fields):
	return _insert(
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
	return _insert(
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
