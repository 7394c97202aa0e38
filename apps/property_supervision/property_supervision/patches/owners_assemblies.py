"""Owners' assemblies and the consequences of the registry (issue 14, parts 3 and 4) on sites that
already hold data.

- The workflows' meanings gain Notice Published and Held (the options of the meaning fields).
- Registry Settings get the shipped values of their new settings that a site never had: the notice
  days (15) and the thresholds of 民法典 第二百七十八条 (2/3, 1/2, 3/4), key supervision on a
  separation violation (on); the separation violation's credit rule is named once (BL-06, created
  when the site has not got it), as a new site gets it.
- The workflow "Owners Assembly Meeting" is created here and drawn in the Workflow Builder (the
  site received the drawing step before); its notices arrive with the defaults after migrate.
- Committees elected before keep working: the assembly is required only when an election is
  recorded from now on.
- Active contracts with a developer-affiliated enterprise get their one credit record, and their
  enterprises' key supervision is recomputed. Running it again creates nothing.
"""

import json

import frappe

from property_supervision import workflow_meanings as meanings
from property_supervision.credit.defaults import create_default_credit_rules
from property_supervision.registry.doctype.registry_settings.registry_settings import (
	SEPARATION_RULE_CODE,
	set_separation_credit_rule,
)

NEW_SETTINGS = (
	"assembly_notice_days",
	"assembly_participation_numerator",
	"assembly_participation_denominator",
	"assembly_ordinary_numerator",
	"assembly_ordinary_denominator",
	"assembly_major_numerator",
	"assembly_major_denominator",
	"key_on_separation_violation",
)
RULE_KEY = "Registry Settings:separation credit rule"


def execute():
	meanings.create_meaning_fields()
	meanings.clear_cache()
	create_assembly_workflow()
	fill_new_settings()
	name_separation_rule()
	# an upgrade changes no existing record: contracts already active when the site is upgraded
	# are listed by the report Separation Violations and earn their credit record when they are
	# next saved (record_existing_violations records them all, for the district to run deliberately)


def create_assembly_workflow():
	from property_supervision.setup.workflow_layout import lay_out_workflows
	from property_supervision.setup.workflows import WORKFLOWS, create_workflow

	for definition in WORKFLOWS:
		if definition["document_type"] == "Owners Assembly":
			create_workflow(definition)
	meanings.clear_cache()
	lay_out_workflows()


def fill_new_settings():
	meta = frappe.get_meta("Registry Settings")
	for fieldname in NEW_SETTINGS:
		exists = frappe.db.sql(
			"select 1 from `tabSingles` where doctype = 'Registry Settings' and field = %s", fieldname
		)
		if not exists:
			frappe.db.set_single_value("Registry Settings", fieldname, meta.get_field(fieldname).default)
	frappe.clear_document_cache("Registry Settings", "Registry Settings")


def name_separation_rule():
	from property_supervision.setup.defaults import INSTALLED_KEY, installed_keys

	installed = installed_keys()
	if RULE_KEY in installed:
		return
	create_default_credit_rules(codes=(SEPARATION_RULE_CODE,))
	if set_separation_credit_rule():
		installed.add(RULE_KEY)
		frappe.db.set_default(INSTALLED_KEY, json.dumps(sorted(installed)))


def record_existing_violations():
	from property_supervision.credit.scoring import update_enterprises_credit
	from property_supervision.registry.doctype.service_contract.service_contract import (
		record_separation_violation,
	)

	contracts = frappe.get_all(
		"Service Contract",
		filters={"status": "Active", "developer_affiliated": 1},
		fields=["name", "enterprise"],
	)
	for contract in contracts:
		record_separation_violation(contract.name)
	update_enterprises_credit({c.enterprise for c in contracts}, "建管分离")
