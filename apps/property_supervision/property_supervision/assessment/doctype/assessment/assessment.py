# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""One target's annual assessment (三级考核, SPEC §3): the district assesses the area committees
and subdistrict offices, the areas assess their communities, the supervision office assesses the
enterprises.

The score sheet comes from the template when the assessment is created and is fixed from then
on. The target fills in self scores (Self Assessment), the assessor scores (Scoring), the
Assessment Officer reviews and publishes (Review → Published). Who may change what in which
state is enforced here, whatever path the change takes (form, REST, import); the totals, the
veto and the grade are derived here and nowhere else."""

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.doctype.assessment_template.assessment_template import (
	AREA_TARGET,
	COMMUNITY_TARGET,
	DEPARTMENT_TARGET,
	ENTERPRISE_TARGET,
	TARGET_TYPES,
	TARGETS_WITH_INDICATORS,
	is_target_of,
	number,
)
from property_supervision.assessment.indicators import compute_indicators
from property_supervision.permissions import UNRESTRICTED_ROLES
from property_supervision.registry.doctype.jurisdiction.jurisdiction import get_unit_for_jurisdiction
from property_supervision.registry.doctype.supervision_unit.supervision_unit import get_supervision_office
from property_supervision.roles import AREA_OFFICER, ENTERPRISE_USER
from property_supervision.rules.assessment import grade_for, score_in_range, total_score

# the meanings of the workflow's states (workflow_meanings.py): the states themselves are the
# administrators' to rename, and are found through these
SELF_ASSESSMENT, SCORING, REVIEW, PUBLISHED = (
	meanings.SELF_ASSESSMENT,
	meanings.SCORING,
	meanings.REVIEW,
	meanings.PUBLISHED,
)
SCORING_STATES = (SCORING, REVIEW)

EARLIEST_YEAR = 2015  # the year of the district's plan (水政办〔2015〕72号)

# what a row of the score sheet copies from its template criterion: fixed after creation
SHEET_FIELDS = ("criterion", "max_score", "is_veto", "indicator_key")
# what people enter on a row
SCORE_FIELDS = ("score", "veto_applies")
SELF_FIELDS = ("self_score",)
NOTE_FIELDS = ("remark", "evidence")
# header fields only the assessment office changes once the assessment exists
OFFICE_FIELDS = ("assessor_unit", "period_end", "review_note")

ASSESSMENT_OFFICE_UNIT_TYPE = "Assessment Office"


class Assessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.assessment.doctype.assessment_score.assessment_score import AssessmentScore

		assessment_year: DF.Int
		assessor_unit: DF.Link
		enterprise: DF.Link | None
		grade: DF.Literal["", "Excellent", "Good", "Pass", "Fail"]
		jurisdiction: DF.Link | None
		period_end: DF.Date
		review_note: DF.SmallText | None
		scores: DF.Table[AssessmentScore]
		self_total: DF.Float
		target_doctype: DF.Link
		target_name: DF.DynamicLink
		target_type: DF.Literal[
			"Area Committee or Subdistrict", "Community", "Property Enterprise", "Department"
		]
		template: DF.Link
		total_score: DF.Float
		veto_triggered: DF.Check
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.validate_year()
		self.validate_template()
		self.set_target_doctype()
		self.validate_target()
		self.validate_unique()
		self.set_scope()
		self.set_period_end()
		self.set_assessor_unit()
		if self.is_new():
			self.fill_from_template()
			self.set_indicator_values()
		self.validate_score_sheet()
		self.keep_indicator_values()
		self.clear_veto_on_ordinary_rows()
		self.validate_changes()
		self.validate_transition()
		self.validate_score_ranges()
		self.calculate_totals()
		self.set_grade()

	# Validation of the header
	# ------------------------

	def validate_year(self):
		latest = getdate(nowdate()).year + 1
		if not EARLIEST_YEAR <= cint(self.assessment_year) <= latest:
			frappe.throw(_("The assessment year must be between {0} and {1}.").format(EARLIEST_YEAR, latest))

	def get_template(self):
		return frappe.get_cached_doc("Assessment Template", self.template)

	def validate_template(self):
		if not self.template:
			frappe.throw(_("Select an assessment template."))
		template = self.get_template()
		if self.is_new() and not template.is_active:
			frappe.throw(_("Assessment template {0} is not active.").format(self.template))
		self.target_type = template.target_type

	def set_target_doctype(self):
		self.target_doctype = TARGET_TYPES[self.target_type][0]

	def validate_target(self):
		if not self.target_name:
			frappe.throw(_("Select the unit or enterprise to assess."))
		if not is_target_of(self.target_type, self.target_name):
			frappe.throw(
				_("Template {0} assesses {1}; {2} is not one.").format(
					self.template, _(self.target_type), self.target_name
				)
			)

	def validate_unique(self):
		existing = frappe.db.get_value(
			"Assessment",
			{
				"assessment_year": self.assessment_year,
				"template": self.template,
				"target_doctype": self.target_doctype,
				"target_name": self.target_name,
				"name": ("!=", self.name or ""),
			},
			"name",
		)
		if existing:
			frappe.throw(
				_("{0} already has a {1} assessment under template {2}: {3}.").format(
					self.target_title(), self.assessment_year, self.template, existing
				),
				frappe.DuplicateEntryError,
			)

	# Derived header fields
	# ---------------------

	def set_scope(self):
		"""jurisdiction scopes the officers who see it, enterprise the enterprise's users; a
		department's assessment has neither, so only the district's offices see it."""
		if self.target_type == DEPARTMENT_TARGET:
			self.jurisdiction = None
			self.enterprise = None
		elif self.target_type == ENTERPRISE_TARGET:
			self.jurisdiction = None
			self.enterprise = self.target_name
		else:
			self.jurisdiction = self.target_name
			self.enterprise = None

	def set_period_end(self):
		if not self.period_end:
			self.period_end = date(cint(self.assessment_year), 12, 31)

	def set_assessor_unit(self):
		if not self.assessor_unit:
			self.assessor_unit = default_assessor_unit(self.target_type, self.target_name)

	# The score sheet
	# ---------------

	def fill_from_template(self):
		"""Copy the template's criteria onto the score sheet, when it has none yet."""
		if self.scores:
			return
		for criterion in self.get_template().criteria:
			self.append("scores", {field: criterion.get(field) for field in SHEET_FIELDS})

	def set_indicator_values(self):
		"""Fill each row's indicator from live data as of the period end."""
		keys = tuple({row.indicator_key for row in self.scores if row.indicator_key})
		if self.target_type not in TARGETS_WITH_INDICATORS:
			keys = ()
		values = (
			compute_indicators(
				self.target_type, self.target_name, self.assessment_year, self.period_end, keys
			)
			if keys
			else {}
		)
		for row in self.scores:
			row.indicator_value = values.get(row.indicator_key, "") if row.indicator_key else ""

	def validate_score_sheet(self):
		"""The rows are the template's criteria when created, and stay as they were after that."""
		if self.is_new():
			expected = [tuple(c.get(f) for f in SHEET_FIELDS) for c in self.get_template().criteria]
		else:
			expected = [tuple(r.get(f) for f in SHEET_FIELDS) for r in self.get_doc_before_save().scores]
		actual = [tuple(r.get(f) for f in SHEET_FIELDS) for r in self.scores]
		if normalise(actual) != normalise(expected):
			frappe.throw(_("The criteria of an assessment come from its template and cannot be changed."))

	def keep_indicator_values(self):
		"""Indicator values are computed (set_indicator_values), never typed in."""
		before = self.get_doc_before_save()
		if self.is_new() or self.flags.indicators_refreshed or not before:
			return
		previous = {row.name: row.indicator_value for row in before.scores}
		for row in self.scores:
			row.indicator_value = previous.get(row.name, row.indicator_value)

	def clear_veto_on_ordinary_rows(self):
		for row in self.scores:
			if not row.is_veto:
				row.veto_applies = 0

	# Who may change what, in which state
	# -----------------------------------

	def previous_state(self) -> str:
		before = self.get_doc_before_save()
		return (before and before.workflow_state) or meanings.state(self.doctype, SELF_ASSESSMENT)

	def previous_meaning(self) -> str:
		"""What the state the change starts from means (a new assessment: self assessment)."""
		before = self.get_doc_before_save()
		if not (before and before.workflow_state):
			return SELF_ASSESSMENT
		return meanings.meaning_of(self.doctype, before.workflow_state)

	def changed_fields(self) -> tuple[set[str], set[str]]:
		"""(row fields, header fields) whose values differ from the saved assessment (from an
		empty sheet for a new one)."""
		before = self.get_doc_before_save()
		previous = {row.name: row for row in before.scores} if before else {}
		rows = set()
		for row in self.scores:
			old = previous.get(row.name)
			for field in SCORE_FIELDS + SELF_FIELDS + NOTE_FIELDS:
				if not same(row.get(field), old.get(field) if old else None):
					rows.add(field)
		header = set()
		if before:
			header = {field for field in OFFICE_FIELDS if not same(self.get(field), before.get(field))}
		return rows, header

	def validate_changes(self):
		user = frappe.session.user
		rows, header = self.changed_fields()
		state = self.previous_state()
		meaning = self.previous_meaning()
		if rows & set(SCORE_FIELDS):
			if self.is_target_user(user):
				frappe.throw(
					_("The assessed unit cannot enter the assessor's scores."), frappe.PermissionError
				)
			if meaning not in SCORING_STATES:
				frappe.throw(_("Scores can only be entered while the assessment is in Scoring or Review."))
			if not self.is_assessor(user):
				frappe.throw(_("Only the assessor can enter scores."), frappe.PermissionError)
			if meaning == REVIEW and not is_unrestricted(user):
				# the review is the assessment office's: an area officer scores in Scoring only
				frappe.throw(
					_("You cannot change this assessment while it is in {0}.").format(_(state)),
					frappe.PermissionError,
				)
		if rows & set(SELF_FIELDS):
			if meaning != SELF_ASSESSMENT:
				frappe.throw(_("Self scores can only be entered while the assessment is in Self Assessment."))
			if not (self.is_target_user(user) or is_unrestricted(user)):
				frappe.throw(
					_("Only the assessed unit or the assessment office can enter self scores."),
					frappe.PermissionError,
				)
		if is_unrestricted(user):
			return
		for field in header:
			frappe.throw(
				_("Only the assessment office can change {0}.").format(
					_(self.meta.get_label(field), context=self.doctype)
				),
				frappe.PermissionError,
			)
		if rows & set(NOTE_FIELDS):
			may_note = (meaning == SELF_ASSESSMENT and self.is_target_user(user)) or (
				meaning == SCORING and self.is_assessor(user)
			)
			if not may_note:
				frappe.throw(
					_("You cannot change this assessment while it is in {0}.").format(_(state)),
					frappe.PermissionError,
				)

	def validate_transition(self):
		"""Submitting the scores is the assessor's act, even where the workflow lets the role of
		the assessed unit (an area officer) submit scores for the communities it assesses."""
		if self.previous_meaning() == SCORING and meanings.is_state(
			self.doctype, self.workflow_state, REVIEW
		):
			if not self.is_assessor(frappe.session.user):
				frappe.throw(_("Only the assessor can submit the scores."), frappe.PermissionError)

	def is_target_user(self, user: str) -> bool:
		"""The user works for the assessed unit: the officer scoped to that very area or
		community, or a user of the assessed enterprise."""
		if is_unrestricted(user):
			return False
		if self.target_type == ENTERPRISE_TARGET:
			return ENTERPRISE_USER in frappe.get_roles(user) and self.target_name in direct_scope(
				user, "Property Enterprise"
			)
		if self.target_type == DEPARTMENT_TARGET:
			return False
		return self.target_name in direct_scope(user, "Jurisdiction")

	def is_assessor(self, user: str) -> bool:
		"""The assessment office (unrestricted roles) for every target; an area officer for the
		communities of their own area."""
		if is_unrestricted(user):
			return True
		if self.target_type != COMMUNITY_TARGET or AREA_OFFICER not in frappe.get_roles(user):
			return False
		if self.is_target_user(user):
			return False
		area = frappe.db.get_value("Jurisdiction", self.target_name, "parent_jurisdiction")
		return bool(area) and area in direct_scope(user, "Jurisdiction")

	# Scores and result
	# -----------------

	def validate_score_ranges(self):
		for row in self.scores:
			if not score_in_range(row.self_score, row.max_score):
				frappe.throw(
					_("{0}: the self score must be between 0 and {1}.").format(
						row.criterion, number(row.max_score)
					)
				)
			if not score_in_range(row.score, row.max_score):
				frappe.throw(
					_("{0}: the score must be between 0 and {1}.").format(
						row.criterion, number(row.max_score)
					)
				)

	def calculate_totals(self):
		self.self_total = total_score(row.self_score for row in self.scores)
		self.total_score = total_score(row.score for row in self.scores)
		self.veto_triggered = int(any(row.is_veto and row.veto_applies for row in self.scores))

	def set_grade(self):
		"""By the template's bands once scoring has begun; a triggered veto caps it at Fail."""
		if not self.workflow_state or meanings.is_state(self.doctype, self.workflow_state, SELF_ASSESSMENT):
			self.grade = None
			return
		template = self.get_template()
		self.grade = grade_for(
			self.total_score,
			template.grade_excellent_min,
			template.grade_good_min,
			template.grade_pass_min,
			veto=bool(self.veto_triggered),
		)

	def target_title(self) -> str:
		if self.target_doctype == "Property Enterprise":
			return (
				frappe.db.get_value("Property Enterprise", self.target_name, "enterprise_name")
				or self.target_name
			)
		return self.target_name


def normalise(rows: list[tuple]) -> list[tuple]:
	return [
		(criterion or "", round(float(max_score or 0), 1), int(is_veto or 0), indicator or "")
		for criterion, max_score, is_veto, indicator in rows
	]


def same(a, b) -> bool:
	if isinstance(a, int | float) or isinstance(b, int | float):
		return round(float(a or 0), 3) == round(float(b or 0), 3)
	return (a or "") == (b or "")


def is_unrestricted(user: str) -> bool:
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & UNRESTRICTED_ROLES)


def direct_scope(user: str, doctype: str) -> set[str]:
	"""The records a user is scoped to by User Permission (the records themselves, not the
	subtree below them), as they apply to Assessment."""
	return set(
		frappe.get_all(
			"User Permission",
			filters={"user": user, "allow": doctype},
			or_filters={"apply_to_all_doctypes": 1, "applicable_for": "Assessment"},
			pluck="for_value",
		)
	)


def default_assessor_unit(target_type: str, target_name: str | None) -> str | None:
	"""Who assesses: the district's assessment office (区综合考核工作领导小组办公室) the areas and
	subdistricts (and, with the departments concerned, the district's departments), the area
	committee or subdistrict office its communities, the supervision office the enterprises."""
	if target_type in (AREA_TARGET, DEPARTMENT_TARGET):
		return (
			frappe.db.get_value(
				"Supervision Unit", {"unit_type": ASSESSMENT_OFFICE_UNIT_TYPE, "is_active": 1}, "name"
			)
			or get_supervision_office()
		)
	if target_type == COMMUNITY_TARGET:
		area = (
			frappe.db.get_value("Jurisdiction", target_name, "parent_jurisdiction") if target_name else None
		)
		return get_unit_for_jurisdiction(area, create=False) if area else None
	return get_supervision_office()


def refresh_indicators(name: str) -> list[dict]:
	"""Recompute the indicators of an assessment from live data as of its period end."""
	doc = frappe.get_doc("Assessment", name)
	doc.check_permission("write")
	if meanings.is_state(doc.doctype, doc.workflow_state, PUBLISHED):
		frappe.throw(_("The indicators of a published assessment are final and cannot be refreshed."))
	doc.set_indicator_values()
	doc.flags.indicators_refreshed = True
	doc.save()
	return [{"criterion": row.criterion, "indicator_value": row.indicator_value} for row in doc.scores]


def on_doctype_update():
	frappe.db.add_unique(
		"Assessment",
		["assessment_year", "template", "target_doctype", "target_name"],
		constraint_name="unique_assessment_target",
	)
