"""Which strings the residents' pages can show, so that each has its Uyghur (and Chinese)
translation: the test property_supervision/tests/test_resident_translations.py fails on every
one that lacks it, and `bench --site SITE execute
property_supervision.residents.translations.print_missing --kwargs '{"language": "ug"}'` lists them.

Collected as Frappe's own extraction does (frappe.translate.get_messages_from_file: babel over
the `_()` calls of Python, Jinja and JavaScript files):
- every file of the pages (www/complaint*, compound*, credit*), their templates, the residents/
  modules and the guest endpoints (complaints/api.py, complaints/rating.py, api/public.py,
  api/disclosure.py);
- of the Complaint controller, the checks a guest's submission runs (INTAKE_CHECKS), and the
  labels of the fields their messages name;
- the values the pages translate at run time: the shipped complaint workflow's states and
  actions, complaint categories, levels, satisfaction, the Select options of the public fields,
  the owners' committee state labels, the default credit rules, the default objection notice.
"""

import inspect
import os
import re
import textwrap

import frappe

PAGE_FILES = (
	"www/complaint.html",
	"www/complaint.py",
	"www/complaint.js",
	"www/complaint-status.html",
	"www/complaint_status.py",
	"www/compounds.html",
	"www/compounds.py",
	"www/compound.html",
	"www/compound.py",
	"www/credit.html",
	"www/credit.py",
	"templates/residents_base.html",
	"templates/includes/residents_language_switch.html",
	"residents/language.py",
	"residents/pages.py",
	"residents/compounds.py",
	"residents/credit.py",
	"api/disclosure.py",
	"api/public.py",
	"complaints/api.py",
	"complaints/rating.py",
)

# files that may not exist (yet)
OPTIONAL_FILES = ("api/public.py",)

# the Complaint controller's checks a guest's submission runs (complaint.py)
INTAKE_CHECKS = (
	"validate_protected_fields_on_insert",
	"throw_protected",
	"validate_text_length",
	"validate_phone",
	"validate_description",
	"validate_compound",
	"validate_category",
)

# Select fields whose options the public pages show translated
PUBLIC_SELECTS = {
	"Residential Compound": ("management_mode",),
	"Service Contract": ("contract_type", "tender_method"),
	"Publicity Record": ("publicity_type",),
	"Complaint": ("satisfaction", "current_level"),
}

# framework strings on the residents' pages (the navigation bar and footer)
FRAMEWORK_STRINGS = ("Login", "Language", "Home", "Built on {0}")

_CJK = re.compile("[\u4e00-\u9fff]")


def app_path(*parts) -> str:
	# not frappe.get_app_path(app, *parts): it turns the hyphen of complaint-status.html into "_"
	return os.path.join(frappe.get_app_path("property_supervision"), *parts)


def messages_of_file(relative: str) -> set[str]:
	from frappe.translate import get_messages_from_file

	path = app_path(relative)
	if not os.path.exists(path):
		if relative in OPTIONAL_FILES:
			return set()
		raise FileNotFoundError(path)  # a page file renamed: the list above must follow
	frappe.flags.scanned_files = set()  # Frappe scans each file once per request otherwise
	return {message for _path, message, _context, _line in get_messages_from_file(path)}


def messages_of_controller() -> set[str]:
	from frappe.translate import extract_messages_from_python_code

	from property_supervision.complaints.doctype.complaint.complaint import FREE_TEXT_LIMITS, Complaint

	found = set()
	for name in INTAKE_CHECKS:
		method = getattr(Complaint, name, None)
		if method is None:
			continue
		source = textwrap.dedent(inspect.getsource(method))
		found |= {message for _line, message, _context in extract_messages_from_python_code(source)}
	meta = frappe.get_meta("Complaint")
	for fieldname in FREE_TEXT_LIMITS:
		if meta.get_field(fieldname):
			found.add(meta.get_label(fieldname))
	return found


def dynamic_messages() -> set[str]:
	"""Values the pages pass through _() at run time."""
	from property_supervision.complaints.api import LEVEL_LABELS
	from property_supervision.credit.defaults import DEFAULT_CREDIT_RULES
	from property_supervision.residents.compounds import COMMITTEE_STATE_LABELS
	from property_supervision.residents.credit import DEFAULT_OBJECTION_NOTICE
	from property_supervision.setup.defaults import COMPLAINT_CATEGORIES
	from property_supervision.setup.workflows import WORKFLOWS

	found = {DEFAULT_OBJECTION_NOTICE, *COMMITTEE_STATE_LABELS.values(), *LEVEL_LABELS.values()}
	found |= set(COMPLAINT_CATEGORIES)
	found |= {rule["description"] for rule in DEFAULT_CREDIT_RULES}
	for workflow in WORKFLOWS:
		if workflow["document_type"] != "Complaint":
			continue
		found |= {row["state"] for row in workflow["states"]}
		found |= {row["action"] for row in workflow["transitions"]}
	try:
		from property_supervision.complaints import rating

		found |= set(getattr(rating, "RATING_ACTIONS", {}).values())
	except ImportError:
		pass
	for doctype, fieldnames in PUBLIC_SELECTS.items():
		meta = frappe.get_meta(doctype)
		for fieldname in fieldnames:
			field = meta.get_field(fieldname)
			if field and field.options:
				found |= {option for option in field.options.split("\n") if option}
	found |= set(FRAMEWORK_STRINGS)
	return found


def resident_strings() -> set[str]:
	strings = set()
	for relative in PAGE_FILES:
		strings |= messages_of_file(relative)
	strings |= messages_of_controller()
	strings |= dynamic_messages()
	return {s for s in strings if s and s.strip()}


def app_translations(language: str) -> dict[str, str]:
	"""The app's own translation file (translations/<language>.csv) only: a residents' string
	must be translated there, not merely somewhere in the framework."""
	from frappe.translate import get_translation_dict_from_file

	return get_translation_dict_from_file(
		app_path("translations", f"{language}.csv"), language, "property_supervision"
	)


def missing_translations(language: str = "ug") -> list[str]:
	translated = app_translations(language)
	if language != "ug":
		from frappe.translate import get_translations_from_apps

		translated = {**get_translations_from_apps(language), **translated}
	wanted = resident_strings()
	if language == "zh":
		wanted = {s for s in wanted if not _CJK.search(s)}  # data written in Chinese already
	return sorted(s for s in wanted if not (translated.get(s) or "").strip())


def print_missing(language: str = "ug"):
	import csv
	import sys

	writer = csv.writer(sys.stdout)
	for message in missing_translations(language):
		writer.writerow([message, ""])
