"""Composite indexes of `tabComplaint` for the query shapes of SPEC §9 at 300,000 complaints.

The single-column indexes come from `search_index` in complaint.json (jurisdiction, enterprise,
compound, workflow_state, deadline, is_overdue, received_on, resolved_on). These add what the
three hot queries need; `benchmarks/complaints.py` measures them:

- list by area — `jurisdiction IN (<the area's subtree>) ORDER BY received_on|modified DESC LIMIT 20`:
  MariaDB walks an index in sort order and stops after 20 matches; with `jurisdiction` inside
  the index the rows of other areas are skipped in the index (index condition pushdown) instead
  of being read from the table. An IN list on an index led by `jurisdiction` would instead
  sort every complaint of the area.
- the daily SLA job — open complaints only (`workflow_state IN (open states)`) by deadline:
  one range per open state on (workflow_state, deadline) instead of reading every complaint.
- `Complaint Statistics` — `received_on` range, GROUP BY community / enterprise / category /
  month: every column the report counts sits in one index, so the report reads the index
  (about a tenth of the table) and never the rows.

Called from the Complaint controller's `on_doctype_update()` (run by `bench migrate` whenever
the DocType is synced) and by the benchmark script; adding an index that exists does nothing.
"""

import frappe

COMPLAINT_INDEXES: dict[str, tuple[str, ...]] = {
	"received_on_jurisdiction_index": ("received_on", "jurisdiction"),
	"modified_jurisdiction_index": ("modified", "jurisdiction"),
	"workflow_state_deadline_index": ("workflow_state", "deadline"),
	"statistics_index": (
		"received_on",
		"jurisdiction",
		"enterprise",
		"category",
		"resolved_on",
		"is_overdue",
		"satisfaction",
	),
}


def add_complaint_indexes():
	for index_name, columns in COMPLAINT_INDEXES.items():
		frappe.db.add_index("Complaint", list(columns), index_name=index_name)
