"""Checks after an upgrade (patches/upgrade.sh runs them after `bench migrate`): every migration
patch of the app ran, every DocType of the app exists with its table, the scheduled jobs are
registered, and the reference data and a named System Manager besides Administrator are there.

    bench --site SITE execute property_supervision.setup.upgrade_checks.run

Returns {"ok": bool, "problems": [...], "counts": {DocType: rows}}; the script fails on problems.
"""

import json
from pathlib import Path

import frappe
from frappe.modules.patch_handler import get_patches_from_app

from property_supervision.setup.office_admin import named_system_managers
from property_supervision.setup.reference import REFERENCE_FILES, read_reference_file

APP = "property_supervision"


def app_doctypes() -> list[str]:
	names = []
	for path in Path(frappe.get_app_path(APP)).glob("*/doctype/*/*.json"):
		if path.stem == path.parent.name:
			names.append(json.loads(path.read_text(encoding="utf-8"))["name"])
	return sorted(names)


def run() -> dict:
	problems = []

	executed = set(frappe.get_all("Patch Log", pluck="patch"))
	for patch in get_patches_from_app(APP):
		if patch not in executed:
			problems.append(f"patch not applied: {patch}")

	counts = {}
	for doctype in app_doctypes():
		if not frappe.db.exists("DocType", doctype):
			problems.append(f"DocType missing: {doctype}")
			continue
		if frappe.get_meta(doctype).issingle:
			continue
		if not frappe.db.table_exists(doctype):
			problems.append(f"table missing: tab{doctype}")
			continue
		counts[doctype] = frappe.db.count(doctype)

	for event, methods in (frappe.get_hooks("scheduler_events", app_name=APP) or {}).items():
		for method in methods if isinstance(methods, list) else []:
			if not frappe.db.exists("Scheduled Job Type", {"method": method}):
				problems.append(f"scheduled job not registered ({event}): {method}")

	for doctype, filename in REFERENCE_FILES:
		for record in read_reference_file(filename):
			name = record.get("jurisdiction_name") or record.get("unit_name")
			if not frappe.db.exists(doctype, name):
				problems.append(f"reference record missing: {doctype} {name}")

	if not named_system_managers():
		problems.append("no named System Manager besides Administrator (create_office_admin creates one)")

	return {"ok": not problems, "problems": problems, "counts": counts}
