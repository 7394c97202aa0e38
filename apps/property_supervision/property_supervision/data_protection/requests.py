"""Request-level rules (hooks.py `before_request` / `after_request`).

- The REST list routes (`GET /api/resource/<doctype>`, `/api/v1/resource/<doctype>`,
  `/api/v2/document/<doctype>`, `/api/v2/doctype/<doctype>/count`) call Frappe's list functions
  directly, not through `override_whitelisted_methods`; their query parameters are guarded here
  with the same `guard_query` as every RPC endpoint.
- Nobody but a System Manager receives a Python traceback (Frappe sends one to every client,
  Guest included, while System Settings' `allow_error_traceback` is on).
- A logged-in user without System Manager gets one answer for "does not exist" and "not
  permitted" from the API, so an out-of-scope record's existence is never confirmed.
"""

import json
import re

import frappe
from frappe import _

from property_supervision.data_protection.queries import guard_query, is_privileged

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
	if frappe.request.method != "GET" or user == "Administrator":
		return
	match = _REST_LIST.match(frappe.request.path)
	if not match:
		return
	from urllib.parse import unquote

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
	"""Not found (404) and not permitted (403) answer alike for restricted users on the API."""
	if response is None or request is None or not request.path.startswith("/api/"):
		return
	if response.status_code not in (403, 404):
		return
	user = frappe.session.user if getattr(frappe.local, "session", None) else "Guest"
	if user in ("Guest", "Administrator") or is_privileged(user):
		return
	message = _("The record does not exist or you do not have permission to see it.")
	body = {
		"exc_type": "PermissionError",
		"_server_messages": json.dumps([json.dumps({"message": message, "title": _("Not permitted")})]),
	}
	response.status_code = 403
	response.set_data(json.dumps(body))
	response.headers["Content-Type"] = "application/json"
	response.headers.pop("Content-Length", None)
