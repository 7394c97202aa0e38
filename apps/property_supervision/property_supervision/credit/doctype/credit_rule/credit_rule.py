# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Credit rules: what conduct adds or deducts how many points, and for how long (SPEC: Credit
Rule). Administrators maintain them in the desk; the defaults (credit/defaults.py) are created
once and are theirs to edit afterwards.

A rule's points are copied onto each record when the record is made, so editing a rule changes
future records only."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from property_supervision.rules.credit import is_valid_rule_code, normalize_rule_code

MANUAL = "Manual"
COMPLAINT_UPHELD = "Complaint Upheld"
COMPLAINT_OVERDUE = "Complaint Overdue"
PUBLICITY_OVERDUE = "Publicity Overdue"
ASSESSMENT_RESULT = "Assessment Result"
TRAINING_ABSENCE = "Training Absence"
# a share of the ratings (回访) of complaints against the enterprise in a period were 不满意
DISSATISFIED_RATINGS = "Dissatisfied Ratings"

# sources the system records by itself (credit.jobs), and those that are always bad conduct
AUTOMATIC_SOURCES = (
	COMPLAINT_UPHELD,
	COMPLAINT_OVERDUE,
	PUBLICITY_OVERDUE,
	ASSESSMENT_RESULT,
	TRAINING_ABSENCE,
	DISSATISFIED_RATINGS,
)
BAD_CONDUCT_SOURCES = (
	COMPLAINT_UPHELD,
	COMPLAINT_OVERDUE,
	PUBLICITY_OVERDUE,
	TRAINING_ABSENCE,
	DISSATISFIED_RATINGS,
)


class CreditRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		basis: DF.SmallText | None
		description: DF.SmallText
		dissatisfied_share: DF.Percent
		is_active: DF.Check
		minimum_ratings: DF.Int
		points: DF.Float
		rating_period_months: DF.Int
		rule_code: DF.Data
		source: DF.Literal[
			"Manual",
			"Complaint Upheld",
			"Complaint Overdue",
			"Publicity Overdue",
			"Assessment Result",
			"Training Absence",
			"Dissatisfied Ratings",
		]
		validity_months: DF.Int
	# end: auto-generated types

	def before_naming(self):
		# the rule is named by its code: normalise it before the name is taken from it
		self.rule_code = normalize_rule_code(self.rule_code)

	def validate(self):
		self.validate_rule_code()
		self.validate_description()
		self.validate_points()
		self.validate_validity()
		self.validate_rating_threshold()
		self.validate_single_active_automatic_rule()

	def validate_rule_code(self):
		self.rule_code = normalize_rule_code(self.rule_code)
		if not is_valid_rule_code(self.rule_code):
			frappe.throw(
				_(
					"Rule code {0} is not valid: use capital letters, digits and single hyphens, starting with a letter, at most 20 characters (for example BL-01)."
				).format(self.rule_code)
			)
		if self.is_new() and frappe.db.exists("Credit Rule", self.rule_code):
			frappe.throw(
				_("A credit rule with the code {0} already exists.").format(self.rule_code),
				frappe.UniqueValidationError,
			)

	def validate_description(self):
		self.description = (self.description or "").strip()
		if not self.description:
			frappe.throw(_("Describe the conduct the rule records."))

	def validate_points(self):
		if not flt(self.points):
			frappe.throw(
				_(
					"A credit rule must add or deduct points: enter a positive or negative number other than 0."
				)
			)
		if self.source in BAD_CONDUCT_SOURCES and flt(self.points) > 0:
			frappe.throw(
				_("A rule for {0} records bad conduct: its points must be negative.").format(_(self.source))
			)

	def validate_validity(self):
		if cint(self.validity_months) < 0:
			frappe.throw(_("The validity of a credit rule cannot be negative."))

	def validate_rating_threshold(self):
		"""The dissatisfied-ratings rule: a share above 0 and at most 100 %, periods that divide the
		year (they run from 1 January), at least one rating."""
		if self.source != DISSATISFIED_RATINGS:
			return
		if not 0 < flt(self.dissatisfied_share) <= 100:
			frappe.throw(_("The dissatisfied share must be more than 0 and at most 100 percent."))
		if cint(self.rating_period_months) not in (1, 2, 3, 4, 6, 12):
			frappe.throw(
				_("The period must be 1, 2, 3, 4, 6 or 12 months, so that the periods divide the year.")
			)
		if cint(self.minimum_ratings) < 1:
			frappe.throw(_("At least one rating is needed before the rule can judge a period."))

	def validate_single_active_automatic_rule(self):
		"""The daily job picks the rule for a fact by its source and sign (an assessment result has
		a good and a bad rule), so there is at most one active rule of each."""
		if self.source not in AUTOMATIC_SOURCES or not cint(self.is_active):
			return
		other = frappe.db.get_value(
			"Credit Rule",
			{
				"source": self.source,
				"is_active": 1,
				"points": (">", 0) if flt(self.points) > 0 else ("<", 0),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("The active rule {0} already records {1}: deactivate it before activating another.").format(
					other, _(self.source)
				)
			)


def get_automatic_rule(source: str, good: bool = False) -> frappe._dict | None:
	"""The active rule the system applies for `source`: the bad-conduct one, or with `good` the
	good-conduct one (an excellent assessment). None when the administrators switched it off."""
	rules = frappe.get_all(
		"Credit Rule",
		filters={"source": source, "is_active": 1, "points": (">", 0) if good else ("<", 0)},
		fields=["name", "points", "validity_months", "description"],
		order_by="name asc",
		limit=1,
	)
	return rules[0] if rules else None
