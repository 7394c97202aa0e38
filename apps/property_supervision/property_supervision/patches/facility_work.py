"""The facility and 四到户 work (SPEC §14) on existing sites: the notices' audience 牵头单位人员 (Lead
Unit Officers) among the recipient rows' options, Facility Settings with the lead units as the seed
names them, and the notice 设施整改项目已逾期 — each only if the site never received it (an
administrator's edits and deletions stay)."""

import json

import frappe

from property_supervision.notices.defaults import create_missing_notices, create_notice_fields
from property_supervision.setup.defaults import INSTALLED_KEY, installed_keys


def execute():
	frappe.reload_doc("registry", "doctype", "facility_lead_unit")
	frappe.reload_doc("registry", "doctype", "facility_settings")
	# the audience's option only widens the Select: existing rows keep theirs
	create_notice_fields()
	installed = installed_keys()
	if "Settings:Facility Settings" not in installed:
		from property_supervision.registry.facilities import create_facility_settings

		if create_facility_settings():
			installed.add("Settings:Facility Settings")
			frappe.db.set_default(INSTALLED_KEY, json.dumps(sorted(installed)))
	create_missing_notices()
