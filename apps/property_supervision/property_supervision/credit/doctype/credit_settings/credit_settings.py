# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Credit Settings: base score, grade bands, default validity and key-supervision triggers
(SPEC: Credit Settings; defaults: base 70 as Xinjiang's scheme, bands AAA ≥ 85, AA ≥ 80, A ≥ 70,
B ≥ 60 as Shandong/Yantai). Saving a change that moves scores recomputes every enterprise in the
background."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from property_supervision.credit.scoring import SCORING_FIELDS, enqueue_recompute_all, grade_bands


class CreditSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		base_score: DF.Float
		default_validity_months: DF.Int
		grade_a_min: DF.Float
		grade_aa_min: DF.Float
		grade_aaa_min: DF.Float
		grade_b_min: DF.Float
		key_on_grade_b: DF.Check
		key_on_grade_c: DF.Check
		max_score: DF.Float
		min_score: DF.Float
		public_disclosure: DF.Check
		public_objection_notice: DF.SmallText | None
		public_record_months: DF.Int
		public_show_key_supervision: DF.Check
		public_show_lists: DF.Check
		public_show_records: DF.Check
		public_show_score: DF.Check
		upheld_complaints_threshold: DF.Int
		upheld_window_months: DF.Int
	# end: auto-generated types

	def validate(self):
		self.validate_score_range()
		self.validate_grade_bands()
		self.validate_validity()
		self.validate_key_triggers()

	def on_update(self):
		before = self.get_doc_before_save()
		if before and any(self.has_value_changed(fieldname) for fieldname in SCORING_FIELDS):
			enqueue_recompute_all()

	def validate_score_range(self):
		if flt(self.min_score) >= flt(self.max_score):
			frappe.throw(_("The lowest score must be below the highest score."))
		if not flt(self.min_score) <= flt(self.base_score) <= flt(self.max_score):
			frappe.throw(_("The base score must lie between the lowest and the highest score."))

	def validate_grade_bands(self):
		if grade_bands(self).error():
			frappe.throw(_("The grade bands must descend: AAA above AA, AA above A and A above B."))

	def validate_validity(self):
		if cint(self.default_validity_months) < 1:
			frappe.throw(_("The default validity of a credit record must be at least one month."))

	def validate_key_triggers(self):
		if cint(self.upheld_complaints_threshold) < 0:
			frappe.throw(_("The upheld complaints threshold cannot be negative."))
		if cint(self.upheld_complaints_threshold) and cint(self.upheld_window_months) < 1:
			frappe.throw(_("Enter the window, in months, in which upheld complaints are counted."))
