"""Desk endpoints of the Supervision module: the checklist of a template, and the rectification
notices of an inspection's findings. Each checks the user's permission on the documents first;
the rules are in the controllers (supervision/doctype)."""

import frappe
from frappe import _

from property_supervision import workflow_meanings as meanings
from property_supervision.supervision.rectification import notice_values


@frappe.whitelist()
def template_checklist(template: str) -> list[dict]:
	"""The checklist rows of an active Inspection Template, to copy into an inspection."""
	if not frappe.has_permission("Supervision Inspection", "write"):
		frappe.throw(_("You cannot record supervision inspections."), frappe.PermissionError)
	doc = frappe.get_doc("Inspection Template", template)
	doc.check_permission("read")
	if not doc.is_active:
		frappe.throw(_("Inspection template {0} is not active.").format(template))
	return [
		{"item": row.item, "category": row.category, "weight": row.weight, "is_required": row.is_required}
		for row in doc.items
	]


@frappe.whitelist(methods=["POST"])
def issue_rectification_notices(inspection: str) -> list[str]:
	"""One Rectification Notice (责令限期整改通知书) per finding of a completed inspection that
	requires rectification and has none yet; the deadline from Supervision Settings. Returns the
	notices issued. Nothing is issued when one of them is refused."""
	doc = frappe.get_doc("Supervision Inspection", inspection)
	doc.check_permission("read")
	if not frappe.has_permission("Rectification Notice", "create"):
		frappe.throw(_("You cannot issue rectification notices."), frappe.PermissionError)
	if not meanings.is_state(doc.doctype, doc.workflow_state, meanings.COMPLETED):
		frappe.throw(_("Complete the inspection before issuing rectification notices."))
	rows = [row for row in doc.findings if row.requires_rectification and not row.rectification_notice]
	if not rows:
		frappe.throw(_("No finding of this inspection awaits a rectification notice."))
	issued = []
	for row in rows:
		notice = frappe.get_doc(notice_values(doc, row))
		notice.insert()
		issued.append(notice.name)
	return issued
