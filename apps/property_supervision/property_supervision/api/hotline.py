"""The 12345 government hotline's platform talks to us here (SPEC §12; the README has examples).

- `receive_work_order`: a work order the hotline dispatched to the district becomes a `Complaint`
  received via the hotline (its order number in `Complaint.hotline_order_no`). The same order
  number again returns the same complaint and changes nothing. An address that matches no
  compound is kept as a `Hotline Work Order` awaiting placement by a district officer.
- `get_work_order`: state, level, handling unit, deadline, resolution and satisfaction by order
  number.
- Every change of state (and the rating) of such a complaint is pushed to Hotline Settings'
  callback URL: signed with HMAC-SHA256, retried with back-off in an RQ job, each delivery logged
  as an Integration Request.

Only users holding the role `Hotline Integration` (an API key's user, no desk) may call them.
Bad requests are answered with HTTP 4xx and `{"message": {"ok": false, "error": {"code": …,
"message": "<Chinese>"}}}`, and nothing is written.
"""

import hashlib
import hmac
import json
import re
import time
from datetime import timedelta

import frappe
import requests
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, format_datetime, formatdate, get_datetime, getdate, now_datetime

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints.api import validate_description, validate_phone
from property_supervision.complaints.doctype.hotline_work_order.hotline_work_order import (
	AWAITING_PLACEMENT,
)
from property_supervision.roles import HOTLINE_INTEGRATION
from property_supervision.rules.text import plain_text as to_plain_text

HOUR = 60 * 60
SERVICE = "12345 Hotline Callback"
ORDER_NO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
MAX_CALLER_NAME_LENGTH = 60
MAX_ADDRESS_LENGTH = 500
MAX_CATEGORY_LENGTH = 140
# a clock a few minutes ahead of ours is not a time in the future
CLOCK_TOLERANCE = timedelta(minutes=10)


class HotlineError(Exception):
	def __init__(self, code: str, message: str, http_status: int = 400):
		super().__init__(message)
		self.code, self.message, self.http_status = code, message, http_status


def hotline_rate_limit() -> int:
	return cint(frappe.db.get_single_value("Hotline Settings", "rate_limit")) or 1200


def answer(work):
	"""Run `work` in Chinese for a hotline user; a refusal rolls everything back and is answered
	with a machine-readable error."""
	frappe.local.lang = "zh"
	try:
		if HOTLINE_INTEGRATION not in frappe.get_roles():
			raise HotlineError(
				"forbidden", _("Only the 12345 hotline platform's API user may call this."), 403
			)
		return {"ok": True, **work()}
	except HotlineError as error:
		frappe.db.rollback()
		frappe.clear_messages()
		frappe.local.response.http_status_code = error.http_status
		return {"ok": False, "error": {"code": error.code, "message": error.message}}


def checked(code: str, validate, *args):
	"""A validator of the residents' intake (it throws a ValidationError) under an error code."""
	try:
		return validate(*args)
	except frappe.ValidationError as error:
		frappe.clear_messages()
		raise HotlineError(code, str(error) or _("Invalid value.")) from None


# --- receiving a work order -------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=hotline_rate_limit, seconds=HOUR)
def receive_work_order(
	order_no: str | None = None,
	received_at: str | None = None,
	caller_name: str | None = None,
	caller_phone: str | None = None,
	address: str | None = None,
	compound: str | None = None,
	category: str | None = None,
	content: str | None = None,
	hotline_deadline: str | None = None,
) -> dict:
	"""File the hotline's work order; returns its complaint (or its place in the queue)."""
	return answer(
		lambda: receive(
			order_no,
			received_at,
			caller_name,
			caller_phone,
			address,
			compound,
			category,
			content,
			hotline_deadline,
		)
	)


def receive(order_no, received_at, caller_name, caller_phone, address, compound, category, content, deadline):
	order_no = validate_order_no(order_no)
	if frappe.db.exists("Hotline Work Order", order_no):
		return {**work_order_view(order_no), "duplicate": True}

	values = {
		"doctype": "Hotline Work Order",
		"order_no": order_no,
		"received_at": validate_received_at(received_at),
		"caller_name": validate_caller_name(caller_name),
		"caller_phone": checked("invalid_phone", validate_phone, caller_phone),
		"address": plain(address, MAX_ADDRESS_LENGTH),
		"hotline_category": plain(category, MAX_CATEGORY_LENGTH),
		"category": match_category(category),
		"content": checked("invalid_content", validate_description, content),
	}
	values["hotline_deadline"] = validate_deadline(deadline, values["received_at"])
	values["compound"] = match_compound(compound, values["address"])
	if not values["compound"] and not values["address"]:
		raise HotlineError("missing_address", _("Give the address or the compound of the work order."))

	try:
		frappe.get_doc(values).insert(ignore_permissions=True)
	except frappe.DuplicateEntryError:
		# the same order sent twice at once: the other request filed it
		frappe.db.rollback()
		return {**work_order_view(order_no), "duplicate": True}
	except frappe.ValidationError as error:
		frappe.clear_messages()
		raise HotlineError("invalid_work_order", str(error)) from None
	return {**work_order_view(order_no), "duplicate": False}


def validate_order_no(value) -> str:
	value = value.strip() if isinstance(value, str) else ""
	if not ORDER_NO.match(value):
		raise HotlineError(
			"invalid_order_no",
			_("The work order number must be 1 to 40 letters, digits, hyphens or underscores."),
		)
	return value


def validate_received_at(value):
	try:
		received = get_datetime(value) if value and isinstance(value, str) else None
	except Exception:
		received = None
	if not received:
		raise HotlineError(
			"invalid_received_at", _("Give the time the hotline received the call as YYYY-MM-DD HH:MM:SS.")
		)
	if received > now_datetime() + CLOCK_TOLERANCE:
		raise HotlineError(
			"invalid_received_at", _("The time the hotline received the call lies in the future.")
		)
	return received


def validate_deadline(value, received_at):
	if not value:
		return None
	try:
		deadline = getdate(value) if isinstance(value, str) else None
	except Exception:
		deadline = None
	if not deadline:
		raise HotlineError("invalid_deadline", _("Give the hotline's deadline as YYYY-MM-DD."))
	if deadline < received_at.date():
		raise HotlineError("invalid_deadline", _("The hotline's deadline lies before the call was received."))
	return deadline


def validate_caller_name(value) -> str | None:
	name = plain(value, None)
	if len(name) > MAX_CALLER_NAME_LENGTH:
		raise HotlineError(
			"invalid_caller_name",
			_("The caller's name may be at most {0} characters.").format(MAX_CALLER_NAME_LENGTH),
		)
	return name or None


def plain(value, limit: int | None) -> str:
	text = to_plain_text(value) if isinstance(value, str) else ""
	return text[:limit] if limit else text


def match_category(value) -> str:
	"""Our category by its name or its Chinese name; otherwise the settings' fallback."""
	value = plain(value, MAX_CATEGORY_LENGTH)
	if value:
		active = frappe.get_all("Complaint Category", filters={"is_active": 1}, pluck="name")
		for name in active:
			if value in (name, _(name, lang="zh")):
				return name
	fallback = frappe.db.get_single_value("Hotline Settings", "default_category")
	if fallback and frappe.db.get_value("Complaint Category", fallback, "is_active"):
		return fallback
	raise HotlineError(
		"invalid_category", _("The category of the work order matches none of the complaint categories.")
	)


def match_compound(compound, address: str) -> str | None:
	"""The compound named by the hotline, or the one whose name the address contains (the longest
	name when several do, and only when that one is unique); None puts the order in the queue."""
	compound = plain(compound, 140)
	if compound:
		named = frappe.get_all(
			"Residential Compound",
			or_filters={"name": compound, "compound_name": compound},
			pluck="name",
			limit=2,
		)
		if len(named) == 1:
			return named[0]
	if not address:
		return None
	found = [
		row
		for row in frappe.get_all("Residential Compound", fields=["name", "compound_name"])
		if row.compound_name and row.compound_name in address
	]
	if not found:
		return None
	longest = max(len(row.compound_name) for row in found)
	best = [row.name for row in found if len(row.compound_name) == longest]
	return best[0] if len(best) == 1 else None


# --- status -------------------------------------------------------------------------------------


@frappe.whitelist(methods=["GET", "POST"])
@rate_limit(limit=hotline_rate_limit, seconds=HOUR)
def get_work_order(order_no: str | None = None) -> dict:
	"""State, level, handling unit, deadline, resolution and satisfaction of the order's complaint."""

	def work():
		name = validate_order_no(order_no)
		if not frappe.db.exists("Hotline Work Order", name):
			raise HotlineError("not_found", _("No work order with this number has been received."), 404)
		return work_order_view(name)

	return answer(work)


def work_order_view(order_no: str) -> dict:
	"""What the hotline learns of its order: no caller data (it has them), no officers' names."""
	order = frappe.db.get_value("Hotline Work Order", order_no, ["status", "complaint"], as_dict=True)
	if order.status == AWAITING_PLACEMENT or not order.complaint:
		return {
			"order_no": order_no,
			"complaint": None,
			"state": AWAITING_PLACEMENT,
			"state_label": _(AWAITING_PLACEMENT),
			"level": None,
			"level_label": None,
			"handling_unit": None,
			"deadline": None,
			"resolution": None,
			"resolved_on": None,
			"satisfaction": None,
			"satisfaction_label": None,
			"satisfaction_source": None,
			"rated_on": None,
			"reopened_as_dissatisfied": 0,
		}
	return complaint_view(frappe.get_doc("Complaint", order.complaint))


def complaint_view(doc) -> dict:
	state = doc.workflow_state or meanings.state("Complaint", meanings.RECEIVED)
	# the resolution is the hotline's answer once the complaint is resolved (reopening clears it)
	answered = bool(doc.resolved_on) or meanings.is_state(
		"Complaint", state, *meanings.RESOLVED_COMPLAINT_MEANINGS
	)
	return {
		"order_no": doc.hotline_order_no,
		"complaint": doc.name,
		"state": state,
		"state_label": _(state),
		"level": doc.current_level,
		"level_label": _(doc.current_level) if doc.current_level else None,
		"handling_unit": doc.handling_unit,
		"deadline": formatdate(doc.deadline, "yyyy-MM-dd") if doc.deadline else None,
		"resolution": to_plain_text(doc.resolution) if answered and doc.resolution else None,
		"resolved_on": format_datetime(doc.resolved_on, "yyyy-MM-dd HH:mm:ss") if doc.resolved_on else None,
		# the complainant's rating (回访, complaints/rating.py): the resident's or a follow-up call's;
		# a 不满意 reopens the complaint, so the state says what became of it
		"satisfaction": doc.satisfaction or None,
		"satisfaction_label": _(doc.satisfaction) if doc.satisfaction else None,
		"satisfaction_source": doc.satisfaction_source or None,
		"rated_on": format_datetime(doc.rated_on, "yyyy-MM-dd HH:mm:ss") if doc.rated_on else None,
		"reopened_as_dissatisfied": cint(doc.dissatisfied_count),
	}


# --- callbacks ----------------------------------------------------------------------------------


def on_complaint_update(doc, method=None):
	"""Complaint on_update: a hotline complaint whose state or rating changed is reported back."""
	if not doc.hotline_order_no:
		return
	if not (
		doc.has_value_changed("workflow_state")
		or doc.has_value_changed("satisfaction")
		or doc.has_value_changed("rated_on")  # a rating equal to the last one is news too
	):
		return
	lang, frappe.local.lang = frappe.local.lang, "zh"
	try:
		payload = {
			"event": "work_order_updated",
			**complaint_view(doc),
			"sequence": len(doc.handling_log) + (1 if doc.satisfaction else 0),
			"changed_at": format_datetime(now_datetime(), "yyyy-MM-dd HH:mm:ss"),
		}
	finally:
		frappe.local.lang = lang
	log = frappe.get_doc(
		{
			"doctype": "Integration Request",
			"integration_request_service": SERVICE,
			"request_description": _("Report to the 12345 hotline"),
			"status": "Queued",
			"is_remote_request": 0,
			"reference_doctype": "Complaint",
			"reference_docname": doc.name,
			"request_id": doc.hotline_order_no,
			"data": json.dumps(payload, ensure_ascii=False, sort_keys=True),
		}
	).insert(ignore_permissions=True)
	frappe.enqueue(
		"property_supervision.api.hotline.push_callback",
		queue="short",
		log_name=log.name,
		enqueue_after_commit=True,
	)


def sign(secret: str, timestamp: str, body: bytes) -> str:
	"""`sha256=` + hex HMAC-SHA256 over `<timestamp>.<body>` (the hotline checks it the same way)."""
	digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
	return f"sha256={digest}"


def push_callback(log_name: str, sleep=time.sleep) -> str:
	"""Deliver one logged callback (an RQ job: the worker commits what it writes): attempts with
	doubling waits; the log records the outcome."""
	if not frappe.db.exists("Integration Request", log_name):
		return "missing"  # its transaction was rolled back
	log = frappe.get_doc("Integration Request", log_name)
	if log.status == "Completed":
		return log.status
	settings = frappe.get_single("Hotline Settings")
	url = (settings.callback_url or "").strip()
	if not url:
		log.db_set({"status": "Cancelled", "error": "no callback URL in Hotline Settings"})
		return log.status
	secret = settings.get_password("signing_secret", raise_exception=False) or ""
	attempts = max(cint(settings.callback_attempts), 1)
	wait = max(cint(settings.callback_backoff_seconds), 0)
	timeout = max(cint(settings.callback_timeout_seconds), 1)
	body = log.data.encode()
	errors = []
	for attempt in range(1, attempts + 1):
		timestamp = str(int(time.time()))
		headers = {
			"Content-Type": "application/json; charset=utf-8",
			"X-Hotline-Delivery": log.name,
			"X-Hotline-Timestamp": timestamp,
			"X-Hotline-Signature": sign(secret, timestamp, body),
		}
		try:
			response = requests.post(url, data=body, headers=headers, timeout=timeout)
			if response.status_code < 300:
				log.db_set(
					{
						"status": "Completed",
						"url": url,
						"request_headers": json.dumps(headers, sort_keys=True),
						"output": json.dumps(
							{
								"attempt": attempt,
								"status": response.status_code,
								"body": response.text[:1000],
							},
							ensure_ascii=False,
						),
						"error": "\n".join(errors) or None,
					}
				)
				return "Completed"
			errors.append(f"attempt {attempt}: HTTP {response.status_code} {response.text[:200]}")
		except requests.RequestException as error:
			errors.append(f"attempt {attempt}: {type(error).__name__}: {str(error)[:200]}")
		if attempt < attempts:
			sleep(wait * 2 ** (attempt - 1))
	log.db_set({"status": "Failed", "url": url, "error": "\n".join(errors)})
	frappe.log_error(
		title=_("12345 hotline callback failed"),
		message=f"{log.name} ({log.reference_docname}): " + "\n".join(errors),
		reference_doctype="Complaint",
		reference_name=log.reference_docname,
	)
	return "Failed"


def deliver_queued(max_age_hours: int = 24) -> dict[str, int]:
	"""Hourly: deliver again what no worker delivered (a worker down, a job lost) or what failed
	within the last day. Safe to run twice: delivered logs are Completed and skipped."""
	since = now_datetime() - timedelta(hours=cint(max_age_hours) or 24)
	counts: dict[str, int] = {}
	for name in frappe.get_all(
		"Integration Request",
		filters={
			"integration_request_service": SERVICE,
			"status": ("in", ("Queued", "Failed")),
			"creation": (">=", since),
		},
		pluck="name",
		order_by="creation asc",
	):
		try:
			status = push_callback(name)
		except Exception:
			frappe.db.rollback()
			frappe.log_error(
				title=_("12345 hotline callback failed"),
				reference_doctype="Integration Request",
				reference_name=name,
			)
			status = "Error"
		frappe.db.commit()
		counts[status] = counts.get(status, 0) + 1
	return counts
