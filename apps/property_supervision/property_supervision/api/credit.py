"""Desk endpoints of the Credit module: the enterprise's objection (异议) to a credit record and
the District Supervisor's decision. Each loads the record afresh and checks permission before
acting; the rules themselves are in the Credit Record controller."""

import frappe
from frappe import _

from property_supervision.credit.doctype.credit_record.credit_record import DISMISSED, UPHELD


@frappe.whitelist(methods=["POST"])
def lodge_objection(name: str, objection: str) -> dict:
	"""The enterprise objects to a confirmed record. Enterprise users may not edit the record
	itself, only the objection (permission level 2); so it is written here, alone."""
	doc = frappe.get_doc("Credit Record", name)
	doc.check_permission("read")
	if not doc.has_permlevel_access_to("objection", permission_type="write"):
		frappe.throw(_("You cannot lodge an objection to this credit record."), frappe.PermissionError)
	if not (objection or "").strip():
		frappe.throw(_("Write the objection."))
	doc.objection = objection
	doc.save(ignore_permissions=True)
	return {"objection_on": doc.objection_on}


@frappe.whitelist(methods=["POST"])
def decide_objection(name: str, decision: str, note: str) -> dict:
	"""A District Supervisor upholds (the record is revoked) or dismisses the objection."""
	if decision not in (UPHELD, DISMISSED):
		frappe.throw(_("Decide the objection as Upheld or Dismissed."))
	doc = frappe.get_doc("Credit Record", name)
	doc.check_permission("write")
	doc.objection_decision = decision
	doc.objection_note = note
	doc.save()
	return {"workflow_state": doc.workflow_state, "objection_decision": doc.objection_decision}
