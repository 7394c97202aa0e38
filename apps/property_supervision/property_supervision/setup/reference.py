"""Reference data from the district's 2015 plan, kept in the bench's fixtures/reference folder.

Loading is idempotent: records are matched by name and only missing ones are created, so a
second load creates nothing and never overwrites what an administrator has edited since.
"""

import json
from pathlib import Path

import frappe

# Jurisdictions first: units link to them.
REFERENCE_FILES = (("Jurisdiction", "jurisdiction.json"), ("Supervision Unit", "supervision_unit.json"))


def reference_data_path() -> Path:
	"""<bench>/fixtures/reference: the app lives in <bench>/apps/property_supervision."""
	return Path(frappe.get_app_path("property_supervision")).resolve().parents[2] / "fixtures" / "reference"


def read_reference_file(filename: str) -> list[dict]:
	path = reference_data_path() / filename
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def load_reference_data() -> dict[str, int]:
	"""Create the reference records that are missing. Returns how many of each were created."""
	created = {}
	for doctype, filename in REFERENCE_FILES:
		created[doctype] = 0
		for record in read_reference_file(filename):
			name = record.get("jurisdiction_name") or record.get("unit_name")
			if frappe.db.exists(doctype, name):
				continue
			frappe.get_doc({"doctype": doctype, **record}).insert(ignore_permissions=True)
			created[doctype] += 1
	frappe.db.commit()
	return created
