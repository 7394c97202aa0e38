"""Desk labels as an official reads them: dashboard charts and translated Link values.

The framework's Dashboard Chart returns raw values as labels: a Group By chart on a Select field
gives `Professional Enterprise`, a monthly time series `Jan 2026`, and the chart widget shows them
untranslated. `translate_chart_data` turns them into the desk's Chinese (the Select option's
translation in its DocType's context, a Link's title, `2026年1月`). It is meant to wrap the result of
`frappe.desk.doctype.dashboard_chart.dashboard_chart.get` where the app overrides that method.
"""

import re

import frappe
from frappe import _

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_LABEL = re.compile(r"^(" + "|".join(MONTHS) + r") (\d{4})$")
QUARTER_LABEL = re.compile(r"^Quarter ([1-4]) (\d{4})$")
NOT_SET = (None, "", "Not Specified", "None")


def period_label(label):
	"""`Jan 2026` → 2026年1月, `Quarter 2 2026` → 2026年第2季度; anything else unchanged."""
	text = str(label or "")
	if match := MONTH_LABEL.match(text):
		return _("Month {0} of {1}").format(MONTHS.index(match.group(1)) + 1, match.group(2))
	if match := QUARTER_LABEL.match(text):
		return _("Quarter {0} of {1}").format(match.group(1), match.group(2))
	return label


def group_label(doctype: str | None, fieldname: str | None, value):
	"""A grouped value as the desk shows it: Select options translated, Links by their title."""
	df = frappe.get_meta(doctype).get_field(fieldname) if doctype and fieldname else None
	if value in NOT_SET and not (df and df.fieldtype == "Select" and value in (df.options or "").split("\n")):
		return _("Not Set")
	if not df:
		return _(str(value))
	if df.fieldtype == "Select":
		return _(str(value), context=doctype)
	if df.fieldtype == "Link" and df.options:
		meta = frappe.get_meta(df.options)
		if meta.show_title_field_in_link and meta.title_field:
			return frappe.db.get_value(df.options, value, meta.title_field) or value
		return _(str(value))
	if df.fieldtype == "Check":
		return _("Yes") if str(value) == "1" else _("No")
	return value


def translate_chart_data(chart, data: dict) -> dict:
	"""The chart's data with readable labels. `chart` is a Dashboard Chart name, document or dict."""
	if not data or not data.get("labels"):
		return data
	if isinstance(chart, str):
		chart = frappe.get_cached_doc("Dashboard Chart", chart)
	chart = frappe._dict(chart.as_dict() if hasattr(chart, "as_dict") else chart)
	if chart.chart_type == "Group By":
		data["labels"] = [
			group_label(chart.document_type, chart.group_by_based_on, label) for label in data["labels"]
		]
	else:
		data["labels"] = [period_label(label) for label in data["labels"]]
	return data


# DocTypes whose record names are English words with Chinese translations: Link fields to them (the
# form's 状态, a complaint's category) show the translation, as Frappe does for translated DocTypes
TRANSLATED_DOCTYPES = ("Workflow State", "Workflow Action Master", "Complaint Category")


def translate_link_values() -> bool:
	"""Customize Form's "Translate Link Fields" for TRANSLATED_DOCTYPES, set once: administrators may
	switch it off again."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	for doctype in TRANSLATED_DOCTYPES:
		if not frappe.db.exists("DocType", doctype):
			return False
		if not frappe.db.exists(
			"Property Setter",
			{"doc_type": doctype, "property": "translated_doctype", "doctype_or_field": "DocType"},
		):
			make_property_setter(
				doctype,
				None,
				"translated_doctype",
				1,
				"Check",
				for_doctype=True,
				validate_fields_for_doctype=False,
			)
	frappe.clear_cache()
	return True
