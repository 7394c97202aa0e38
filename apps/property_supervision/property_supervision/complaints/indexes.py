"""Composite indexes of `tabComplaint` for the query shapes of SPEC §9 at 300,000 complaints.

The single-column indexes come from `search_index` in complaint.json (jurisdiction, enterprise,
compound, workflow_state, deadline, is_overdue, received_on, resolved_on). These add what the
hot queries need; `benchmarks/measure.py` measures them (see benchmarks/README.md):

- list by area: `jurisdiction IN (<the area's subtree>) ORDER BY received_on|modified DESC
  LIMIT 20`. MariaDB walks (received_on, jurisdiction) backwards, checks the jurisdiction
  inside the index and stops after 20 matches. An index led by jurisdiction would instead sort
  every complaint of the area on each page.
- the daily SLA job: open complaints only (`workflow_state IN (open states)` and a deadline
  range), one index range per open state on (workflow_state, deadline).
- `Complaint Statistics`: one GROUP BY over all complaints (or a received_on range, or the
  subtree an officer may see). Each grouping column leads an index that also holds every column
  the report counts, so MariaDB reads one compact index in group order: no table rows, and no
  temporary table (grouping Chinese names through a temporary table was 20 times slower).
  Month is grouped from any of them; enterprise and category carry the jurisdiction too, so an
  area officer's statistics stay inside one index.

Called from the Complaint controller's `on_doctype_update()` (run by `bench migrate` whenever
the DocType is synced) and by the benchmark script; an index that exists is left alone.
"""

import frappe

# every column complaints/figures.py counts (received, rejected and resolved by state, overdue by
# was_overdue, handling days, satisfaction)
COUNTED = (
	"received_on",
	"workflow_state",
	"was_overdue",
	"resolved_on",
	"handling_working_days",
	"satisfaction",
)

COMPLAINT_INDEXES: dict[str, tuple[str, ...]] = {
	"received_on_jurisdiction_index": ("received_on", "jurisdiction"),
	"modified_jurisdiction_index": ("modified", "jurisdiction"),
	"workflow_state_deadline_index": ("workflow_state", "deadline"),
	"jurisdiction_figures_index": ("jurisdiction", *COUNTED),
	"enterprise_figures_index": ("enterprise", "jurisdiction", *COUNTED),
	"category_figures_index": ("category", "jurisdiction", *COUNTED),
	# the workspace's number cards (complaints/dashboard.py), for the district and for an area:
	# this year's resolution and overdue rates, open and overdue complaints, resolved this month
	"received_on_rates_index": ("received_on", "workflow_state", "was_overdue", "jurisdiction"),
	"workflow_state_overdue_index": ("workflow_state", "is_overdue", "jurisdiction"),
	"resolved_on_jurisdiction_index": ("resolved_on", "jurisdiction"),
	# the supervision map (api/map.py): open complaints counted by compound, for the district and
	# for an area, from the index alone
	"workflow_state_map_index": ("workflow_state", "jurisdiction", "compound"),
	# the report Complaint Follow-up (投诉回访名单): resolved complaints still awaiting a rating,
	# oldest resolution first — a handful among 300,000, found without reading the resolved ones
	"follow_up_index": ("awaiting_rating", "workflow_state", "resolved_on"),
	# the desk list's sidebar counts complaints by creator and by category (group by owner |
	# category): the district's walk the whole index led by the grouped column, an area's read
	# only its subtree's range of the index led by jurisdiction
	"owner_jurisdiction_index": ("owner", "jurisdiction"),
	"jurisdiction_owner_index": ("jurisdiction", "owner"),
	"jurisdiction_category_index": ("jurisdiction", "category"),
}

# indexes an earlier version added: gone from sites that still have them (the statistics ones
# stopped covering the figures when these came to count by state and was_overdue)
RETIRED_INDEXES = (
	"statistics_index",
	"jurisdiction_statistics_index",
	"enterprise_statistics_index",
	"category_statistics_index",
)


def add_complaint_indexes():
	table = "tabComplaint"
	for index_name in RETIRED_INDEXES:
		if frappe.db.has_index(table, index_name):
			frappe.db.sql_ddl(f"alter table `{table}` drop index `{index_name}`")
	for index_name, columns in COMPLAINT_INDEXES.items():
		frappe.db.add_index("Complaint", list(columns), index_name=index_name)
