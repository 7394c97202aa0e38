"""Complaints received per month, kept as they are filed: the source of the workspace chart
"Complaints by Month" and of the year's resolution and overdue rate cards (SPEC §8, §9: each
card and chart ≤ 150 ms at 300,000 complaints).

Frappe's own time-series chart groups the complaint table by the raw `received_on` and buckets
the rows in Python: 3.5 s on every open at the reference volume, and the rate cards counted this
year's 150,000 complaints from an index on every open (up to 174 ms). Instead, the table
`__complaint_month_counts` holds one row per (month, jurisdiction, enterprise, compound, state,
was overdue) with the number of complaints received; the Complaint controller adds and takes
away as a complaint is filed, moved, taken through the workflow or deleted (in the same
transaction, so a rollback takes the count with it), the SLA job's overdue mark moves it too
(`moving`), a rename of a jurisdiction, enterprise, compound or workflow state follows
(hooks.py, workflow_meanings.follow_renames), and `rebuild()` recounts everything (the patches
that introduced and widened it, and benchmarks/generate.py after bulk loading). The raw state
is kept, never its meaning: the rates find resolved and rejected states by meaning when they
count, so an administrator's new meanings count at once.

The rows carry the three columns that scope complaints (permissions.py), so the chart counts
for every user exactly the complaints they may read: the source (dashboard_chart_source/
complaints_by_month) applies Complaint's own permission conditions — Frappe's User Permission
match conditions and the app's query hook — to these rows. When the conditions need anything
else (a Joint Meeting Member sees complaints by level; shared documents by name), it counts the
complaints themselves through frappe.get_list instead: slower, never wrong.
"""

import re
from contextlib import contextmanager

import frappe

TABLE = "__complaint_month_counts"
KEY_FIELDS = ("jurisdiction", "enterprise", "compound")
# what a row of the table can answer a permission condition about
SCOPE_COLUMNS = set(KEY_FIELDS)
# what the rates count by (complaints.figures.aggregates with a weight)
STATE_FIELDS = ("workflow_state", "was_overdue")
COLUMNS = ("month", *KEY_FIELDS, *STATE_FIELDS)


def table_exists() -> bool:
	return bool(frappe.db.sql(f"show tables like '{TABLE}'"))


def create_table():
	"""Idempotent: called from the Complaint controller's on_doctype_update (every migrate). DDL
	commits the transaction (frappe.db.sql_ddl), so it runs only when the table is missing."""
	if table_exists():
		return
	frappe.db.sql_ddl(
		f"""create table if not exists `{TABLE}` (
			`month` date not null,
			`jurisdiction` varchar(140) not null default '',
			`enterprise` varchar(140) not null default '',
			`compound` varchar(140) not null default '',
			`workflow_state` varchar(140) not null default '',
			`was_overdue` tinyint not null default 0,
			`complaints` int not null default 0,
			primary key (`month`, `jurisdiction`, `enterprise`, `compound`, `workflow_state`, `was_overdue`),
			key `jurisdiction_month` (`jurisdiction`, `month`)
		) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci"""
	)


def widen_table():
	"""The table as it was before it kept states (patch complaint_month_state_counts): made anew
	and recounted."""
	if table_exists() and not frappe.db.sql(f"show columns from `{TABLE}` like 'workflow_state'"):
		frappe.db.sql_ddl(f"drop table `{TABLE}`")
	rebuild()


def month_of(received_on) -> str | None:
	if not received_on:
		return None
	return frappe.utils.getdate(received_on).replace(day=1).isoformat()


def key_of(doc) -> tuple | None:
	month = month_of(doc.get("received_on"))
	if not month:
		return None
	return (
		month,
		*(doc.get(f) or "" for f in KEY_FIELDS),
		doc.get("workflow_state") or "",
		1 if frappe.utils.cint(doc.get("was_overdue")) else 0,
	)


_INSERT = f"insert into `{TABLE}` ({', '.join(COLUMNS)}, complaints)"
_ADD_UP = "on duplicate key update complaints = complaints + values(complaints)"


def add(key: tuple | None, change: int):
	if not key or not change:
		return
	frappe.db.sql(f"{_INSERT} values ({', '.join(['%s'] * (len(COLUMNS) + 1))}) {_ADD_UP}", (*key, change))


def _select_key(sign: str = "") -> str:
	"""The row key and count of complaints in `tabComplaint`, grouped (rebuild and moving)."""
	return f"""select date(received_on) - interval (dayofmonth(received_on) - 1) day,
		{", ".join(f"ifnull({f}, '')" for f in (*KEY_FIELDS, "workflow_state"))},
		if(was_overdue = 1, 1, 0), {sign}count(*)
		from `tabComplaint` where received_on is not null and docstatus < 2"""


@contextmanager
def moving(names: list[str]):
	"""Around a write that bypasses the controller (frappe.db.set_value of a state or the overdue
	mark): the complaints named leave their rows before it and join their new ones after."""
	names = list(names)
	if names:
		frappe.db.sql(
			f"{_INSERT} {_select_key('-')} and name in %(names)s group by 1, 2, 3, 4, 5, 6 {_ADD_UP}",
			{"names": names},
		)
	yield
	if names:
		frappe.db.sql(
			f"{_INSERT} {_select_key()} and name in %(names)s group by 1, 2, 3, 4, 5, 6 {_ADD_UP}",
			{"names": names},
		)


def on_insert(doc):
	add(key_of(doc), 1)


def on_update(doc, before):
	"""A saved complaint whose month, jurisdiction, enterprise, compound, state or overdue mark
	changed moves."""
	if before is None:
		return
	old, new = key_of(before), key_of(doc)
	if old != new:
		add(old, -1)
		add(new, 1)


def on_trash(doc):
	add(key_of(doc), -1)


def rebuild():
	"""Recount every month from the complaints (one grouped scan)."""
	create_table()
	frappe.db.sql(f"delete from `{TABLE}`")
	frappe.db.sql(f"{_INSERT} {_select_key()} group by 1, 2, 3, 4, 5, 6")


def follow_rename(doc, method=None, old=None, new=None, merge=False):
	"""after_rename of Jurisdiction, Property Enterprise and Residential Compound: the rows
	follow the new name (a merge adds up the two records' rows)."""
	column = {
		"Jurisdiction": "jurisdiction",
		"Property Enterprise": "enterprise",
		"Residential Compound": "compound",
	}.get(doc.doctype)
	if column:
		move(column, old, new)


def move(column: str, old: str | None, new: str | None):
	"""Every row whose `column` (a key field or the workflow state) is `old` becomes `new`, added to
	the rows already there (a renamed record or state; a merge)."""
	if column not in COLUMNS or not old or not new or old == new:
		return
	frappe.db.sql(
		f"""{_INSERT} select {", ".join("%(new)s" if c == column else f"source.{c}" for c in COLUMNS)},
			source.complaints
		from `{TABLE}` source where source.`{column}` = %(old)s
		on duplicate key update complaints = `{TABLE}`.complaints + values(complaints)""",
		{"old": old, "new": new},
	)
	frappe.db.sql(f"delete from `{TABLE}` where `{column}` = %(old)s", {"old": old})


# --- counting for a user ------------------------------------------------------------------------

COLUMN = re.compile(r"`tabComplaint`\.`?(\w+)`?")


def permission_conditions() -> str | None:
	"""Complaint's read conditions for the session user, as SQL on `tabComplaint` columns (empty:
	every complaint), or None when the table's rows cannot answer them."""
	from frappe.model.db_query import DatabaseQuery

	query = DatabaseQuery("Complaint")
	query.tables = ["`tabComplaint`"]
	conditions = query.build_match_conditions()
	if query.conditions or query.shared:
		return None  # shared documents: by name
	if not set(COLUMN.findall(conditions)) <= SCOPE_COLUMNS:
		return None
	return conditions


def _check_read():
	if not frappe.has_permission("Complaint", "read"):
		frappe.throw(
			frappe._("No permission to read {0}").format(frappe._("Complaint")), frappe.PermissionError
		)


def _where(from_month: str, to_month: str, conditions: list[list], permission: str) -> tuple[str, dict]:
	"""The rows of the months from `from_month` to `to_month` matching `conditions` ([field,
	operator, value] on the key fields, as table_conditions gives them) and the user's
	`permission` conditions."""
	where = ["`tabComplaint`.month between %(from)s and %(to)s"]
	values = {"from": from_month, "to": to_month}
	for i, (field, operator, value) in enumerate(conditions):
		if operator == "descendants of (inclusive)":
			values[f"v{i}"] = subtree(value)
			where.append(f"`tabComplaint`.{field} in %(v{i})s")
		else:
			values[f"v{i}"] = value
			where.append(f"`tabComplaint`.{field} = %(v{i})s")
	if permission:
		where.append(f"({permission})")
	return " and ".join(where), values


def table_conditions(conditions: list) -> list[list] | None:
	"""Complaint filters (utils.number_cards.normalize_filters) as conditions the rows can answer:
	equality on a key field, or a jurisdiction with its subtree; None when any other condition is
	among them (then the complaints themselves are counted)."""
	answerable = []
	for condition in conditions:
		if len(condition) >= 4:
			if condition[0] != "Complaint":
				return None
			condition = condition[1:4]
		if len(condition) != 3:
			return None
		field, operator, value = condition
		if field not in KEY_FIELDS or not isinstance(value, str) or not value:
			return None
		if operator == "descendants of (inclusive)" and field == "jurisdiction":
			answerable.append([field, operator, value])
		elif operator in ("=", "equals"):
			answerable.append([field, "=", value])
		else:
			return None
	return answerable


def counts_by_month(from_month: str, to_month: str, filters: dict | None = None) -> dict[str, int]:
	"""{month: complaints received} from `from_month` to `to_month` (first days of months, both
	included) that the session user may read, within the chart's filters (jurisdiction with the
	subtree below it, enterprise, compound)."""
	_check_read()
	filters = {k: v for k, v in (filters or {}).items() if v and k in KEY_FIELDS}
	permission = permission_conditions()
	if permission is None:
		return _counts_from_complaints(from_month, to_month, filters)
	where, values = _where(
		from_month,
		to_month,
		[[k, "descendants of (inclusive)" if k == "jurisdiction" else "=", v] for k, v in filters.items()],
		permission,
	)
	rows = frappe.db.sql(
		f"""select `tabComplaint`.month, sum(`tabComplaint`.complaints)
		from `{TABLE}` `tabComplaint` where {where}
		group by `tabComplaint`.month""",
		values,
	)
	return {str(month): int(total or 0) for month, total in rows}


# the counts of complaints.figures a row of the table can answer
RATE_COUNTS = ("received", "rejected", "resolved", "overdue")


def totals(from_month: str, to_month: str, conditions: list) -> frappe._dict | None:
	"""The RATE_COUNTS of the complaints received from `from_month` to `to_month` (first days of
	months, both included) that the session user may read and that match `conditions` (Complaint
	filters, as a number card's); None when the rows cannot answer them (counted from the
	complaints instead, by complaints.figures)."""
	from property_supervision.complaints import figures

	_check_read()
	permission = permission_conditions()
	conditions = table_conditions(conditions)
	if permission is None or conditions is None:
		return None
	where, values = _where(from_month, to_month, conditions, permission)
	fields = figures.aggregates(RATE_COUNTS, weight="`tabComplaint`.complaints")
	row = frappe.db.sql(
		f"select {', '.join(fields)} from `{TABLE}` `tabComplaint` where {where}", values, as_dict=True
	)[0]
	return frappe._dict({key: int(row.get(key) or 0) for key in RATE_COUNTS})


def _counts_from_complaints(from_month: str, to_month: str, filters: dict) -> dict[str, int]:
	conditions = [
		["received_on", ">=", from_month],
		["received_on", "<", frappe.utils.add_months(frappe.utils.getdate(to_month), 1).isoformat()],
	]
	for field, value in filters.items():
		operator = "descendants of (inclusive)" if field == "jurisdiction" else "="
		conditions.append([field, operator, value])
	rows = frappe.get_list(
		"Complaint",
		filters=conditions,
		fields=["extract(year_month from received_on) as month", "count(*) as total"],
		group_by="extract(year_month from received_on)",
		order_by="extract(year_month from received_on)",
	)
	return {f"{row.month // 100:04d}-{row.month % 100:02d}-01": int(row.total) for row in rows}


def subtree(jurisdiction: str) -> list[str]:
	lft, rgt = frappe.db.get_value("Jurisdiction", jurisdiction, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return [jurisdiction]
	return frappe.get_all("Jurisdiction", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name") or [
		jurisdiction
	]
