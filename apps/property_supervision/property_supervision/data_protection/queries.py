"""What a query may ask, and which child rows it may reach.

`guard_query` is called by every guarded endpoint (endpoints.py, requests.py) before the
framework runs the query. It refuses, with a Chinese message:
- a filter, `or_filters`, sort, grouping, search field or aggregate on a field the user may not
  read (a higher permission level, or a sensitive field outside its roles — sensitive.py): such a
  condition is an oracle that rebuilds a hidden value one character at a time;
- from users without System Manager: raw SQL in filters, and any `order_by` / `group_by` that is
  not a list of `fieldname [asc|desc]` (Frappe's sanitiser lets a sub-select such as
  `(select sleep(1))` through).

`child_table_conditions` is a `permission_query_conditions` hook for every DocType ("*"). Frappe
checks a child table query only against the parent DocType's role permissions, never against the
parent *rows* the user may read; the hook limits child rows to parents the same user can list.
`file_conditions` does the same for File rows attached to the app's records.
"""

import json
import re

import frappe
from frappe import _
from frappe.model import child_table_fields, default_fields, get_permitted_fields, optional_fields

from property_supervision.data_protection.sensitive import may_read_in_full

PRIVILEGED_ROLES = frozenset({"System Manager"})

# `fieldname`, `tabDocType`.`fieldname`, optionally followed by asc / desc
_SORT_ITEM = re.compile(
	r"^\s*(?:`?tab(?P<table>[^`.]+)`?\.)?`?(?P<field>[A-Za-z_][A-Za-z0-9_]*)`?(?:\s+(?P<dir>asc|desc))?\s*$",
	re.IGNORECASE,
)
_QUALIFIED = re.compile(r"^`?tab(?P<table>[^`.]+)`?\.`?(?P<field>[A-Za-z_][A-Za-z0-9_]*)`?$")
_ALWAYS_READABLE = frozenset(default_fields) | frozenset(optional_fields) | frozenset(child_table_fields)


class QueryRefusedError(frappe.PermissionError):
	"""A query names a field the user may not read, or has a shape restricted users may not send."""


def is_privileged(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(PRIVILEGED_ROLES & set(frappe.get_roles(user)))


def refuse(message: str):
	frappe.throw(message, QueryRefusedError, title=_("Not permitted"))


# --- fields -------------------------------------------------------------------------------------


def field_label(doctype: str, fieldname: str) -> str:
	df = frappe.get_meta(doctype).get_field(fieldname)
	return _(df.label) if df and df.label else fieldname


def check_field(doctype: str, fieldname: str, *, parent_doctype: str | None = None, user: str | None = None):
	"""Refuse a condition on a field the user may not read."""
	user = user or frappe.session.user
	if user == "Administrator" or fieldname in _ALWAYS_READABLE:
		return
	if "." in fieldname and not fieldname.startswith("`"):
		# a linked document's field (`link_field.fieldname`): readable there, through a readable link
		link_fieldname, target_field = fieldname.split(".", 1)
		check_field(doctype, link_fieldname, parent_doctype=parent_doctype, user=user)
		df = frappe.get_meta(doctype).get_field(link_fieldname)
		if not df or df.fieldtype != "Link" or not df.options:
			refuse(_("{0} cannot be used to filter, sort or group {1}.").format(fieldname, _(doctype)))
		if not frappe.has_permission(df.options, "read", user=user):
			refuse(_("You may not filter, sort or group by fields of {0}.").format(_(df.options)))
		return check_field(df.options, target_field, user=user)

	meta = frappe.get_meta(doctype)
	if not meta.get_field(fieldname):
		refuse(_("{0} is not a field of {1}.").format(fieldname, _(doctype)))
	if meta.istable and not parent_doctype:
		parent_doctype = meta.get_field(fieldname) and _parent_of(doctype)
	permitted = get_permitted_fields(doctype, parenttype=parent_doctype, user=user)
	if fieldname not in permitted or not may_read_in_full(doctype, fieldname, frappe.get_roles(user)):
		refuse(
			_("You may not filter, sort or group {0} by {1}: you cannot read that field.").format(
				_(doctype), field_label(doctype, fieldname)
			)
		)


def _parent_of(child_doctype: str) -> str | None:
	parents = parent_doctypes(child_doctype)
	return parents[0] if parents else None


def _resolve(doctype: str, reference: str) -> tuple[str, str]:
	"""(doctype, fieldname) of `fieldname` or `tabX`.`fieldname`."""
	match = _QUALIFIED.match(reference.strip())
	if match:
		return match.group("table"), match.group("field")
	return doctype, reference.strip().strip("`")


# --- filters ------------------------------------------------------------------------------------


def _parse(value):
	if isinstance(value, str):
		text = value.strip()
		if not text:
			return None
		try:
			return json.loads(text)
		except ValueError:
			return value
	return value


def filter_fields(doctype: str, filters, *, user: str) -> list[tuple[str, str]]:
	"""The (doctype, fieldname) pairs a filter expression refers to."""
	filters = _parse(filters)
	if not filters:
		return []
	if isinstance(filters, str):
		return []  # a document name (frappe.client.get_value / get accept one)
	pairs = []
	if isinstance(filters, dict):
		for key in filters:
			pairs.append(_resolve(doctype, str(key)))
		return pairs
	if not isinstance(filters, list | tuple):
		refuse(_("The filters of this request cannot be read."))
	for condition in filters:
		if isinstance(condition, str):
			if not is_privileged(user):
				refuse(_("Filters must name a field, an operator and a value."))
			continue
		if isinstance(condition, dict):
			pairs.extend(filter_fields(doctype, condition, user=user))
			continue
		if not isinstance(condition, list | tuple) or len(condition) < 2:
			refuse(_("Filters must name a field, an operator and a value."))
		if len(condition) >= 4:
			pairs.append(_resolve(str(condition[0] or doctype), str(condition[1])))
		else:
			pairs.append(_resolve(doctype, str(condition[0])))
	return pairs


def sort_fields(doctype: str, clause: str | None, *, user: str) -> list[tuple[str, str]]:
	"""The (doctype, fieldname) pairs of an order_by / group_by clause."""
	if not clause or not isinstance(clause, str):
		return []
	pairs = []
	for item in clause.split(","):
		match = _SORT_ITEM.match(item)
		if not match:
			if is_privileged(user):
				continue
			refuse(
				_("Sorting and grouping accept only field names, each optionally followed by asc or desc.")
			)
		table = match.group("table") or doctype
		pairs.append((table, match.group("field")))
	return pairs


def guard_query(
	doctype: str,
	*,
	filters=None,
	or_filters=None,
	order_by: str | None = None,
	group_by: str | None = None,
	fields_used: list[str] | tuple = (),
	parent_doctype: str | None = None,
	user: str | None = None,
):
	"""Refuse the query unless every field its conditions, sorting and grouping name is readable."""
	user = user or frappe.session.user
	if user == "Administrator" or not doctype or not isinstance(doctype, str):
		return
	if not frappe.db.exists("DocType", doctype):
		return  # the framework answers an unknown DocType itself
	pairs = filter_fields(doctype, filters, user=user) + filter_fields(doctype, or_filters, user=user)
	pairs += sort_fields(doctype, order_by, user=user) + sort_fields(doctype, group_by, user=user)
	pairs += [_resolve(doctype, f) for f in fields_used if f]
	for table, fieldname in pairs:
		if table == doctype:
			check_field(doctype, fieldname, parent_doctype=parent_doctype, user=user)
		elif frappe.db.exists("DocType", table):
			# a child table of the queried DocType, or the parent of a queried child table
			parent = doctype if frappe.get_meta(table).istable else None
			check_field(table, fieldname, parent_doctype=parent, user=user)
		else:
			refuse(_("{0} is not a DocType.").format(table))


# --- child tables -------------------------------------------------------------------------------

_TABLE_FIELDTYPES = ("Table", "Table MultiSelect")


def parent_doctypes(child_doctype: str) -> list[str]:
	"""DocTypes that hold `child_doctype` as a table (standard and custom fields)."""

	def load():
		parents = frappe.get_all(
			"DocField",
			filters={
				"options": child_doctype,
				"fieldtype": ("in", _TABLE_FIELDTYPES),
				"parenttype": "DocType",
			},
			pluck="parent",
		)
		parents += frappe.get_all(
			"Custom Field",
			filters={"options": child_doctype, "fieldtype": ("in", _TABLE_FIELDTYPES)},
			pluck="dt",
		)
		return sorted(set(parents))

	return frappe.cache.hget("ps_child_parents", child_doctype, load)


def readable_names_sql(doctype: str, user: str) -> str | None:
	"""A sub-select of the names of `doctype` the user may read; None when they may read all,
	"" when they may read none."""
	if not frappe.has_permission(doctype, "read", user=user):
		return ""
	meta = frappe.get_meta(doctype)
	if meta.issingle or meta.istable:
		return None
	query = frappe.get_list(doctype, fields=["name"], user=user, order_by="", run=False)
	if " where " not in query.lower().replace("\n", " ").replace("\t", " "):
		return None
	return query


def child_table_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for every DocType: a child table's rows only of readable parents."""
	user = user or frappe.session.user
	if user == "Administrator" or not doctype or not frappe.is_table(doctype):
		return ""
	table = f"`tab{doctype}`"
	clauses = [
		clause
		for parent in parent_doctypes(doctype)
		if (clause := readable_reference(f"{table}.`parenttype`", f"{table}.`parent`", parent, user))
	]
	return "(" + " or ".join(clauses) + ")" if clauses else "1=0"


def readable_reference(type_column: str, name_column: str, doctype: str, user: str) -> str | None:
	"""The condition "the row refers to a `doctype` record the user may read" on a pair of
	(DocType, name) columns; None when the user may read no record of it."""
	names = readable_names_sql(doctype, user)
	if names == "":
		return None
	clause = f"{type_column} = {frappe.db.escape(doctype)}"
	if names is not None:
		clause += f" and {name_column} in ({names})"
	return f"({clause})"


def app_doctypes() -> tuple[str, ...]:
	"""The DocTypes of this app (every module listed in modules.txt)."""

	def load():
		modules = frappe.get_module_list("property_supervision")
		return sorted(
			frappe.get_all("DocType", filters={"module": ("in", modules), "istable": 0}, pluck="name")
		)

	return tuple(frappe.cache.get_value("ps_app_doctypes", load))


def file_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for File: a file attached to one of the app's records is listed
	only for users who may read that record (public or private alike: names and URLs tell)."""
	user = user or frappe.session.user
	if is_privileged(user):
		return ""
	clauses = [
		"ifnull(`tabFile`.`attached_to_doctype`, '') not in ({})".format(
			", ".join(frappe.db.escape(d) for d in app_doctypes()) or "''"
		)
	]
	for attached_to in app_doctypes():
		clause = readable_reference(
			"`tabFile`.`attached_to_doctype`", "`tabFile`.`attached_to_name`", attached_to, user
		)
		if clause:
			clauses.append(clause)
	return "(" + " or ".join(clauses) + ")"


# roles every desk user has: Frappe gives them `select` on User, which returns every column of
# User (last IP, phone, login times) because User is a core DocType without field-level rules
_EVERY_DESK_USER = frozenset({"Desk User", "All", "Guest"})


def sees_other_users(user: str) -> bool:
	"""True for a System Manager, or a user one of whose own roles an administrator has given
	access to User (not merely the `select` every desk user has)."""
	if is_privileged(user):
		return True
	roles = set(frappe.get_roles(user)) - _EVERY_DESK_USER
	if not roles:
		return False
	return bool(
		frappe.get_all(
			"Custom DocPerm" if frappe.db.exists("Custom DocPerm", {"parent": "User"}) else "DocPerm",
			filters={"parent": "User", "role": ("in", list(roles)), "permlevel": 0},
			or_filters={"read": 1, "select": 1},
			limit=1,
		)
	)


def user_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for User: a user lists only themself unless sees_other_users."""
	user = user or frappe.session.user
	if sees_other_users(user):
		return ""
	return f"`tabUser`.`name` = {frappe.db.escape(user)}"


def has_user_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission for User: the same rule for single records."""
	user = user or frappe.session.user
	if ptype == "select" or doc.name == user or sees_other_users(user):
		return None
	return False
