"""Link search that keeps row-level access.

Frappe's link search skips every permission check of a DocType (User Permissions and the
permission query hooks alike) when the client asks it to `ignore_user_permissions` and the user
may read the DocType at all. A client can ask that for any DocType, so for the DocTypes whose
records are scoped (permissions.CONTROLLED_DOCTYPES) the request is dropped here: their search
results always respect the user's scope.
"""

import frappe
from frappe.desk import search

from property_supervision.permissions import CONTROLLED_DOCTYPES


def _ignore_user_permissions(doctype: str, requested) -> bool:
	return False if doctype in CONTROLLED_DOCTYPES else bool(frappe.utils.cint(requested))


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
