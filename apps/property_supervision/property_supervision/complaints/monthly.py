"""Complaints received per month, kept as they are filed: the source of the workspace chart
"Complaints by Month" (SPEC §8, §9: each chart ≤ 150 ms at 300,000 complaints).

Frappe's own time-series chart groups the complaint table by the raw `received_on` and buckets
the rows in Python: 3.5 s on every open at the reference volume. Instead, the table
`__complaint_month_counts` holds one row per (month, jurisdiction, enterprise, compound) with the
number of complaints received; the Complaint controller adds and takes away as a complaint is
filed, moved or deleted (in the same transaction, so a rollback takes the count with it), a
rename of a jurisdiction, enterprise or compound follows (hooks.py), and `rebuild()` recounts
everything (the patch that introduced it, and benchmarks/generate.py after bulk loading).

The rows carry the three columns that scope complaints (permissions.py), so the chart counts
for every user exactly the complaints they may read: the source (dashboard_chart_source/
complaints_by_month) applies Complaint's own permission conditions — Frappe's User Permission
match conditions and the app's query hook — to these rows. When the conditions need anything
else (a Joint Meeting Member sees complaints by level; shared documents by name), it counts the
complaints themselves through frappe.get_list instead: slower, never wrong.
"""

import re

import frappe

TABLE = "__complaint_month_counts"
KEY_FIELDS = ("jurisdiction", "enterprise", "compound")
# what a row of the table can answer a permission condition about
SCOPE_COLUMNS = set(KEY_FIELDS)


def create_table():
	"""Idempotent: called from the Complaint controller's on_doctype_update (every migrate)."""
	frappe.db.sql_ddl(
		f"""create table if not exists `{TABLE}` (
			`month` date not null,
			`jurisdiction` varchar(140) not null default '',
			`enterprise` varchar(140) not null default '',
			`compound` varchar(140) not null default '',
			`complaints` int not null default 0,
			primary key (`month`, `jurisdiction`, `enterprise`, `compound`),
			key `jurisdiction_month` (`jurisdiction`, `month`)
		) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci"""
	)


def month_of(received_on) -> str | None:
	if not received_on:
		return None
	return frappe.utils.getdate(received_on).replace(day=1).isoformat()


def key_of(doc) -> tuple | None:
	month = month_of(doc.get("received_on"))
	if not month:
		return None
	return (month, *(doc.get(f) or "" for f in KEY_FIELDS))


def add(key: tuple | None, change: int):
	if not key or not change:
		return
	frappe.db.sql(
		f"""insert into `{TABLE}` (month, jurisdiction, enterprise, compound, complaints)
		values (%s, %s, %s, %s, %s) on duplicate key update complaints = complaints + values(complaints)""",
		(*key, change),
	)


def on_insert(doc):
	add(key_of(doc), 1)


def on_update(doc, before):
	"""A saved complaint whose month, jurisdiction, enterprise or compound changed moves."""
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
	frappe.db.sql(
		f"""insert into `{TABLE}` (month, jurisdiction, enterprise, compound, complaints)
		select date(received_on) - interval (dayofmonth(received_on) - 1) day, ifnull(jurisdiction, ''),
			ifnull(enterprise, ''), ifnull(compound, ''), count(*)
		from `tabComplaint` where received_on is not null and docstatus < 2
		group by 1, 2, 3, 4"""
	)


def follow_rename(doc, method=None, old=None, new=None, merge=False):
	"""after_rename of Jurisdiction, Property Enterprise and Residential Compound: the rows
	follow the new name (a merge adds up the two records' rows)."""
	column = {
		"Jurisdiction": "jurisdiction",
		"Property Enterprise": "enterprise",
		"Residential Compound": "compound",
	}.get(doc.doctype)
	if not column or not old or not new or old == new:
		return
	frappe.db.sql(
		f"""insert into `{TABLE}` (month, jurisdiction, enterprise, compound, complaints)
		select source.month,
			{"%(new)s" if column == "jurisdiction" else "source.jurisdiction"},
			{"%(new)s" if column == "enterprise" else "source.enterprise"},
			{"%(new)s" if column == "compound" else "source.compound"},
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


def counts_by_month(from_month: str, to_month: str, filters: dict | None = None) -> dict[str, int]:
	"""{month: complaints received} from `from_month` to `to_month` (first days of months, both
	included) that the session user may read, within the chart's filters (jurisdiction with the
	subtree below it, enterprise, compound)."""
	if not frappe.has_permission("Complaint", "read"):
		frappe.throw(
			frappe._("No permission to read {0}").format(frappe._("Complaint")), frappe.PermissionError
		)
	filters = {k: v for k, v in (filters or {}).items() if v and k in KEY_FIELDS}
	conditions = permission_conditions()
	if conditions is None:
		return _counts_from_complaints(from_month, to_month, filters)
	where = ["`tabComplaint`.month between %(from)s and %(to)s"]
	values = {"from": from_month, "to": to_month}
	for field, value in filters.items():
		if field == "jurisdiction":
			values["subtree"] = subtree(value)
			where.append("`tabComplaint`.jurisdiction in %(subtree)s")
		else:
			values[field] = value
			where.append(f"`tabComplaint`.{field} = %({field})s")
	if conditions:
		where.append(f"({conditions})")
	rows = frappe.db.sql(
		f"""select `tabComplaint`.month, sum(`tabComplaint`.complaints)
		from `{TABLE}` `tabComplaint` where {" and ".join(where)}
		group by `tabComplaint`.month""",
		values,
	)
	return {str(month): int(total or 0) for month, total in rows}


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
