"""Customize Form that lists fields by the labels the form shows (issue 11).

The DocTypes' labels are English source strings with translations (translations/zh.csv), as the
framework's are; the form translates them, but Customize Form's form builder and field table show
the stored English ("Description", "Compound"). Here the fields are loaded with their labels
translated in the DocType's context (as the form does: `__(df.label, null, df.parent)`), and on
save a label that still equals its translation is put back to the stored source string, so that
opening and saving changes nothing: only a label the administrator really changed becomes a
Property Setter (or a custom field's label), in the words they typed. Everything else is Frappe's.

Wired through `override_doctype_class` for Customize Form (hooks.py).
"""

import frappe
from frappe import _
from frappe.custom.doctype.customize_form.customize_form import CustomizeForm


def _translating() -> bool:
	return (frappe.local.lang or "en") != "en"


class PropertySupervisionCustomizeForm(CustomizeForm):
	def load_properties(self, meta):
		super().load_properties(meta)
		if not _translating():
			return
		for row in self.get("fields"):
			if row.label:
				row.label = _(row.label, context=self.doc_type)

	def save_customization(self):
		self.restore_source_labels()
		return super().save_customization()

	def restore_source_labels(self):
		"""A label shown translated and left as it was is the field's stored label again."""
		if not self.doc_type or not _translating():
			return
		meta = frappe.get_meta(self.doc_type)
		for row in self.get("fields"):
			stored = meta.get_field(row.fieldname) if row.fieldname else None
			if stored and stored.label and row.label != stored.label:
				if row.label == _(stored.label, context=self.doc_type):
					row.label = stored.label
