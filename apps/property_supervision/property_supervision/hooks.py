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
	# labels kept translated in Redis are read again (shared_cache.py)
	"Translation": {
		"on_update": "property_supervision.shared_cache.translations_changed",
		"on_trash": "property_supervision.shared_cache.translations_changed",
	},
	"*": {"validate": "property_supervision.data_protection.workflow_edit.enforce_allow_edit"},
	# the unit handling each jurisdiction's complaints is read again (shared_cache.py)
	**{
		_doctype: {
			event: ["property_supervision.shared_cache.units_changed"]
			for event in ("on_update", "on_trash", "after_rename")
		}
		for _doctype in ("Supervision Unit", "Jurisdiction")
	},
	# records a resolved, upheld complaint's credit facts at once (the daily sweep catches the rest)
	"Complaint": {
		"on_update": [
			"property_supervision.credit.jobs.on_complaint_update",
			# a complaint from the 12345 hotline reports its new state back (api/hotline.py)
			"property_supervision.api.hotline.on_complaint_update",
			# entering a state raises the notice event of its meaning (notices/__init__.py)
			"property_supervision.notices.on_state_change",
		],
		"before_print": "property_supervision.printing.mask_document",
	},
	# every print format (shipped, duplicated, builder-made, generic) prints masked numbers
	"Property Practitioner": {"before_print": "property_supervision.printing.mask_document"},
	"Owners Committee": {"before_print": "property_supervision.printing.mask_document"},
	"Hotline Work Order": {"before_print": "property_supervision.printing.mask_document"},
	# SMS Settings keep a gateway while an SMS notice is switched on (notices/notification.py)
	"SMS Settings": {"validate": "property_supervision.notices.notification.validate_sms_settings"},
	# a workflow keeps the meanings the automation needs (workflow_meanings.py)
	"Workflow": {
		"validate": "property_supervision.workflow_meanings.validate_workflow",
		# forgets the meanings read so far; renamed states take their documents with them
		"on_update": "property_supervision.workflow_meanings.on_workflow_update",
		"on_trash": "property_supervision.workflow_meanings.clear_cache",
	},
}

# every DocType with a workflow raises the notice event of a state's meaning (notices/__init__.py)
for _doctype in (
	"Credit Record",
	"Training Session",
	"Assessment",
	"Owners Committee",
	"Owners Assembly",
	"Property Enterprise",
):
	doc_events.setdefault(_doctype, {}).setdefault("on_update", []).append(
		"property_supervision.notices.on_state_change"
	)

# The residents' pages (residents/): one public page per compound, /compounds/<compound>
website_route_rules = [{"from_route": "/compounds/<compound>", "to_route": "compound"}]

# Printing (see printing.py): labels from the DocType's meta in the shipped formats, and PDFs that
# keep heading and margins on Debian's wkhtmltopdf
jinja = {"methods": ["property_supervision.printing.ps_label", "property_supervision.printing.ps_option"]}
pdf_body_html = "property_supervision.printing.pdf_body_html"

# Data Import takes Select values in Chinese, as the desk shows them (see data_import.py)
override_doctype_class = {
	"Data Import": "property_supervision.data_import.PropertySupervisionDataImport",
	# Customize Form lists the fields by their translated labels (see customize_form.py)
	"Customize Form": "property_supervision.customize_form.PropertySupervisionCustomizeForm",
	# notices: audiences, Email Template wording, delivery in RQ workers (notices/notification.py)
	"Notification": "property_supervision.notices.notification.PropertySupervisionNotification",
	# a state row looked up by workflow and state (Frappe's Workflow Action hook, on every save of
	# a document with a workflow) comes from the cached workflow (workflow_document_state.py)
	"Workflow Document State": (
		"property_supervision.workflow_document_state.PropertySupervisionWorkflowDocumentState"
	),
}

# a form's history shows values as the form does: translated states, options and checks
app_include_js = [
	"/assets/property_supervision/js/desk_history.js",
	# Link values to translated DocTypes (workflow states …) read Chinese for every user
	"/assets/property_supervision/js/desk_link_values.js",
	# forms and lists find workflow states by their meaning (workflow_meanings.py)
	"/assets/property_supervision/js/workflow_meanings.js",
]
# the meanings of the workflows' states, for the desk (frappe.boot.ps_workflow_meanings)
extend_bootinfo = "property_supervision.workflow_meanings.extend_bootinfo"
# Map Settings' tile source for the supervision map and every Geolocation field (api/map.py)
extend_bootinfo = [extend_bootinfo, "property_supervision.api.map.extend_bootinfo"]
app_include_js.append("/assets/property_supervision/js/map_defaults.js")

# values shared by every worker through Redis are forgotten with the rest of the cache
# (bench clear-cache, migrate): shared_cache.py
clear_cache = "property_supervision.shared_cache.clear_cache"

# the Print Format Builder names fields and sections as the form does (see the file)
page_js = {"print-format-builder": "public/js/print_format_builder.js"}

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

# Data protection (data_protection/__init__.py lists every guarded endpoint and why)
_dp = "property_supervision.data_protection"
permission_query_conditions["*"] = [f"{_dp}.queries.child_table_conditions"]
permission_query_conditions["File"] = [f"{_dp}.queries.file_conditions"]
permission_query_conditions["User"] = [f"{_dp}.queries.user_conditions"]
has_permission["User"] = [f"{_dp}.queries.has_user_permission"]

override_whitelisted_methods = {
	"frappe.client.get_list": f"{_dp}.endpoints.get_list",
	"frappe.client.get_count": f"{_dp}.endpoints.get_count",
	"frappe.client.get_value": f"{_dp}.endpoints.get_value",
	"frappe.client.get": f"{_dp}.endpoints.get",
	"frappe.client.get_doc_permissions": f"{_dp}.endpoints.get_doc_permissions",
	"frappe.client.validate_link": f"{_dp}.endpoints.validate_link",
	"frappe.desk.reportview.get": f"{_dp}.endpoints.reportview_get",
	"frappe.desk.reportview.get_list": f"{_dp}.endpoints.reportview_get_list",
	"frappe.desk.reportview.get_count": f"{_dp}.endpoints.reportview_get_count",
	"frappe.desk.reportview.export_query": f"{_dp}.endpoints.export_query",
	"frappe.desk.reportview.get_sidebar_stats": f"{_dp}.endpoints.get_sidebar_stats",
	"frappe.desk.reportview.get_stats": f"{_dp}.endpoints.get_stats",
	"frappe.desk.reportview.get_filter_dashboard_data": f"{_dp}.endpoints.get_filter_dashboard_data",
	"frappe.desk.listview.get_group_by_count": f"{_dp}.endpoints.get_group_by_count",
	"frappe.desk.search.search_link": f"{_dp}.endpoints.search_link",
	"frappe.desk.search.search_widget": f"{_dp}.endpoints.search_widget",
	"frappe.desk.search.get_link_title": f"{_dp}.endpoints.get_link_title",
	"frappe.desk.like.toggle_like": f"{_dp}.endpoints.toggle_like",
	"frappe.desk.form.document_follow.follow_document": f"{_dp}.endpoints.follow_document",
	"frappe.desk.form.utils.get_next": f"{_dp}.endpoints.get_next",
	"frappe.desk.calendar.get_events": f"{_dp}.endpoints.get_events",
	"frappe.desk.doctype.number_card.number_card.get_result": f"{_dp}.endpoints.number_card_get_result",
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference": (
		f"{_dp}.endpoints.number_card_get_percentage_difference"
	),
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": f"{_dp}.endpoints.dashboard_chart_get",
	"frappe.desk.query_report.export_query": f"{_dp}.endpoints.query_report_export_query",
	"frappe.core.doctype.user.user.reset_password": f"{_dp}.endpoints.reset_password",
}

before_request = [f"{_dp}.requests.before_request"]
after_request = [f"{_dp}.requests.after_request"]

# Scheduled tasks
# ---------------

scheduler_events = {
	"daily": [
		"property_supervision.registry.doctype.service_contract.service_contract.mark_expired_contracts",
		"property_supervision.registry.doctype.owners_committee.owners_committee.announce_expiring_terms",
		"property_supervision.registry.doctype.takeover_plan.takeover_plan.flag_overdue_fallback_service",
		"property_supervision.registry.doctype.publicity_record.publicity_record.mark_overdue_publicity",
		"property_supervision.complaints.doctype.working_calendar_day.working_calendar_day.remind_missing_calendar",
	],
	# 12345 hotline callbacks that no worker delivered or that failed (api/hotline.py)
	"hourly": ["property_supervision.api.hotline.deliver_queued"],
	# heavy sweeps in the long queue: complaint time limits and escalation, the credit sweeps and
	# record expiry (every daily sweep shares utils/sweep.py); the site's daily backup with
	# retention (setup/backups.py)
	"daily_long": [
		"property_supervision.complaints.doctype.complaint.complaint.update_sla_status",
		"property_supervision.credit.jobs.daily",
		"property_supervision.setup.backups.daily_backup",
	],
}

# Supervision inspections and rectification notices (supervision/): a state's meaning raises its
# notice; a refused notice makes its credit record at once; an enterprise with open notices keeps
# key supervision; the daily job marks overdue notices and schedules key-supervision inspections
for _doctype in ("Supervision Inspection", "Rectification Notice"):
	doc_events.setdefault(_doctype, {}).setdefault("on_update", []).append(
		"property_supervision.notices.on_state_change"
	)
doc_events["Rectification Notice"]["on_update"].append(
	"property_supervision.supervision.rectification.on_notice_update"
)
doc_events.setdefault("Property Enterprise", {})["validate"] = (
	"property_supervision.supervision.rectification.validate_key_supervision"
)
scheduler_events["daily"].append("property_supervision.supervision.rectification.daily")
# an enterprise sees an inspection of it only once it is completed (no notice of a planned visit)
_inspection = "property_supervision.supervision.doctype.supervision_inspection.supervision_inspection"
permission_query_conditions["Supervision Inspection"].append(f"{_inspection}.get_permission_query_conditions")
has_permission["Supervision Inspection"].append(f"{_inspection}.has_permission")

# facility and 四到户 work (registry/facilities.py, registry/four_to_household.py): a compound's
# four-to-household statuses show in its plans; the daily job flags overdue facility items
doc_events.setdefault("Residential Compound", {}).setdefault("on_update", []).append(
	"property_supervision.registry.four_to_household.on_compound_update"
)
scheduler_events["daily"].append("property_supervision.registry.facilities.mark_overdue_items")

# performance results and accountability (assessment/performance.py): a published (or withdrawn)
# assessment of an area, community or department makes (or removes) its unit's yearly result and
# ranks the year again; a decided accountability record shows on the unit's result; the settings
# re-apply the outcomes
_performance = "property_supervision.assessment.performance"
doc_events["Assessment"]["on_update"].append(f"{_performance}.on_assessment_update")
doc_events["Assessment"].setdefault("on_trash", []).append(f"{_performance}.on_assessment_trash")
doc_events["Accountability Record"] = {
	"on_update": [f"{_performance}.on_accountability_update", "property_supervision.notices.on_state_change"],
	"on_trash": f"{_performance}.on_accountability_update",
}
doc_events["Performance Settings"] = {"on_update": f"{_performance}.on_settings_update"}
# an overdue rectification notice opens an accountability record (public/js/accountability.js)
doctype_js["Rectification Notice"] = "public/js/rectification_notice_accountability.js"

# the monthly complaint totals of the workspace chart (complaints/monthly.py) follow a renamed
# jurisdiction, enterprise or compound
for _doctype in ("Jurisdiction", "Property Enterprise", "Residential Compound"):
	doc_events.setdefault(_doctype, {}).setdefault("after_rename", []).append(
		"property_supervision.complaints.monthly.follow_rename"
	)
