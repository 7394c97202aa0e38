from property_supervision.roles import ALL_ROLES

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
fixtures = [{"dt": "Role", "filters": [["name", "in", list(ALL_ROLES)]]}]

# Installation
# ------------

after_install = "property_supervision.setup.install.after_install"
before_tests = "property_supervision.setup.install.before_tests"

# Document events
# ---------------

doc_events = {}

# Permissions
# -----------

permission_query_conditions = {}
has_permission = {}

# Scheduled tasks
# ---------------

scheduler_events = {}
