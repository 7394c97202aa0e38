"""What the disclosure pages' get_context share: the language, the title, and one way of
answering bad input — the page shows the message in the reader's language with its HTTP status
(400 bad filter, 404 unknown compound, 403 closed, 429 too many views) and no data."""

import frappe
from frappe import _

from property_supervision.residents.language import prepare_context


def load(context, title: str, loader, *args, **kwargs):
	"""Prepare a residents' page (`title`: `_lt("…")`, translated once the page's language is set)
	and run `loader`; its result, or None with context.error_message
	and context.http_status_code set."""
	prepare_context(context)
	context.title = str(title)  # a lazy _lt() title, translated now that the language is set
	context.error_message = ""
	try:
		return loader(*args, **kwargs)
	except frappe.RateLimitExceededError:
		frappe.clear_last_message()
		context.error_message = _("Too many page views from this network. Please try again in an hour.")
		context.http_status_code = 429
	except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError) as error:
		context.error_message = message_of(error)
		context.http_status_code = getattr(error, "http_status_code", 400) or 400
	return None


def message_of(error) -> str:
	"""The message frappe.throw queued (already translated), and nothing of it left for the page."""
	message = ""
	if frappe.local.message_log:
		last = frappe.local.message_log[-1]
		message = last.get("message") if isinstance(last, dict) else str(last)
		frappe.clear_last_message()
	return message or str(error) or _("The page could not be shown.")


def form_value(key: str) -> str | None:
	value = frappe.form_dict.get(key)
	return value if isinstance(value, str) else None if value is None else str(value)
