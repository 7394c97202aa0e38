"""The framework's generic endpoints, guarded (hooks.py `override_whitelisted_methods`).

Each function keeps the framework's signature and answer and adds what Frappe version-15 lacks;
the framework's own function does the work. See the package docstring for the reasons.
"""

import inspect

import frappe
import frappe.client
import frappe.desk.form.document_follow
import frappe.desk.like
import frappe.desk.listview
import frappe.desk.reportview
from frappe import _
from frappe.desk import search

from property_supervision.data_protection.queries import (
	QueryRefusedError,
	guard_query,
	is_privileged,
	refuse,
)
from property_supervision.permissions import CONTROLLED_DOCTYPES


def readable(doctype: str, name: str, ptype: str = "read") -> bool:
	"""True when the document exists and the user may read it (row-level scope included)."""
	if not name or not isinstance(name, str) or not frappe.db.exists("DocType", doctype):
		return False
	if frappe.get_meta(doctype).issingle:
		return frappe.has_permission(doctype, ptype)
	if not frappe.db.exists(doctype, name):
		return False
	return frappe.has_permission(doctype, ptype, doc=name)


def require_readable(doctype: str, name: str, ptype: str = "read"):
	"""Not found and not permitted give one answer: an outsider learns nothing about existence."""
	if not readable(doctype, name, ptype):
		frappe.throw(
			_("The record does not exist or you do not have permission to see it."),
			frappe.PermissionError,
		)


def require_doctype_read(doctype: str, parent: str | None = None):
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("{0} is not a DocType.").format(doctype), frappe.PermissionError)
	if frappe.is_table(doctype):
		if not parent or not frappe.has_permission(doctype, "read", parent_doctype=parent):
			frappe.throw(_("No permission for {0}").format(_(doctype)), frappe.PermissionError)
	elif not (frappe.has_permission(doctype, "read") or frappe.has_permission(doctype, "select")):
		frappe.throw(_("No permission for {0}").format(_(doctype)), frappe.PermissionError)


# --- frappe.client ------------------------------------------------------------------------------


@frappe.whitelist()
def get_list(
	doctype,
	fields=None,
	filters=None,
	group_by=None,
	order_by=None,
	limit_start=None,
	limit_page_length=20,
	parent=None,
	debug: bool = False,
	as_dict: bool = True,
	or_filters=None,
):
	guard_query(
		doctype,
		filters=filters,
		or_filters=or_filters,
		order_by=order_by,
		group_by=group_by,
		parent_doctype=parent,
	)
	return frappe.client.get_list(
		doctype,
		fields=fields,
		filters=filters,
		group_by=group_by,
		order_by=order_by,
		limit_start=limit_start,
		limit_page_length=limit_page_length,
		parent=parent,
		debug=debug,
		as_dict=as_dict,
		or_filters=or_filters,
	)


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""Frappe's get_count counts any DocType with any filter without a permission check."""
	if frappe.session.user == "Administrator":
		return frappe.client.get_count(doctype, filters, debug, cache)
	require_doctype_read(doctype)
	if frappe.is_table(doctype):
		frappe.throw(
			_("Rows of {0} are counted through their parent.").format(_(doctype)), frappe.PermissionError
		)
	guard_query(doctype, filters=filters)
	filters = frappe.client.get_safe_filters(filters)
	if isinstance(filters, str):
		filters = {"name": filters}
	rows = frappe.get_list(doctype, filters=filters, fields=["count(*) as total"], order_by="")
	return rows[0].total if rows else 0


@frappe.whitelist()
def get_value(doctype, fieldname, filters=None, as_dict=True, debug=False, parent=None):
	guard_query(doctype, filters=filters, parent_doctype=parent)
	return frappe.client.get_value(doctype, fieldname, filters, as_dict, debug, parent)


@frappe.whitelist()
def get(doctype, name=None, filters=None, parent=None):
	from property_supervision.data_protection.requests import guard_child_row

	guard_query(doctype, filters=filters, parent_doctype=parent)
	if name and frappe.session.user != "Administrator":
		if frappe.is_table(doctype):
			guard_child_row(doctype, name)
		elif not is_privileged():
			require_readable(doctype, name)
	return frappe.client.get(doctype, name, filters, parent)


@frappe.whitelist()
def get_doc_permissions(doctype, docname):
	if not is_privileged():
		require_readable(doctype, docname)
	return frappe.client.get_doc_permissions(doctype, docname)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""Frappe confirms that any record of a readable DocType exists; here only records in scope."""
	values = frappe.client.validate_link(doctype, docname, fields)
	if values.get("name") and not is_privileged() and not frappe.get_meta(doctype).issingle:
		in_scope = frappe.get_list(
			doctype, filters={"name": values.name}, fields=["name"], limit=1, order_by=""
		)
		if not in_scope:
			return frappe._dict(name=None)  # what Frappe answers for a record that does not exist
	return values


@frappe.whitelist()
def get_link_title(doctype, docname):
	"""Frappe returns the title of any record, readable or not (and None for one that does not
	exist); here a record the user may not read — or that does not exist — shows as its name."""
	if frappe.session.user == "Administrator" or is_privileged():
		return search.get_link_title(doctype, docname)
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return docname
	meta = frappe.get_meta(doctype)
	if (
		meta.issingle
		or meta.istable
		or not (readable(doctype, docname) or readable(doctype, docname, "select"))
	):
		return docname
	return search.get_link_title(doctype, docname) or docname


# --- frappe.desk.reportview / listview ----------------------------------------------------------


def _guard_form_params():
	form = frappe.form_dict
	guard_query(
		form.get("doctype"),
		filters=form.get("filters"),
		or_filters=form.get("or_filters"),
		order_by=form.get("order_by"),
		group_by=form.get("group_by"),
		fields_used=[form.get("aggregate_on_field")] if form.get("aggregate_on_field") else (),
		parent_doctype=form.get("parent_doctype"),
	)
	aggregate_doctype = form.get("aggregate_on_doctype")
	if aggregate_doctype and aggregate_doctype != form.get("doctype") and form.get("aggregate_on_field"):
		guard_query(
			aggregate_doctype,
			fields_used=[form.get("aggregate_on_field")],
			parent_doctype=form.get("doctype"),
		)


@frappe.whitelist()
@frappe.read_only()
def reportview_get():
	_guard_form_params()
	return frappe.desk.reportview.get()


@frappe.whitelist()
@frappe.read_only()
def reportview_get_list():
	_guard_form_params()
	return frappe.desk.reportview.get_list()


@frappe.whitelist()
@frappe.read_only()
def reportview_get_count() -> int:
	_guard_form_params()
	return frappe.desk.reportview.get_count()


@frappe.whitelist()
@frappe.read_only()
def export_query():
	from property_supervision.exports import polish_export_response

	_guard_form_params()
	frappe.desk.reportview.export_query()
	polish_export_response()


@frappe.whitelist()
@frappe.read_only()
def get_sidebar_stats(stats, doctype, filters=None):
	guard_query(doctype, filters=filters, fields_used=_stat_fields(stats))
	return frappe.desk.reportview.get_sidebar_stats(stats, doctype, filters)


@frappe.whitelist()
@frappe.read_only()
def get_stats(stats, doctype, filters=None):
	guard_query(doctype, filters=filters, fields_used=_stat_fields(stats))
	return frappe.desk.reportview.get_stats(stats, doctype, filters)


@frappe.whitelist()
def get_filter_dashboard_data(stats, doctype, filters=None):
	guard_query(doctype, filters=filters, fields_used=[s.get("name") for s in frappe.parse_json(stats) or []])
	return frappe.desk.reportview.get_filter_dashboard_data(stats, doctype, filters)


def _stat_fields(stats) -> list[str]:
	stats = frappe.parse_json(stats) or []
	return [s for s in stats if isinstance(s, str)]


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""Frappe's group-by count of assignments reads no permission and filters on any field."""
	require_doctype_read(doctype)
	guard_query(doctype, filters=current_filters, fields_used=[] if field == "assigned_to" else [field])
	if field != "assigned_to":
		return frappe.desk.listview.get_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=["name"], order_by="", run=False
	)
	return frappe.db.sql(
		f"""select `tabToDo`.`allocated_to` as name, count(*) as count
		from `tabToDo` join `tabUser` on `tabUser`.`name` = `tabToDo`.`allocated_to`
		where `tabToDo`.`status` != 'Cancelled' and `tabUser`.`user_type` = 'System User'
			and `tabToDo`.`reference_type` = %(doctype)s and `tabToDo`.`reference_name` in ({names})
		group by `tabToDo`.`allocated_to` order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)


# --- link search ----------------------------------------------------------------------------------


def _ignore_user_permissions(doctype: str, requested) -> bool:
	"""Frappe's link search skips every permission check of a DocType (User Permissions and the
	permission query hooks alike) when the client asks it to; never for the scoped DocTypes."""
	return False if doctype in CONTROLLED_DOCTYPES else bool(frappe.utils.cint(requested))


def _guard_search(doctype, searchfield, filters):
	guard_query(doctype, filters=filters, fields_used=[searchfield] if searchfield else ())


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	_guard_search(doctype, searchfield, filters)
	return search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_ignore_user_permissions(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	_guard_search(doctype, searchfield, filters)
	return search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_ignore_user_permissions(doctype, ignore_user_permissions),
	)


# --- likes, follows, navigation, calendar ---------------------------------------------------------


@frappe.whitelist()
def toggle_like(doctype, name, add=False):
	require_readable(doctype, name)
	return frappe.desk.like.toggle_like(doctype, name, add)


@frappe.whitelist()
def follow_document(doctype, doc_name, user):
	"""A follow mails the document's changes later: only to a reader, and only for oneself."""
	if user != frappe.session.user and not is_privileged():
		frappe.throw(_("You can only follow documents yourself."), frappe.PermissionError)
	require_readable(doctype, doc_name)
	return frappe.desk.form.document_follow.follow_document(doctype, doc_name, user)


@frappe.whitelist()
def get_next(doctype, value, prev, filters=None, sort_order="desc", sort_field="modified"):
	"""Frappe reads the sort value of any record, readable or not."""
	import frappe.desk.form.utils

	require_readable(doctype, value)
	if str(sort_order).lower() not in ("asc", "desc"):
		refuse(_("Sorting and grouping accept only field names, each optionally followed by asc or desc."))
	guard_query(doctype, filters=filters, order_by=sort_field)
	return frappe.desk.form.utils.get_next(doctype, value, prev, filters, sort_order, sort_field)


@frappe.whitelist()
def get_events(doctype, start, end, field_map, filters=None, fields=None):
	import frappe.desk.calendar

	field_map_values = [v for v in (frappe.parse_json(field_map) or {}).values() if isinstance(v, str)]
	for value in field_map_values:
		if not value.replace("_", "").isalnum():
			refuse(
				_("Sorting and grouping accept only field names, each optionally followed by asc or desc.")
			)
	guard_query(doctype, filters=filters, fields_used=field_map_values)
	return frappe.desk.calendar.get_events(doctype, start, end, field_map, filters, fields)


# --- number cards and dashboard charts ------------------------------------------------------------


def _guard_card_source(document_type, filters, aggregate_field=None, parent=None, extra_fields=()):
	if not document_type:
		return
	if aggregate_field and not str(aggregate_field).replace("_", "").isalnum():
		refuse(_("A card or chart can only sum, average or compare a field, by its name."))
	used = [f for f in (aggregate_field, *extra_fields) if f]
	guard_query(document_type, filters=filters, fields_used=used, parent_doctype=parent)


@frappe.whitelist()
def number_card_get_result(doc, filters, to_date=None):
	from frappe.desk.doctype.number_card import number_card

	card = frappe.parse_json(doc)
	if isinstance(card, dict) and card.get("document_type"):
		_guard_card_source(
			card.get("document_type"),
			filters,
			card.get("aggregate_function_based_on") if card.get("function") != "Count" else None,
			card.get("parent_document_type"),
		)
	return number_card.get_result(doc, filters, to_date)


@frappe.whitelist()
def number_card_get_percentage_difference(doc, filters, result):
	from frappe.desk.doctype.number_card import number_card

	card = frappe.parse_json(doc)
	if isinstance(card, dict) and card.get("name"):
		stored = frappe.get_doc("Number Card", card.get("name"))
		stored.check_permission("read")
		_guard_card_source(stored.document_type, filters, stored.aggregate_function_based_on)
	return number_card.get_percentage_difference(doc, filters, result)


@frappe.whitelist()
def query_report_export_query():
	"""Script and Query Report exports: Frappe's own, opened cleanly by Excel on Chinese Windows."""
	from frappe.desk import query_report

	from property_supervision.exports import polish_export_response

	query_report.export_query()
	polish_export_response()


@frappe.whitelist()
def dashboard_chart_get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	from frappe.desk.doctype.dashboard_chart import dashboard_chart

	if chart_name:
		source = frappe.get_doc("Dashboard Chart", chart_name)
		source.check_permission("read")
	else:
		source = frappe._dict(frappe.parse_json(chart) or {})
	if source.get("chart_type") != "Report" and source.get("document_type"):
		_guard_card_source(
			source.get("document_type"),
			filters or source.get("filters_json"),
			source.get("aggregate_function_based_on") or source.get("value_based_on"),
			source.get("parent_document_type"),
			extra_fields=[source.get("based_on"), source.get("group_by_based_on")],
		)
	from property_supervision.desk_labels import translate_chart_data

	compute = dashboard_chart.get
	if not is_privileged():
		# Frappe caches a chart's figures per chart, not per user (utils.dashboard.cache_source):
		# a restricted user would be served the figures of whoever opened the chart first
		compute = inspect.unwrap(dashboard_chart.get)
	# the desk sends unset filters as empty strings; Frappe's caching wrapper turns them into None
	# before computing (utils.dashboard.generate_and_cache_results), the unwrapped function must get
	# the same, or it reads "" as a date ("请选择一个有效的日期过滤器" on every restricted workspace)
	data = compute(
		chart_name=chart_name,
		chart=chart,
		no_cache=no_cache,
		filters=filters or None,
		from_date=from_date or None,
		to_date=to_date or None,
		timespan=timespan or None,
		time_interval=time_interval or None,
		heatmap_year=heatmap_year or None,
		refresh=refresh,
	)
	# readable labels: translated Select values, Chinese months (desk_labels.py)
	return translate_chart_data(chart_name or source, data)


# --- accounts -----------------------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
def reset_password(user: str) -> None:
	"""One answer whether or not the account exists (Frappe says "not found" for unknown users,
	"disabled" for disabled ones, and fails differently when the mail cannot be sent)."""
	from frappe.core.doctype.user import user as user_module

	from property_supervision.complaints.api import use_site_language

	use_site_language()
	try:
		user_module.reset_password(user)
	except frappe.RateLimitExceededError:
		raise  # counted per client address, whatever the account
	except Exception:
		frappe.log_error("Password reset could not be sent")
	frappe.clear_messages()
	frappe.local.response.pop("http_status_code", None)
	frappe.local.response.pop("message", None)
	frappe.msgprint(
		_("If an account with this e-mail address exists, password reset instructions have been sent to it."),
		title=_("Password Email Sent"),
	)


__all__ = ["QueryRefusedError"]
