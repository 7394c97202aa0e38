# imported under private names: every public name in this module is read as a hook
from property_supervision.permissions import CONTROLLED_DOCTYPES as _CONTROLLED_DOCTYPES
from property_supervision.roles import ALL_ROLES as _ALL_ROLES

app_name = "property_supervision"
app_title = "物业服务监管"
app_publisher = "Property Supervision Developers"
app_description = "Residential property service supervision for a district government"
app_email = "dev@example.invalid"
app_license = "mit"
app_logo_url = "/assets/property_supervision/images/logo.svg"

export_python_type_annotations = True

add_to_apps_screen = [
	{
		"name": "property_supervision",
		"logo": "/assets/property_supervision/images/logo.svg",
		"title": "物业服务监管",
		"route": "/app/物业监管",
	}
]

# Records the app owns outright. What administrators may change (workflows, notifications,
# settings, rules, templates) is created once by setup.install instead, so that `bench
# migrate` never overwrites their edits.
fixtures = [{"dt": "Role", "filters": [["name", "in", list(_ALL_ROLES)]]}]

# Installation
# ------------

after_install = "property_supervision.setup.install.after_install"
after_migrate = "property_supervision.setup.defaults.install_defaults"
before_tests = "property_supervision.setup.install.before_tests"

# Document events
# ---------------

doc_events = {
	# records a resolved, upheld complaint's credit facts at once (the daily sweep catches the rest)
	"Complaint": {
		"on_update": "property_supervision.credit.jobs.on_complaint_update",
		"before_print": "property_supervision.printing.mask_document",
	},
	# every print format (shipped, duplicated, builder-made, generic) prints masked numbers
	"Property Practitioner": {"before_print": "property_supervision.printing.mask_document"},
	"Owners Committee": {"before_print": "property_supervision.printing.mask_document"},
}

# Printing (see printing.py): labels from the DocType's meta in the shipped formats, and PDFs that
# keep heading and margins on Debian's wkhtmltopdf
jinja = {"methods": ["property_supervision.printing.ps_label", "property_supervision.printing.ps_option"]}
pdf_body_html = "property_supervision.printing.pdf_body_html"

# Data Import takes Select values in Chinese, as the desk shows them (see data_import.py)
override_doctype_class = {"Data Import": "property_supervision.data_import.PropertySupervisionDataImport"}

doctype_js = {
	"Property Enterprise": "public/js/property_enterprise_credit.js",
	# works around a framework bug: rows of an active workflow could not be deleted (see the file)
	"Workflow": "public/js/workflow_form.js",
}

# Permissions
# -----------

# every hook listed for a DocType applies (conditions are AND-ed, any has_permission may deny)
permission_query_conditions = {
	doctype: ["property_supervision.permissions.query_conditions"] for doctype in _CONTROLLED_DOCTYPES
}
has_permission = {
	doctype: ["property_supervision.permissions.has_permission"] for doctype in _CONTROLLED_DOCTYPES
}
# enterprise users and committee members see the training sessions they are invited to
_training = "property_supervision.training.doctype.training_session.training_session"
permission_query_conditions["Training Session"].append(f"{_training}.get_permission_query_conditions")
has_permission["Training Session"].append(f"{_training}.has_permission")

# Link search keeps row-level access for scoped DocTypes (see api/search.py)
override_whitelisted_methods = {
	"frappe.desk.search.search_link": "property_supervision.api.search.search_link",
	"frappe.desk.search.search_widget": "property_supervision.api.search.search_widget",
}

# Scheduled tasks
# ---------------

scheduler_events = {
	"daily": [
		"property_supervision.registry.doctype.service_contract.service_contract.mark_expired_contracts",
		"property_supervision.registry.doctype.owners_committee.owners_committee.announce_expiring_terms",
		"property_supervision.registry.doctype.takeover_plan.takeover_plan.flag_overdue_fallback_service",
		"property_supervision.registry.doctype.publicity_record.publicity_record.mark_overdue_publicity",
		"property_supervision.complaints.doctype.complaint.complaint.update_sla_status",
		"property_supervision.complaints.doctype.working_calendar_day.working_calendar_day.remind_missing_calendar",
		"property_supervision.credit.jobs.daily",
	],
	# the site's daily backup with retention (setup/backups.py), in the long queue
	"daily_long": ["property_supervision.setup.backups.daily_backup"],
}
