"""Printing that administrators own: labels from the DocType's (customizable) meta, the header
from a Letter Head, sensitive numbers masked in every print format, and PDFs that keep their
heading and margins on the wkhtmltopdf Debian ships.

Used by the shipped print formats (Jinja methods `ps_label`, `ps_option`), by formats made in
the Print Format Builder (the framework's `standard.html`), and by the generic format.
"""

import functools
import subprocess

import frappe
from frappe import _

from property_supervision.rules.identifiers import mask_id_number, mask_phone

# numbers that are printed masked even for those who read them in full (paper leaves the system);
# the other sensitive fields (data_protection.sensitive) print only for their full readers
MASKERS = {
	"phone": mask_phone,
	"complainant_phone": mask_phone,
	"caller_phone": mask_phone,
	"id_number": mask_id_number,
}


# --- Jinja methods ---------------------------------------------------------------------------


def ps_label(doctype_or_doc, fieldname: str) -> str:
	"""The field's label as the desk shows it: the DocType's label after Customize Form, translated
	in the DocType's context (as the form does: `__(df.label, null, df.parent)`)."""
	doctype = doctype_or_doc if isinstance(doctype_or_doc, str) else doctype_or_doc.doctype
	label = frappe.get_meta(doctype).get_label(fieldname)
	return _(label, context=doctype) if label else ""


def ps_option(value, doctype: str | None = None) -> str:
	"""A Select value as the desk shows it (translated)."""
	if value in (None, ""):
		return ""
	return _(str(value), context=doctype) if doctype else _(str(value))


# --- masking ---------------------------------------------------------------------------------


def _masked(row, fieldname: str, shown_instead: str) -> str:
	raw = row.get(fieldname)
	if "*" in str(raw):
		return raw
	if shown_instead and row.get(shown_instead):
		return row.get(shown_instead)
	return MASKERS[fieldname](str(raw))


def mask_document(doc, *args, **kwargs):
	"""`before_print` of the DocTypes with sensitive fields (data_protection.sensitive; hooks.py
	doc_events): no print format, shipped, duplicated, builder-made or generic, shows a full phone or
	ID number, and the other sensitive fields print only for the roles that read them in full.
	Changes only the document being printed."""
	from property_supervision.data_protection.sensitive import SENSITIVE_FIELDS

	roles = set(frappe.get_roles())
	by_doctype = {}
	for field in SENSITIVE_FIELDS:
		by_doctype.setdefault(field.doctype, []).append(field)
	for row in [doc, *doc.get_all_children()]:
		for field in by_doctype.get(row.doctype, ()):
			if not row.get(field.fieldname):
				continue
			if field.fieldname in MASKERS:
				row.set(field.fieldname, _masked(row, field.fieldname, field.shown_instead))
			elif not field.full_roles & roles:
				row.set(field.fieldname, None)


# --- PDF -------------------------------------------------------------------------------------


@functools.cache
def wkhtmltopdf_has_patched_qt() -> bool:
	"""Debian's wkhtmltopdf is built without the patched Qt: it ignores `--header-html` (and with
	it the page margins), so a repeated header would drop the heading from the PDF."""
	try:
		out = subprocess.run(["wkhtmltopdf", "--version"], capture_output=True, text=True, timeout=10)
	except (OSError, subprocess.SubprocessError):
		return False
	return "patched qt" in (out.stdout + out.stderr).lower()


def pdf_body_html(template, args, **kwargs):
	"""The `pdf_body_html` hook: the framework's renderer, except that without a patched Qt the
	heading and letter head stay in the page body (printed once, with the margins) instead of a
	repeated header wkhtmltopdf cannot draw."""
	from frappe.utils.pdf import pdf_body_html as framework_pdf_body_html

	print_settings = args.get("print_settings")
	if print_settings and print_settings.get("repeat_header_footer") and not wkhtmltopdf_has_patched_qt():
		args["print_settings"] = frappe._dict(print_settings, repeat_header_footer=0)
	return framework_pdf_body_html(template=template, args=args, **kwargs)


# --- defaults (created once, then the administrators') ---------------------------------------

# the Letter Head is a record named in Chinese, as the print formats are (SPEC §7); its texts are
# Jinja, translated when a document is printed
LETTER_HEAD = "物业监管信笺"

LETTER_HEAD_CONTENT = """<div style="display: table; width: 100%; border-bottom: 2px solid #b00; padding-bottom: 4px; margin-bottom: 8px;">
	<div style="display: table-cell; width: 48px; vertical-align: middle;">
		<img src="/assets/property_supervision/images/logo.svg" style="height: 40px;">
	</div>
	<div style="display: table-cell; vertical-align: middle; text-align: center; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 15pt; font-weight: bold; letter-spacing: 2px;">{unit}</div>
	<div style="display: table-cell; width: 48px;"></div>
</div>"""

LETTER_HEAD_FOOTER = """<div style="text-align: right; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 9pt; padding-top: 6px;">{{{{ _("Issuing Unit (Seal)") }}}}　　　　　　{{{{ _("Date:    Year    Month    Day") }}}}</div>"""


def supervising_unit_name() -> str:
	"""The district's supervision office as a Letter Head names it (reference data)."""
	unit = frappe.db.get_value(
		"Supervision Unit", {"is_supervision_office": 1}, ["unit_name", "jurisdiction"], as_dict=True
	)
	if not unit:
		return _("Property Service Supervision Office")
	name, district = unit.unit_name, unit.jurisdiction or ""
	if name.startswith(district):
		return name
	if district.endswith("区") and name.startswith("区"):
		name = name[1:]  # 水磨沟区 + 区建设局… = 水磨沟区建设局…
	return f"{district}{name}"


def create_letter_head() -> bool:
	"""The district's Letter Head, default for every print: logo and unit name above, the seal line
	below. Administrators edit it (Letter Head in the desk); created once, a deleted one stays
	deleted (see setup.defaults)."""
	if not frappe.db.exists("DocType", "Letter Head"):
		return False
	if not frappe.db.exists("Letter Head", LETTER_HEAD):
		frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": LETTER_HEAD,
				"source": "HTML",
				"footer_source": "HTML",
				"content": LETTER_HEAD_CONTENT.format(unit=frappe.utils.escape_html(supervising_unit_name())),
				"footer": LETTER_HEAD_FOOTER.format(),
				"is_default": 0 if frappe.db.exists("Letter Head", {"is_default": 1}) else 1,
			}
		).insert(ignore_permissions=True)
	return True
