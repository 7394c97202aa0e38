"""Factories for tests that need compounds, service contracts and takeover plans."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

from property_supervision.registry.doctype.property_enterprise.test_utils import make_enterprise
from property_supervision.tests.utils import make_community

AREA = "七纺片区管委会"
OTHER_AREA = "新民路片区管委会"


def make_test_community(name: str, area: str = AREA) -> str:
	return make_community(name, area).name


def make_compound(compound_name: str, community: str, **fields) -> "frappe.model.document.Document":
	"""A compound (or the existing one of that name in that community)."""
	existing = frappe.db.get_value(
		"Residential Compound", {"compound_name": compound_name, "jurisdiction": community}
	)
	if existing:
		return frappe.get_doc("Residential Compound", existing)
	return frappe.get_doc(
		{
			"doctype": "Residential Compound",
			"compound_name": compound_name,
			"jurisdiction": community,
			"building_count": 6,
			"household_count": 240,
			"floor_area": 21000,
			"completion_year": 2005,
			**fields,
		}
	).insert(ignore_permissions=True)


def make_filed_enterprise(enterprise_name: str, **fields) -> str:
	"""An enterprise whose filing has been approved (state written directly: the filing workflow
	is tested with Property Enterprise)."""
	enterprise = make_enterprise(enterprise_name, **fields)
	if enterprise.workflow_state != "Filed":
		frappe.db.set_value("Property Enterprise", enterprise.name, "workflow_state", "Filed")
	return enterprise.name


def make_contract(compound: str, enterprise: str, status: str = "Active", **fields):
	return frappe.get_doc(
		{
			"doctype": "Service Contract",
			"compound": compound,
			"enterprise": enterprise,
			"contract_type": "Selected by Owners Assembly",
			"tender_method": "Public Tender",
			"start_date": add_days(today(), -100),
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
