"""Opening an accountability record (问责) from what it rests on: an assessment whose veto applies,
a major incident (a complaint or a joint meeting) or an overdue rectification notice. The desk's
buttons call api.assessment.open_accountability, which calls open_from_reference here."""

import frappe
from frappe import _
from frappe.utils import escape_html

from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.doctype.accountability_record.accountability_record import (
	ALLOWED_REFERENCES,
	MAJOR_INCIDENT,
	OVERDUE_RECTIFICATION,
	VETO,
	check_reference,
	check_reference_kind,
)

DOCTYPE = "Accountability Record"
# the cause a reference implies when the caller names none
DEFAULT_CAUSE = {
	"Assessment": VETO,
	"Complaint": MAJOR_INCIDENT,
	"Joint Meeting": MAJOR_INCIDENT,
	"Rectification Notice": OVERDUE_RECTIFICATION,
}


def open_from_reference(
	reference_doctype: str,
	reference_name: str,
	cause: str | None = None,
	subject_doctype: str | None = None,
	subject_unit: str | None = None,
) -> str:
	"""Open (or return the open) accountability record for a reference. Refuses in Chinese, and
	saves nothing, when the user may not open one, the reference is of another kind, missing,
	out of the user's sight, or does not call for it (no veto, not overdue)."""
	frappe.has_permission(DOCTYPE, "create", throw=True)
	if reference_doctype not in ALLOWED_REFERENCES:
		frappe.throw(
			_("An accountability record can be opened from {0}.").format(
				" / ".join(_(d) for d in ALLOWED_REFERENCES)
			)
		)
	cause = cause or DEFAULT_CAUSE[reference_doctype]
	check_reference_kind(cause, reference_doctype)
	if not (
		reference_name
		and frappe.db.exists("DocType", reference_doctype)
		and frappe.db.exists(reference_doctype, reference_name)
		and frappe.has_permission(reference_doctype, "read", reference_name)
	):
		# missing and out of sight read alike
		frappe.throw(_("{0} {1} does not exist.").format(_(reference_doctype), reference_name or ""))
	check_reference(cause, reference_doctype, reference_name)
	reference = frappe.get_doc(reference_doctype, reference_name)
	if not subject_unit:
		subject_doctype, subject_unit = subject_of(reference)
	if not subject_unit:
		frappe.throw(_("Select the unit held to account."))
	existing = frappe.db.get_value(
		DOCTYPE,
		{
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"subject_doctype": subject_doctype,
			"subject_unit": subject_unit,
			"workflow_state": ("not in", meanings.states(DOCTYPE, meanings.REJECTED) or [""]),
		},
		"name",
	)
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"subject_doctype": subject_doctype,
			"subject_unit": subject_unit,
			"cause": cause,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"year": reference.get("assessment_year") or None,
			"facts": facts_of(reference, cause),
		}
	).insert()
	return doc.name


def subject_of(reference) -> tuple[str, str | None]:
	"""Who is held to account by default: the assessed unit, or the jurisdiction of the complaint
	or rectification notice."""
	if reference.doctype == "Assessment":
		return reference.target_doctype, reference.target_name
	return "Jurisdiction", reference.get("jurisdiction")


def facts_of(reference, cause: str) -> str:
	"""A first wording of the facts, for the officer to complete."""
	if reference.doctype == "Assessment":
		vetoes = "、".join(row.criterion for row in reference.scores if row.is_veto and row.veto_applies)
		text = _("Assessment {0} ({1}, {2}): the veto item applies: {3}.").format(
			reference.name, reference.target_name, reference.assessment_year, vetoes
		)
	elif reference.doctype == "Rectification Notice":
		text = _("Rectification notice {0} was not complied with by its deadline {1}.").format(
			reference.name, frappe.utils.formatdate(reference.get("deadline"))
		)
	else:
		text = _("{0} {1}: {2}.").format(_(reference.doctype), reference.name, _(cause))
	return f"<p>{escape_html(text)}</p>"
