# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""A template of the annual assessment (SPEC §3): the criteria for one kind of target, their
maximum scores (totalling 100), veto items (一票否决) and the grade bands. Administrators own the
templates and edit them in the desk; defaults come from assessment.defaults."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from property_supervision.rules.assessment import (
	CRITERIA_TOTAL,
	bands_are_valid,
	criteria_total,
	criteria_total_is_valid,
	max_score_is_valid,
)

# target_type -> (the DocType of its targets, the jurisdiction types it covers or None)
AREA_TARGET = "Area Committee or Subdistrict"
COMMUNITY_TARGET = "Community"
ENTERPRISE_TARGET = "Property Enterprise"
# 区属职能部门 (seed §5(三)3: 片区管委会（街道办事处）、社区、区属相关职能部门 are assessed): a
# Supervision Unit of type Government Department
DEPARTMENT_TARGET = "Department"
TARGET_TYPES = {
	AREA_TARGET: ("Jurisdiction", ("Area Committee", "Subdistrict")),
	COMMUNITY_TARGET: ("Jurisdiction", ("Community",)),
	ENTERPRISE_TARGET: ("Property Enterprise", None),
	DEPARTMENT_TARGET: ("Supervision Unit", ("Government Department",)),
}
# the field of a target DocType that says which kind of target a record is
TYPE_FIELDS = {"Jurisdiction": "jurisdiction_type", "Supervision Unit": "unit_type"}
# the indicators computed from live data apply to these targets (a department has none yet)
TARGETS_WITH_INDICATORS = (AREA_TARGET, COMMUNITY_TARGET, ENTERPRISE_TARGET)


def target_filters(target_type: str) -> dict:
	"""The filters that select the records a target type assesses ({} for enterprises)."""
	doctype, kinds = TARGET_TYPES[target_type]
	return {TYPE_FIELDS[doctype]: ("in", kinds)} if kinds else {}


def is_target_of(target_type: str, name: str | None) -> bool:
	"""The record `name` exists and is of the kind the target type assesses."""
	doctype, kinds = TARGET_TYPES[target_type]
	if not name or not frappe.db.exists(doctype, name):
		return False
	return not kinds or frappe.db.get_value(doctype, name, TYPE_FIELDS[doctype]) in kinds


class AssessmentTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.assessment.doctype.assessment_criterion.assessment_criterion import (
			AssessmentCriterion,
		)

		criteria: DF.Table[AssessmentCriterion]
		description: DF.SmallText | None
		grade_excellent_min: DF.Float
		grade_good_min: DF.Float
		grade_pass_min: DF.Float
		is_active: DF.Check
		target_type: DF.Literal[
			"Area Committee or Subdistrict", "Community", "Property Enterprise", "Department"
		]
		template_name: DF.Data
		total_max_score: DF.Float
	# end: auto-generated types

	def validate(self):
		self.validate_criteria()
		self.validate_unique_indicators()
		self.validate_indicators_apply()
		self.calculate_total_max_score()
		self.validate_total_max_score()
		self.validate_grade_bands()

	def validate_criteria(self):
		if not self.criteria:
			frappe.throw(_("Add at least one criterion."))
		for row in self.criteria:
			if not max_score_is_valid(row.max_score, row.is_veto):
				if row.is_veto:
					frappe.throw(
						_("Row {0} ({1}): the maximum score of a veto item cannot be negative.").format(
							row.idx, row.criterion
						)
					)
				frappe.throw(
					_("Row {0} ({1}): the maximum score must be greater than 0.").format(
						row.idx, row.criterion
					)
				)

	def validate_unique_indicators(self):
		seen = {}
		for row in self.criteria:
			if not row.indicator_key:
				continue
			if row.indicator_key in seen:
				frappe.throw(
					_(
						"Indicator {0} is used by both {1} and {2}; each indicator can fill one criterion."
					).format(_(row.indicator_key), seen[row.indicator_key], row.criterion)
				)
			seen[row.indicator_key] = row.criterion

	def validate_indicators_apply(self):
		if self.target_type in TARGETS_WITH_INDICATORS:
			return
		for row in self.criteria:
			if row.indicator_key:
				frappe.throw(
					_(
						"Row {0} ({1}): indicator {2} cannot be computed for {3}; leave the indicator empty."
					).format(row.idx, row.criterion, _(row.indicator_key), _(self.target_type))
				)

	def calculate_total_max_score(self):
		self.total_max_score = criteria_total(row.max_score for row in self.criteria)

	def validate_total_max_score(self):
		if not criteria_total_is_valid(row.max_score for row in self.criteria):
			frappe.throw(
				_("The maximum scores of the criteria must total exactly {0}; they now total {1}.").format(
					number(CRITERIA_TOTAL), number(self.total_max_score)
				)
			)

	def validate_grade_bands(self):
		if not bands_are_valid(self.grade_excellent_min, self.grade_good_min, self.grade_pass_min):
			frappe.throw(
				_(
					"The grade bands must lie between 0 and 100 and descend: Excellent from ({0}) above Good from ({1}) above Pass from ({2})."
				).format(
					number(self.grade_excellent_min), number(self.grade_good_min), number(self.grade_pass_min)
				)
			)

	def get_target_doctype(self) -> str:
		return TARGET_TYPES[self.target_type][0]


def number(value) -> str:
	"""A score as people write it: 100, 85.5."""
	return f"{flt(value, 1):g}"
