"""Defaults that administrators own once they exist: workflows, settings, rules, templates,
notifications.

Fixtures re-import on every migrate and would overwrite an administrator's edits, so these are
created here instead: each default has a key; a site remembers the keys it has received, and
`install_defaults` (run after install and after every migrate) creates only what the site has
never received. Edits survive migrate and reinstallation, a deleted default stays deleted,
and defaults added by an app update arrive with the next migrate.
"""

import json

import frappe

from property_supervision.setup.workflows import WORKFLOWS, create_workflow
from property_supervision.setup.working_calendar import OFFICIAL_CALENDARS, create_official_calendar

INSTALLED_KEY = "property_supervision_installed_defaults"

# settings records: saved once with their shipped defaults
SETTINGS_DOCTYPES = ("Registry Settings", "Complaint Settings", "Credit Settings")

# complaint categories an office starts with (English names, Chinese in zh.csv)
COMPLAINT_CATEGORIES = (
	"Service Quality",
	"Fees and Charges",
	"Public Income",
	"Repairs and Maintenance",
	"Sanitation and Greening",
	"Security and Order",
	"Parking",
	"Renovation Management",
	"Owners Committee",
	"Other Matters",
)


def create_complaint_categories() -> bool:
	if not frappe.db.exists("DocType", "Complaint Category"):
		return False
	for name in COMPLAINT_CATEGORIES:
		if not frappe.db.exists("Complaint Category", name):
			frappe.get_doc({"doctype": "Complaint Category", "category_name": name}).insert(
				ignore_permissions=True
			)
	return True


def settings_saved(doctype: str) -> bool:
	return bool(frappe.db.sql("select 1 from `tabSingles` where doctype = %s limit 1", doctype))


def create_settings(doctype: str) -> bool:
	if not frappe.db.exists("DocType", doctype):
		return False
	if not settings_saved(doctype):
		frappe.get_doc(doctype).save(ignore_permissions=True)
	return True


def apply_strict_user_permissions() -> bool:
	"""Restricted users never see records whose restricting link is empty (see permissions.py)."""
	frappe.db.set_single_value("System Settings", "apply_strict_user_permissions", 1)
	return True


def _call_if_doctype(doctype: str, method: str) -> bool:
	return frappe.db.exists("DocType", doctype) and frappe.get_attr(method)()


def default_creators() -> dict:
	"""key -> function that creates the default and returns True once it exists."""
	creators = {"System Settings:apply_strict_user_permissions": apply_strict_user_permissions}
	for doctype in SETTINGS_DOCTYPES:
		creators[f"Settings:{doctype}"] = lambda d=doctype: create_settings(d)
	# the supervision map's tile source and colours (SPEC §14), saved once with their defaults
	creators["Settings:Map Settings"] = lambda: create_settings("Map Settings")
	creators["Complaint Categories"] = create_complaint_categories
	creators["Settings:Hotline Settings"] = lambda: _call_if_doctype(
		"Hotline Settings",
		"property_supervision.complaints.doctype.hotline_settings.hotline_settings.create_hotline_settings",
	)
	creators["Credit Rules"] = lambda: _call_if_doctype(
		"Credit Rule", "property_supervision.credit.defaults.create_default_credit_rules"
	)
	# after the rules: the rule a 建管分离 violation earns (Registry Settings)
	creators["Registry Settings:separation credit rule"] = lambda: frappe.get_attr(
		"property_supervision.registry.doctype.registry_settings.registry_settings.set_separation_credit_rule"
	)()
	creators["Assessment Templates"] = lambda: _call_if_doctype(
		"Assessment Template", "property_supervision.assessment.defaults.create_default_templates"
	)
	# the departments' assessment template and the performance settings (assessment/performance.py)
	creators["Assessment Template:department"] = lambda: frappe.get_attr(
		"property_supervision.assessment.defaults.create_department_template"
	)()
	creators["Settings:Performance Settings"] = lambda: frappe.get_attr(
		"property_supervision.assessment.doctype.performance_settings.performance_settings.create_performance_settings"
	)()
	creators["Letter Head"] = lambda: frappe.get_attr("property_supervision.printing.create_letter_head")()
	creators["Translated Link Values"] = lambda: frappe.get_attr(
		"property_supervision.desk_labels.translate_link_values"
	)()
	# the residents' pages: the Language record ug, the public credit disclosure's settings
	creators["Language:ug"] = lambda: frappe.get_attr(
		"property_supervision.residents.language.create_uyghur_language"
	)()
	creators["Credit Settings:public disclosure"] = lambda: frappe.get_attr(
		"property_supervision.residents.credit.create_public_disclosure_defaults"
	)()
	creators["Users:time_zone"] = lambda: frappe.get_attr(
		"property_supervision.setup.install.align_user_time_zones"
	)()
	# where the workflows' states and actions say what they mean to the automation
	creators["Custom Fields:workflow meanings"] = lambda: frappe.get_attr(
		"property_supervision.workflow_meanings.create_meaning_fields"
	)()
	for definition in WORKFLOWS:
		creators[f"Workflow:{definition['workflow_name']}"] = lambda d=definition: create_workflow(d)
	# after the workflows: their drawing in the Workflow Builder
	creators["Workflow Builder Layout"] = lambda: frappe.get_attr(
		"property_supervision.setup.workflow_layout.lay_out_workflows"
	)()
	# the notices: their custom fields, Email Templates and Notification records (notices/defaults.py)
	from property_supervision.notices.defaults import default_creators as notice_creators

	creators.update(notice_creators())
	# the official national and regional working calendars, one key per calendar and year
	for key in OFFICIAL_CALENDARS:
		creators[f"Working Calendar:{key}"] = lambda k=key: create_official_calendar(k)
	# the facility work's lead units as the seed names them (registry/facilities.py)
	creators["Settings:Facility Settings"] = lambda: frappe.get_attr(
		"property_supervision.registry.facilities.create_facility_settings"
	)()
	# the Supervision module: inspection templates, then its settings (they name BL-07 and a template)
	from property_supervision.supervision.defaults import default_creators as supervision_creators

	creators.update(supervision_creators())
	return creators


def installed_keys() -> set[str]:
	return set(json.loads(frappe.db.get_default(INSTALLED_KEY) or "[]"))


def install_defaults() -> list[str]:
	"""Create the defaults this site has never received. Returns the keys created now."""
	installed = installed_keys()
	created = []
	for key, create in default_creators().items():
		if key in installed:
			continue
		if create():
			installed.add(key)
			created.append(key)
	if created:
		frappe.db.set_default(INSTALLED_KEY, json.dumps(sorted(installed)))
	return created
