"""Import templates an office fills to load its real registry through Frappe's Data Import:
property enterprises, residential compounds and the communities of the jurisdiction tree.

The templates in the repository's fixtures/import-templates folder are written from the DocTypes
by `write_import_templates` (run it again after a label changes):

    bench --site SITE execute property_supervision.setup.import_templates.write_import_templates

Each template has one header row in Chinese, the labels Frappe's own Data Import template shows a
Chinese user, so Data Import maps every column by itself. The .xlsx has a second sheet
「填写说明」 listing, per column, whether it is required, its type and the allowed values
(Select columns take the English value, which the desk shows in Chinese); Data Import reads
only the first sheet. The .csv is UTF-8 without a byte-order mark (Frappe reads the mark into
the first heading): offices working in Excel use the .xlsx.
"""

import csv
import io
from pathlib import Path

import frappe
from frappe import _
from frappe.utils import get_bench_path

# template file stem -> (DocType, fields in column order, fixed values the office must use)
IMPORT_TEMPLATES = {
	"property_enterprise": (
		"Property Enterprise",
		(
			"credit_code",
			"enterprise_name",
			"legal_representative",
			"contact_person",
			"contact_phone",
			"email",
			"established_on",
			"registered_address",
			"office_address",
			"qualification_level",
			"qualification_certificate_no",
			"business_scope",
		),
		{},
	),
	"residential_compound": (
		"Residential Compound",
		(
			"compound_name",
			"jurisdiction",
			"address",
			"developer_name",
			"is_old_compound",
			"building_count",
			"household_count",
			"floor_area",
			"completion_year",
			"water_to_household",
			"heating_to_household",
			"power_to_household",
			"gas_to_household",
		),
		{},
	),
	"jurisdiction_community": (
		"Jurisdiction",
		(
			"jurisdiction_name",
			"jurisdiction_type",
			"parent_jurisdiction",
			"region_code",
			"contact_phone",
			"address",
		),
		{"jurisdiction_type": "Community"},
	),
}

TYPE_HINTS = {
	"Data": "文本",
	"Small Text": "文本",
	"Int": "整数",
	"Float": "数字",
	"Date": "日期（YYYY-MM-DD）",
	"Check": "1 = 是，0 = 否",
	"Select": "选项",
}


def templates_path() -> Path:
	return Path(get_bench_path()).resolve() / "fixtures" / "import-templates"


def _fields(doctype: str, fieldnames: tuple[str, ...]) -> list:
	meta = frappe.get_meta(doctype)
	fields = []
	for fieldname in fieldnames:
		df = meta.get_field(fieldname)
		if not df:
			frappe.throw(f"{doctype} has no field {fieldname}: update IMPORT_TEMPLATES")
		fields.append(df)
	return fields


def template_header(name: str) -> list[str]:
	"""The header row of a template, as Frappe's Data Import names the columns for a Chinese user."""
	doctype, fieldnames, _fixed = IMPORT_TEMPLATES[name]
	with _in_chinese():
		return [_(df.label) for df in _fields(doctype, fieldnames)]


def template_notes(name: str) -> list[list[str]]:
	"""Rows of the 「填写说明」 sheet: heading, required, type, allowed values."""
	doctype, fieldnames, fixed = IMPORT_TEMPLATES[name]
	rows = [["列", "必填", "类型", "填写要求"]]
	with _in_chinese():
		for df in _fields(doctype, fieldnames):
			if df.fieldname in fixed:
				rule = f"固定填 {fixed[df.fieldname]}（{_(fixed[df.fieldname])}）"
			elif df.fieldtype == "Select":
				options = [o for o in (df.options or "").split("\n") if o]
				rule = "填英文值：" + "；".join(f"{o}（{_(o)}）" for o in options)
			elif df.fieldtype == "Link":
				rule = f"填已登记的{_(df.options)}名称" + (
					f"（{_(df.description)}）" if df.description else ""
				)
			else:
				rule = _(df.description) if df.description else ""
			required = "是" if df.reqd or df.fieldname in fixed else ""
			rows.append([_(df.label), required, TYPE_HINTS.get(df.fieldtype, "名称"), rule])
	return rows


def template_xlsx(name: str) -> bytes:
	from openpyxl import Workbook

	workbook = Workbook()
	sheet = workbook.active
	sheet.title = _sheet_title(name)
	sheet.append(template_header(name))
	for column in sheet.columns:
		sheet.column_dimensions[column[0].column_letter].width = 18
	notes = workbook.create_sheet("填写说明")
	for row in template_notes(name):
		notes.append(row)
	notes.column_dimensions["A"].width = 22
	notes.column_dimensions["D"].width = 80
	workbook.active = 0
	out = io.BytesIO()
	workbook.save(out)
	return out.getvalue()


def template_csv(name: str) -> str:
	out = io.StringIO()
	csv.writer(out, lineterminator="\n").writerow(template_header(name))
	return out.getvalue()


def write_import_templates(folder: str | None = None) -> list[str]:
	"""Write every template as .xlsx and .csv into `folder` (default: the bench's
	fixtures/import-templates). Returns the files written."""
	target = Path(folder) if folder else templates_path()
	target.mkdir(parents=True, exist_ok=True)
	written = []
	for name in IMPORT_TEMPLATES:
		(target / f"{name}.xlsx").write_bytes(template_xlsx(name))
		(target / f"{name}.csv").write_text(template_csv(name), encoding="utf-8")
		written += [f"{name}.xlsx", f"{name}.csv"]
	return written


def _sheet_title(name: str) -> str:
	with _in_chinese():
		return _(IMPORT_TEMPLATES[name][0])[:31]


class _in_chinese:
	"""Labels as a Chinese user sees them, whatever the language of the caller."""

	def __enter__(self):
		self.previous = getattr(frappe.local, "lang", None)
		frappe.local.lang = "zh"

	def __exit__(self, *args):
		frappe.local.lang = self.previous
