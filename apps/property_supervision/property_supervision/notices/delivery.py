"""Delivering a notice: in an RQ worker, after the transaction that caused it has committed.

`queue_delivery` runs in the request (or the scheduler's job): it only registers an RQ job to be
enqueued after commit (tests deliver what is pending through the same job), so a rolled-back change sends nothing, and a queue that cannot be reached
is logged without failing the officer's save. The job (`deliver`) reloads the Notification (an
administrator who switched it off meanwhile is obeyed) and the document, and sends each channel:
desk notices as Notification Logs, e-mail through the Email Queue (Frappe retries it and marks it
Error after its attempts), SMS through SMS Settings with attempts and waits here, each delivery
kept as an Integration Request (service "SMS"; Frappe v15 without ERPNext has no SMS Log) and,
when every attempt failed, in the Error Log.
"""

import copy
import time

import frappe
from frappe import _
from frappe.utils import cint

JOB = "property_supervision.notices.delivery.deliver"
QUEUE = "short"
SMS_ATTEMPTS = 3
SMS_WAIT_SECONDS = 2


PENDING = "ps_pending_notices"


def queue_delivery(notification: str, doc, values: dict | None = None):
	"""Register the notice for delivery once the transaction commits (a rollback forgets it).
	The same path in production and in tests: a test delivers what is pending the way a worker
	would, with tests/factories.deliver_notices (frappe.enqueue(..., now=True))."""
	pending = getattr(frappe.local, PENDING, None)
	if pending is None:
		pending = []
		setattr(frappe.local, PENDING, pending)
	pending.append({"notification": notification, "doctype": doc.doctype, "name": doc.name, "values": values})
	if len(pending) == 1:
		frappe.db.after_commit.add(enqueue_pending)
		frappe.db.after_rollback.add(take_pending)


def take_pending() -> list[dict]:
	"""The notices registered in this transaction, forgotten here (the job kwargs of each)."""
	pending = getattr(frappe.local, PENDING, None) or []
	setattr(frappe.local, PENDING, [])
	return pending


def pending_mark() -> int:
	"""How many notices are registered so far (see forget_since)."""
	return len(getattr(frappe.local, PENDING, None) or [])


def forget_since(mark: int):
	"""Forget the notices registered after `mark`: their work was rolled back to a savepoint
	(a sweep's failing row), so there is nothing to tell."""
	pending = getattr(frappe.local, PENDING, None)
	if pending:
		del pending[mark:]


def enqueue_pending():
	"""After commit: one RQ job per notice. A queue that cannot be reached is logged; the
	officer's save has already succeeded."""
	for kwargs in take_pending():
		try:
			frappe.enqueue(JOB, queue=QUEUE, **kwargs)
		except Exception:
			frappe.log_error(
				title=_("Notification {0} could not be queued").format(kwargs["notification"]),
				reference_doctype=kwargs["doctype"],
				reference_name=kwargs["name"],
			)


def deliver(notification: str, doctype: str, name: str, values: dict | None = None) -> list[str]:
	"""The RQ job: send one notice about one document. Returns the channels used."""
	try:
		# Frappe's cached copy (forgotten on every save, set_value and deletion of the record), copied
		# because the delivery applies its Email Template to it
		alert = copy.deepcopy(frappe.get_cached_doc("Notification", notification))
		if not cint(alert.enabled):
			return []  # switched off by an administrator since the event
		doc = frappe.get_doc(doctype, name)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return []  # deleted since, or its transaction was rolled back
	previous = frappe.flags.ps_delivering_notice
	frappe.flags.ps_delivering_notice = True
	try:
		return alert.deliver(doc, values) or []
	finally:
		frappe.flags.ps_delivering_notice = previous


def email_configured() -> bool:
	from frappe.email.doctype.email_account.email_account import EmailAccount

	return bool(EmailAccount.find_outgoing())


def send_sms_now(numbers: list[str], message: str, alert=None, doc=None, sleep=time.sleep) -> list[str]:
	"""Send one SMS to each number through the gateway of SMS Settings: up to SMS_ATTEMPTS attempts
		per number with doubling waits; each delivery is kept as an Integration Request (service "SMS"),
	what failed also in the Error Log.
		Returns the numbers sent to."""
	from frappe.core.doctype.sms_settings.sms_settings import (
		get_headers,
		send_request,
		validate_receiver_nos,
	)

	settings = frappe.get_doc("SMS Settings", "SMS Settings")
	url = (settings.sms_gateway_url or "").strip()
	if not url:
		frappe.log_error(title=_("SMS not sent: SMS Settings has no gateway URL"), message=message)
		return []
	numbers = validate_receiver_nos(numbers)
	headers = get_headers(settings)
	use_json = headers.get("Content-Type") == "application/json"
	params = {settings.message_parameter: message}
	for row in settings.get("parameters"):
		if not row.header:
			params[row.parameter] = row.value
	sent, errors = [], []
	for number in numbers:
		params[settings.receiver_parameter] = number
		for attempt in range(1, SMS_ATTEMPTS + 1):
			try:
				status = send_request(url, dict(params), headers, settings.use_post, use_json)
				if 200 <= status < 300:
					sent.append(number)
					break
				errors.append(f"{number} attempt {attempt}: HTTP {status}")
			except Exception as error:
				errors.append(f"{number} attempt {attempt}: {type(error).__name__}: {str(error)[:200]}")
			if attempt < SMS_ATTEMPTS:
				sleep(SMS_WAIT_SECONDS * 2 ** (attempt - 1))
	failed = [n for n in numbers if n not in sent]
	log_sms(numbers, sent, message, errors, doc)
	if failed:
		frappe.log_error(
			title=_("SMS could not be sent to {0}").format(", ".join(failed)),
			message="\n".join(errors),
			reference_doctype=doc.doctype if doc else None,
			reference_name=doc.name if doc else None,
		)
	return sent


SMS_SERVICE = "SMS"


def log_sms(numbers, sent, message: str, errors, doc=None):
	import json

	frappe.get_doc(
		{
			"doctype": "Integration Request",
			"integration_request_service": SMS_SERVICE,
			"request_description": _("SMS notice"),
			"status": "Completed" if len(sent) == len(numbers) else "Failed",
			"is_remote_request": 0,
			"reference_doctype": doc.doctype if doc else None,
			"reference_docname": doc.name if doc else None,
			"data": json.dumps({"numbers": numbers, "message": message}, ensure_ascii=False),
			"output": json.dumps({"sent_to": sent}, ensure_ascii=False),
			"error": "\n".join(errors) or None,
		}
	).insert(ignore_permissions=True)
