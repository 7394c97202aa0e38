"""Indicators of an assessment, computed from live data as of its period end (SPEC §3 Assessment):
old-compound coverage, complaint resolution and overdue rates, publicity compliance, training
attendance and credit grade, for the assessed area, community or enterprise.

Figures are facts about the target, not about the user who asks: they are counted over all
records (ignore_permissions), whoever refreshes them. Each is written on the score sheet as
"rate% (part/whole)" so the assessor sees what it rests on; a criterion whose indicator does
not apply to the target gets no value. The other modules' functions are reused where they exist
(registry.coverage, publicity compliance, training.coverage)."""

from datetime import date, datetime, time, timedelta

import frappe
from frappe.utils import getdate

from property_supervision.assessment.doctype.assessment_template.assessment_template import ENTERPRISE_TARGET
from property_supervision.complaints import figures
from property_supervision.registry.coverage import covered_names, old_compounds
from property_supervision.registry.doctype.publicity_record.publicity_record import get_publicity_compliance
from property_supervision.rules.assessment import rate_text
from property_supervision.rules.figures import counted_base
from property_supervision.rules.publicity import COMPLIANT, OVERDUE
from property_supervision.rules.training import DISTRICT_LEVEL, ENTERPRISE, year_bounds
from property_supervision.training.coverage import coverage_by_area as training_coverage_by_area

COVERAGE = "Old Compound Coverage Rate"
RESOLUTION = "Complaint Resolution Rate"
OVERDUE_RATE = "Complaint Overdue Rate"
PUBLICITY = "Publicity Compliance Rate"
TRAINING = "Training Attendance Rate"
CREDIT = "Credit Grade"
# 满意率 of the complainants' ratings (回访, complaints/rating.py): satisfied and basically satisfied
# over all rated complaints received in the year
SATISFACTION = "Complaint Satisfaction Rate"
INDICATOR_KEYS = (COVERAGE, RESOLUTION, OVERDUE_RATE, SATISFACTION, PUBLICITY, TRAINING, CREDIT)


class Target:
	"""What the indicators are computed for: one area, community or enterprise, one year."""

	def __init__(self, target_type: str, target_name: str, year: int, period_end: date | str | None = None):
		self.target_type = target_type
		self.name = target_name
		self.year = int(year)
		self.period_end = getdate(period_end) if period_end else date(self.year, 12, 31)
		self.period_start = date(self.year, 1, 1)

	@property
	def is_enterprise(self) -> bool:
		return self.target_type == ENTERPRISE_TARGET

	@property
	def until(self) -> datetime:
		"""The end of the period end's day, for datetime fields."""
		return datetime.combine(self.period_end + timedelta(days=1), time.min)


def compute_indicators(
	target_type: str, target_name: str, year: int, period_end=None, keys=INDICATOR_KEYS
) -> dict[str, str]:
	"""indicator_key -> the value written on the score sheet ("" when it does not apply)."""
	target = Target(target_type, target_name, year, period_end)
	complaints = None
	values = {}
	for key in keys:
		if key in (RESOLUTION, OVERDUE_RATE):
			complaints = complaints or complaint_counts(target)
			part = complaints.resolved if key == RESOLUTION else complaints.overdue
			values[key] = rate_text(part, counted_base(complaints.received, complaints.rejected))
		elif key == SATISFACTION:
			complaints = complaints or complaint_counts(target)
			content = complaints.satisfied + complaints.basically_satisfied
			values[key] = rate_text(content, content + complaints.dissatisfied)
		elif key in COMPUTERS:
			values[key] = COMPUTERS[key](target) or ""
	return values


def coverage(target: Target) -> str | None:
	"""Old compounds in the area or community under some management on the period end."""
	if target.is_enterprise:
		return None
	compounds = old_compounds(target.name, ignore_permissions=True)
	covered = covered_names(compounds, target.period_end, ignore_permissions=True)
	return rate_text(len(covered), len(compounds))


def complaint_counts(target: Target) -> frappe._dict:
	"""The counts (complaints.figures) of the complaints received in the year up to the period end
	inside the area or community, or against the enterprise."""
	conditions = figures.received_between(
		target.period_start, min(target.period_end, date(target.year, 12, 31))
	)
	if target.is_enterprise:
		conditions += figures.belonging_to(enterprise=target.name)
	else:
		conditions += figures.belonging_to(jurisdiction=target.name)
	return figures.totals(conditions, ignore_permissions=True)


def publicity(target: Target) -> str:
	"""Compounds under professional management that published their public income and expenses
	for the period due on the period end, over those for which one was due."""
	scope = {"enterprise": target.name} if target.is_enterprise else {"jurisdiction": target.name}
	rows = get_publicity_compliance(as_of=target.period_end, ignore_permissions=True, **scope)
	compliant = sum(1 for row in rows if row.status == COMPLIANT)
	due = compliant + sum(1 for row in rows if row.status == OVERDUE)
	return rate_text(compliant, due)


def training(target: Target) -> str:
	"""An area or community: its filed owners' committees and the enterprises serving its
	compounds that attended a session of their tier in the year (training.coverage). An
	enterprise: the district sessions of the year it was invited to that it attended."""
	if target.is_enterprise:
		return enterprise_training(target)
	_rows, total = training_coverage_by_area(target.name, target.year, ignore_permissions=True)
	if not total:
		return rate_text(0, 0)
	return rate_text(
		total.enterprises_trained + total.committees_trained, total.enterprises + total.committees
	)


def enterprise_training(target: Target) -> str:
	start, end = year_bounds(target.year)
	sessions = frappe.get_all(
		"Training Session",
		filters=[
			["training_level", "=", DISTRICT_LEVEL],
			["start", ">=", start],
			["start", "<", min(end, target.until)],
		],
		pluck="name",
	)
	if not sessions:
		return rate_text(0, 0)
	rows = frappe.get_all(
		"Training Attendee",
		filters={
			"parenttype": "Training Session",
			"parent": ("in", sessions),
			"attendee_type": ENTERPRISE,
			"enterprise": target.name,
		},
		fields=["parent", "attended"],
	)
	invited = {row.parent for row in rows}
	attended = {row.parent for row in rows if row.attended}
	return rate_text(len(attended), len(invited))


def credit_grade(target: Target) -> str | None:
	"""The enterprise's credit grade on the period end: its last score log by then, else its
	present grade."""
	if not target.is_enterprise:
		return None
	logged = frappe.get_all(
		"Credit Score Log",
		filters={"enterprise": target.name, "log_date": ("<=", target.period_end)},
		fields=["grade"],
		order_by="log_date desc, creation desc",
		limit=1,
	)
	if logged and logged[0].grade:
		return logged[0].grade
	return frappe.db.get_value("Property Enterprise", target.name, "credit_grade")


COMPUTERS = {
	COVERAGE: coverage,
	PUBLICITY: publicity,
	TRAINING: training,
	CREDIT: credit_grade,
}
