"""Request-level rules (hooks.py `before_request` / `after_request`).

- The REST list routes (`GET /api/resource/<doctype>`, `/api/v1/resource/<doctype>`,
  `/api/v2/document/<doctype>`, `/api/v2/doctype/<doctype>/count`) call Frappe's list functions
  directly, not through `override_whitelisted_methods`; their query parameters are guarded here
  with the same `guard_query` as every RPC endpoint.
- Nobody but a System Manager receives a Python traceback (Frappe sends one to every client,
  Guest included, while System Settings' `allow_error_traceback` is on).
- A method of this app called without an argument it needs says which are missing, in the
  user's language, instead of failing with a bare server error.
- A logged-in user without System Manager gets one answer for "does not exist" and "not
  permitted" from the API, so an out-of-scope record's existence is never confirmed.
"""

import inspect
import json
import re
from urllib.parse import unquote

import frappe
from frappe import _

from property_supervision.data_protection.queries import guard_query, is_privileged

_REST_DOC = re.compile(
	r"^/api/(?:v1/)?resource/(?P<doctype>[^/]+)/(?P<name>.+?)/?$|^/api/v2/document/(?P<doctype2>[^/]+)/(?P<name2>.+?)/?$"
)
_REST_LIST = re.compile(
	r"^/api/(?:v1/)?resource/(?P<doctype>[^/]+)/?$|^/api/v2/document/(?P<doctype2>[^/]+)/?$"
	r"|^/api/v2/doctype/(?P<doctype3>[^/]+)/count/?$"
)


def before_request():
	if not getattr(frappe.local, "request", None):
		return
	user = frappe.session.user if getattr(frappe.local, "session", None) else "Guest"
	if user != "Administrator" and not is_privileged(user):
		frappe.local.flags.disable_traceback = True
	path = unquote(frappe.request.path)
	guard_required_arguments(_method_of(path))
	if user == "Administrator":
		return
	if not is_privileged(user):
		guard_addressed_record(path)
	document = _REST_DOC.match(path)
	if document:
		doctype = document.group("doctype") or document.group("doctype2")
		name = (document.group("name") or document.group("name2")).split("/method/")[0]
		guard_child_row(doctype, name, "read" if frappe.request.method == "GET" else "write")
	if frappe.request.method != "GET":
		return
	match = _REST_LIST.match(frappe.request.path)
	if not match:
		return
	doctype = unquote(match.group("doctype") or match.group("doctype2") or match.group("doctype3"))
	form = frappe.form_dict
	fields = form.get("fields")
	guard_query(
		doctype,
		filters=form.get("filters"),
		or_filters=form.get("or_filters"),
		order_by=form.get("order_by"),
		group_by=form.get("group_by"),
		parent_doctype=form.get("parent"),
	)
	if fields and not is_privileged(user):
		_check_fields_are_plain(fields)


# (doctype parameter, name parameter) pairs by which RPC methods address one record
_RECORD_PARAMS = (
	("doctype", "name"),
	("doctype", "docname"),
	("doctype", "doc_name"),
	("dt", "dn"),
	("reference_doctype", "reference_name"),
	("ref_doctype", "ref_docname"),
	("ref_doctype", "ref_name"),
)
# methods that answer for a record that does not exist on their own, in the same words
_OWN_ANSWER = (
	"frappe.client.validate_link",
	"frappe.desk.search.get_link_title",
	"property_supervision.data_protection.endpoints.validate_link",
	"property_supervision.data_protection.endpoints.get_link_title",
)


def _method_of(path: str) -> str | None:
	if frappe.form_dict.get("cmd"):
		return frappe.form_dict.cmd
	match = re.match(r"^/api/(?:v1/|v2/)?method/(?P<method>[^/]+)/?$", path)
	return match.group("method") if match else None


def guard_required_arguments(method: str | None):
	"""A method of this app called without an argument it cannot do without is answered with the
	arguments that are missing, in the user's language, and runs not at all: Frappe passes the
	form on as keyword arguments and lets the TypeError out as a bare server error."""
	if not method:
		return
	for hook in reversed(frappe.get_hooks("override_whitelisted_methods", {}).get(method, [])):
		method = hook
		break
	if not method.startswith("property_supervision."):
		return
	try:
		function = frappe.get_attr(method)
		parameters = inspect.signature(function).parameters.values()
	except Exception:
		# not a method (Frappe answers for it) or one without a signature to read
		return
	# what this user may not call at all, or not by this HTTP method, Frappe refuses on its own:
	# its parameters are nobody's business
	if function not in frappe.whitelisted or (
		frappe.session.user == "Guest" and function not in frappe.guest_methods
	):
		return
	if frappe.request.method not in frappe.allowed_http_methods_for_whitelisted_func.get(function, ()):
		return
	form = frappe.form_dict
	missing = [
		p.name
		for p in parameters
		if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in form
	]
	if missing:
		if frappe.session.user == "Guest":
			from property_supervision.residents.language import use_resident_language

			use_resident_language()
		frappe.throw(
			_("The request lacks what it needs: {0}.").format(", ".join(missing)),
			frappe.ValidationError,
			title=_("Incomplete request"),
		)


def guard_addressed_record(path: str):
	"""An RPC method that addresses one record by DocType and name answers only for records the
	user may read: every other name — out of scope or not there at all — gets one refusal, so no
	method (getdoc, share lists, print settings, locks, auto repeat, …) confirms a record exists
	or acts on it. A guest with a document key (a shared print link) is left to the framework."""
	method = _method_of(path)
	if not method or method in _OWN_ANSWER:
		return
	form = frappe.form_dict
	if frappe.session.user == "Guest" and form.get("key"):
		return
	for doctype_param, name_param in _RECORD_PARAMS:
		doctype, name = form.get(doctype_param), form.get(name_param)
		if not (isinstance(doctype, str) and isinstance(name, str) and doctype and name):
			continue
		if not frappe.db.exists("DocType", doctype):
			continue
		meta = frappe.get_meta(doctype)
		if meta.issingle or meta.is_virtual:
			continue
		if meta.istable:
			guard_child_row(doctype, name)
			continue
		if not frappe.db.exists(doctype, name) or not (
			frappe.has_permission(doctype, "read", doc=name)
			or frappe.has_permission(doctype, "select", doc=name)
		):
			frappe.throw(
				_("The record does not exist or you do not have permission to see it."),
				frappe.PermissionError,
			)


def guard_child_row(doctype: str, name: str, ptype: str = "read"):
	"""A child row by name only for users who may `ptype` its parent document: Frappe checks a
	child row loaded on its own against the parent DocType's role rules only, never against the
	parent record, and its permission levels against the parent DocType's."""
	if not frappe.db.exists("DocType", doctype) or not frappe.is_table(doctype):
		return
	row = frappe.db.get_value(doctype, name, ["parent", "parenttype"], as_dict=True)
	if not row or not row.parenttype or not frappe.has_permission(row.parenttype, ptype, doc=row.parent):
		frappe.throw(
			_("The record does not exist or you do not have permission to see it."), frappe.PermissionError
		)


def _check_fields_are_plain(fields):
	"""REST list `fields` from restricted users: names only (no functions, no sub-selects)."""
	try:
		fields = json.loads(fields) if isinstance(fields, str) else fields
	except ValueError:
		fields = [fields]
	for field in fields or []:
		text = str(field)
		if not re.match(r"^[`\w .*]+$", text) or " " in text.strip().replace(" as ", "_"):
			frappe.throw(_("Fields must be given by name."), frappe.PermissionError)


def after_request(response=None, request=None):
	"""Not found (404) and not permitted (403) answer alike for restricted users on the API and
	the print view."""
	if response is None or request is None or response.status_code not in (403, 404):
		return
	is_api = request.path.startswith("/api/")
	if not (is_api or request.path.startswith("/printview")):
		return
	user = frappe.session.user if getattr(frappe.local, "session", None) else "Guest"
	if user in ("Guest", "Administrator") or is_privileged(user):
		return
	message = _("The record does not exist or you do not have permission to see it.")
	if not is_api:
		from frappe.utils import escape_html

		response.status_code = 403
		response.set_data(
			f"<!doctype html><meta charset='utf-8'><title>{escape_html(_('Not permitted'))}</title>"
			f"<p>{escape_html(message)}</p>"
		)
		response.headers["Content-Type"] = "text/html; charset=utf-8"
		response.headers.pop("Content-Length", None)
		return
	body = {
		"exc_type": "PermissionError",
		"_server_messages": json.dumps([json.dumps({"message": message, "title": _("Not permitted")})]),
	}
	response.status_code = 403
	response.set_data(json.dumps(body))
	response.headers["Content-Type"] = "application/json"
	response.headers.pop("Content-Length", None)
