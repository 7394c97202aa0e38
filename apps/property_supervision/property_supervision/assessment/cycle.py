"""The annual assessment cycle (三级考核): one Assessment per target of a template for a year.

Area Committee or Subdistrict template → every area committee and subdistrict office (assessed by
the district's assessment office); Community template → every community (assessed by its area's
committee or office); Property Enterprise template → every filed enterprise (assessed by the
supervision office). The period ends on 31 December of the year. Running it again creates only the
assessments that are missing. Many targets go to the long queue."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import cint

from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.doctype.assessment.assessment import (
	EARLIEST_YEAR,
	default_assessor_unit,
)
from property_supervision.assessment.doctype.assessment_template.assessment_template import (
	ENTERPRISE_TARGET,
	TARGET_TYPES,
	target_filters,
)
from property_supervision.roles import ASSESSMENT_OFFICER, SUPERVISION_ADMIN

# more targets than this are created by a background job
ENQUEUE_ABOVE = 20
CYCLE_ROLES = (ASSESSMENT_OFFICER, SUPERVISION_ADMIN, "System Manager")


def create_annual_assessments(year: int, template: str) -> dict:
	"""Start the year's assessments for a template (Assessment Officer / Supervision Admin).
	Returns {"targets", "created", "skipped", "failed", "without_assessor", "queued"}."""
	check_cycle_permission()
	year, template_doc = validate_cycle(year, template)
	targets = get_targets(template_doc.target_type)
	if len(targets) > ENQUEUE_ABOVE:
		frappe.enqueue(
			"property_supervision.assessment.cycle.make_annual_assessments",
			queue="long",
			timeout=3600,
			job_id=f"annual-assessments:{year}:{template}",
			deduplicate=True,
			enqueue_after_commit=True,
			year=year,
			template=template,
		)
		return {
			"targets": len(targets),
			"created": 0,
			"skipped": 0,
			"failed": [],
			"without_assessor": [],
			"queued": True,
		}
	return {**make_annual_assessments(year, template), "queued": False}


def check_cycle_permission():
	user = frappe.session.user
	if user != "Administrator" and not set(frappe.get_roles(user)) & set(CYCLE_ROLES):
		frappe.throw(
			_("Only Assessment Officers and Supervision Admins can start the annual assessment."),
			frappe.PermissionError,
		)
	frappe.has_permission("Assessment", "create", throw=True)


def validate_cycle(year, template: str):
	year = cint(year)
	latest = date.today().year + 1
	if not EARLIEST_YEAR <= year <= latest:
		frappe.throw(_("The assessment year must be between {0} and {1}.").format(EARLIEST_YEAR, latest))
	if not template or not frappe.db.exists("Assessment Template", template):
		frappe.throw(_("Assessment template {0} does not exist.").format(template or ""))
	template_doc = frappe.get_doc("Assessment Template", template)
	if not template_doc.is_active:
		frappe.throw(_("Assessment template {0} is not active.").format(template))
	return year, template_doc


def get_targets(target_type: str) -> list[str]:
	"""Every target of a template's type, in tree (or name) order."""
	doctype = TARGET_TYPES[target_type][0]
	if target_type == ENTERPRISE_TARGET:
		return frappe.get_all(
			doctype,
			filters={"workflow_state": ("in", meanings.states(doctype, meanings.FILED))},
			order_by="name asc",
			pluck="name",
		)
	filters = target_filters(target_type)
	if doctype == "Supervision Unit":
		filters["is_active"] = 1
	order_by = "lft asc" if doctype == "Jurisdiction" else "name asc"
	return frappe.get_all(doctype, filters=filters, order_by=order_by, pluck="name")


def make_annual_assessments(year: int, template: str, targets: list[str] | None = None) -> dict:
	"""Create the missing assessments of `template` for `year` (for `targets` only, when given:
	a subset of the template's targets). Safe to run twice."""
	year = cint(year)
	template_doc = frappe.get_doc("Assessment Template", template)
	target_doctype = TARGET_TYPES[template_doc.target_type][0]
	eligible = get_targets(template_doc.target_type)
	if targets is not None:
		wanted = set(targets)
		eligible = [t for t in eligible if t in wanted]
	existing = set(
		frappe.get_all(
			"Assessment",
			filters={"assessment_year": year, "template": template, "target_doctype": target_doctype},
			pluck="target_name",
		)
	)
	created, failed, without_assessor = [], [], []
	for target in eligible:
		if target in existing:
			continue
		assessor = default_assessor_unit(template_doc.target_type, target)
		if not assessor:
			without_assessor.append(target)
			continue
		try:
			frappe.db.savepoint("annual_assessment")
			doc = frappe.get_doc(
				{
					"doctype": "Assessment",
					"assessment_year": year,
					"template": template,
					"target_type": template_doc.target_type,
					"target_doctype": target_doctype,
					"target_name": target,
					"assessor_unit": assessor,
					"period_end": date(year, 12, 31),
				}
			).insert()
			created.append(doc.name)
		except Exception:
			frappe.db.rollback(save_point="annual_assessment")
			failed.append(target)
			frappe.log_error(
				title=_("Annual assessment could not be created for {0}").format(target),
				reference_doctype="Assessment Template",
				reference_name=template,
			)
		if created and len(created) % 50 == 0 and getattr(frappe.local, "job", None):
			frappe.db.commit()  # a long job keeps what it has made if the worker stops
	if without_assessor:
		frappe.log_error(
			title=_("No assessing unit for {0} targets of {1}").format(len(without_assessor), template),
			message="\n".join(without_assessor),
			reference_doctype="Assessment Template",
			reference_name=template,
		)
	return {
		"targets": len(eligible),
		"created": len(created),
		"skipped": len(eligible) - len(created) - len(failed) - len(without_assessor),
		"failed": failed,
		"without_assessor": without_assessor,
	}
