"""/complaint-status: a resident looks up the public progress of their complaint by tracking
number plus phone number (endpoint: property_supervision.complaints.api.get_complaint_status)."""

import frappe
from frappe import _, _lt

from property_supervision.complaints import api
from property_supervision.complaints.rating import MAX_COMMENT_LENGTH

no_cache = 1
sitemap = 0


def get_context(context):
	api.prepare_public_page(context, _lt("Complaint Progress"))
	# a tracking number handed over in the link (never the phone) fills the form
	context.tracking_number = str(frappe.form_dict.get("number") or "")[:20]
	context.messages = {
		"not_found": _("No complaint matches this tracking number and phone number. Please check both."),
		"required": _("Please enter the tracking number and the phone number."),
		"too_many": _("Too many lookups from this network. Please try again in an hour."),
		"network": _("The lookup failed. Please check your connection and try again."),
		"searching": _("Looking up…"),
		"search": _("Look Up"),
		"no_progress": _("No handling steps recorded yet."),
	}
	# ==== rating the handling (回访, complaints/rating.py)
	context.rating_comment_limit = MAX_COMMENT_LENGTH
	context.rating_messages = {
		"choose": _("Please choose Satisfied, Basically Satisfied or Dissatisfied."),
		"thanks": _("Thank you for your rating."),
		"reopened": _("Thank you. Your complaint is being handled again at the {0}; new deadline {1}."),
		"too_many": _("Too many lookups from this network. Please try again in an hour."),
		"network": _("The rating could not be sent. Please check your connection and try again."),
		"sending": _("Sending…"),
		"submit": _("Submit Rating"),
	}
	return context
