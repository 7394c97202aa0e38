"""Notices (SPEC §10): every message the system sends is a Frappe Notification record.

The records are the administrators' (shipped once by notices/defaults.py, edited and switched off
in the desk). This package only says *when* something happened and *who* is meant:

- Frappe raises the ordinary events ("New", "Save", "Value Change", "Days Before/After").
- The app raises "Method" events with `send(event, doc)`: the daily sweeps (a complaint overdue,
  its deadline near, a committee's term ending ...) and every change of a workflow state, named
  by the state's *meaning* (`state_event(meanings.CONFIRMED)` = "ps_state_confirmed"), so a
  renamed state keeps its notices.
- Recipients come from notices/recipients.py (a recipient row's "Audience").
- Delivery runs in an RQ worker after the transaction commits (notices/delivery.py): a failed
  send is retried and logged and never loses the document or blocks the user.
"""

import frappe

from property_supervision import workflow_meanings as meanings

# "Method" events raised by the app (Notification.method)
COMPLAINT_NEW_LEVEL = "ps_complaint_new_level"
COMPLAINT_OVERDUE = "ps_complaint_overdue"
COMPLAINT_DUE_SOON = "ps_complaint_due_soon"
COMPLAINT_ESCALATED = "ps_complaint_escalated"
COMPLAINT_REOPENED = "ps_complaint_reopened"
COMPLAINT_NOT_REOPENED = "ps_complaint_not_reopened"
COMMITTEE_TERM_ENDING = "ps_committee_term_ending"
COMMITTEE_FILING_LATE = "ps_committee_filing_late"
PUBLICITY_OVERDUE = "ps_publicity_overdue"
CALENDAR_MISSING = "ps_calendar_missing"

STATE_EVENT_PREFIX = "ps_state_"


def state_event(meaning: str) -> str:
	"""The event raised when a document enters a state of the meaning ("ps_state_confirmed")."""
	return STATE_EVENT_PREFIX + frappe.scrub(meaning)


def muted() -> bool:
	"""Nothing is sent while installing, patching, importing or replaying demo history."""
	flags = frappe.flags
	return bool(
		flags.in_install
		or flags.in_patch
		or flags.in_migrate
		or flags.in_import
		or flags.complaint_replay
		or flags.mute_notices
	)


def send(event: str, doc, name: str | None = None, values: dict | None = None) -> int:
	"""Raise a "Method" notice event on a document (a Document, or a DocType and a name): every
	enabled Notification of the DocType with that method whose condition holds is delivered in a
	worker. `values` (JSON-able) are given to the wording besides `doc` ({{ values.year }}).
	Never raises; returns how many Notifications were queued."""
	if muted():
		return 0
	try:
		if isinstance(doc, str):
			doc = frappe.get_doc(doc, name)
		from frappe.email.doctype.notification.notification import get_context

		queued = 0
		for alert in enabled_notifications(doc.doctype, event):
			if alert.condition and not frappe.safe_eval(alert.condition, None, get_context(doc)):
				continue
			doc.flags.notice_values = values
			alert.send(doc)
			queued += 1
		return queued
	except Exception:
		frappe.log_error(
			title=f"Notice {event} failed",
			reference_doctype=getattr(doc, "doctype", None),
			reference_name=getattr(doc, "name", None),
		)
		return 0


def enabled_notifications(doctype: str, event: str) -> list:
	"""The enabled "Method" Notifications of a DocType for an event, from Frappe's own cache of a
	DocType's notifications (the one Document.run_notifications reads; a Notification saved or
	deleted clears it)."""

	def _get_notifications():
		return frappe.get_all(
			"Notification",
			fields=["name", "event", "method"],
			filters={"enabled": 1, "document_type": doctype},
		)

	rows = frappe.cache.hget("notifications", doctype, _get_notifications)
	names = sorted(r.name for r in rows or () if r.event == "Method" and r.method == event)
	return [frappe.get_cached_doc("Notification", name) for name in names]


def on_state_change(doc, method=None):
	"""on_update of the DocTypes with workflows (hooks.py): a new document, or one whose workflow
	state changed, raises the event of its state's meaning."""
	state = doc.get("workflow_state")
	if not state:
		return
	before = doc.get_doc_before_save()
	if before is not None and before.get("workflow_state") == state:
		return
	meaning = meanings.meaning_of(doc.doctype, state)
	if meaning:
		send(state_event(meaning), doc)
