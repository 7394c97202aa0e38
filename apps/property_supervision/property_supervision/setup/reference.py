"""Reference data from the district's 2015 plan (水政办〔2015〕72号): the jurisdiction tree and the
member units of the leading group. It travels inside the app package (setup/reference_data/), so
the app installs into any bench or container image and every site gets it on install.

Loading is idempotent: records are matched by name and only missing ones are created, so a
second load creates nothing and never overwrites what an administrator has edited since.

The demo data sets are not part of the app: they stay with the repository, in the bench's
top-level fixtures/demo folder, and only the demo site loads them.
"""

import json
from pathlib import Path

import frappe
from frappe.utils import get_bench_path

# Jurisdictions first: units link to them.
REFERENCE_FILES = (("Jurisdiction", "jurisdiction.json"), ("Supervision Unit", "supervision_unit.json"))


def reference_data_path() -> Path:
	"""The app's own reference data folder."""
	return Path(__file__).resolve().parent / "reference_data"


def demo_data_path() -> Path:
	"""<bench>/fixtures/demo: the demo data sets of this repository's bench."""
	path = Path(get_bench_path()).resolve() / "fixtures" / "demo"
	if not path.is_dir():
		frappe.throw(
			f"The demo data sets are not in this bench ({path} is missing). Demo data comes with the "
			"property_supervision repository's bench; production sites do not need it."
		)
	return path


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
