# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Customize Form lists an app DocType's fields by the labels the form shows (issue 11), and saving
it changes only what the administrator changed (customize_form.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.tests.factories import (
	use_chinese,
)

DOCTYPE = "Complaint"


def label_setters() -> list[dict]:
	return frappe.get_all(
		"Property Setter",
		filters={"doc_type": DOCTYPE, "property": "label"},
		fields=["field_name", "value"],
	)


def customize(doctype: str = DOCTYPE):
	form = frappe.get_doc("Customize Form")
	form.doc_type = doctype
	form.fetch_to_customize()
	return form


class TestCustomizeForm(FrappeTestCase):
	def setUp(self):
		use_chinese()
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.db.rollback()
		# adding a column commits: what a test made is removed by hand
		for name in frappe.get_all(
			"Custom Field",
			{"dt": DOCTYPE, "fieldname": ("in", ["custom_building_no", "custom_楼层"])},
			pluck="name",
		):
			frappe.delete_doc("Custom Field", name, force=True)
		frappe.db.delete("Property Setter", {"doc_type": DOCTYPE, "value": "诉求详细情况"})
		frappe.db.commit()
		frappe.clear_cache(doctype=DOCTYPE)

	def test_fields_are_listed_by_their_translated_labels(self):
		form = customize()
		labels = {row.fieldname: row.label for row in form.fields}
		meta = frappe.get_meta(DOCTYPE)
		for fieldname in ("description", "compound", "complainant_phone", "workflow_state"):
			with self.subTest(fieldname=fieldname):
				stored = meta.get_label(fieldname)
				self.assertEqual(labels[fieldname], frappe._(stored, context=DOCTYPE))
				self.assertNotEqual(labels[fieldname], stored, "shown in English")
				self.assertRegex(labels[fieldname], r"[\u4e00-\u9fff]")

	def test_saving_unchanged_creates_no_label_setter(self):
		before = label_setters()
		form = customize()
		form.save_customization()
		self.assertEqual(label_setters(), before)
		# the stored labels stay the English source strings the translations are keyed by
		self.assertEqual(frappe.get_meta(DOCTYPE).get_label("description"), "Description")

	def test_a_changed_label_is_saved_as_typed(self):
		form = customize()
		row = next(r for r in form.fields if r.fieldname == "description")
		row.label = "诉求详细情况"
		form.save_customization()
		self.assertIn({"field_name": "description", "value": "诉求详细情况"}, label_setters())
		frappe.clear_cache(doctype=DOCTYPE)
		self.assertEqual(frappe.get_meta(DOCTYPE).get_label("description"), "诉求详细情况")
		# shown as saved when opened again; the other labels still untouched
		labels = {r.fieldname: r.label for r in customize().fields}
		self.assertEqual(labels["description"], "诉求详细情况")
		self.assertEqual([s for s in label_setters() if s["field_name"] != "description"], [])

	def add_field(self, label: str) -> str:
		form = customize()
		form.append("fields", {"fieldtype": "Data", "label": label, "is_custom_field": 1})
		form.save_customization()
		return frappe.db.get_value("Custom Field", {"dt": DOCTYPE, "label": label}, "fieldname")

	def test_a_readable_fieldname_for_a_field_with_a_chinese_label(self):
		"""What the README says: a Chinese label names the column after it (custom_楼栋号); an
		English label first gives custom_building_no, which stays when the label becomes 楼栋号."""
		self.assertEqual(self.add_field("楼层"), "custom_楼层")
		fieldname = self.add_field("Building No")
		self.assertEqual(fieldname, "custom_building_no")
		form = customize()
		row = next(r for r in form.fields if r.fieldname == fieldname)
		row.label = "楼栋号"
		form.save_customization()
		self.assertEqual(
			frappe.db.get_value("Custom Field", {"dt": DOCTYPE, "fieldname": fieldname}, "label"), "楼栋号"
		)
		frappe.clear_cache(doctype=DOCTYPE)
		self.assertEqual(frappe.get_meta(DOCTYPE).get_label(fieldname), "楼栋号")

	def test_english_desk_shows_the_stored_labels(self):
		frappe.local.lang = "en"
		labels = {row.fieldname: row.label for row in customize().fields}
		self.assertEqual(labels["description"], frappe.get_meta(DOCTYPE).get_label("description"))
