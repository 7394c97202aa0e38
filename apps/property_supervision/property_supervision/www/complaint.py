"""/complaint: the residents' complaint form (no login, works on a phone).

A page of our own rather than a Web Form DocType: the form is flat, needs a dependent
area → community → compound choice served by a guest endpoint that returns names only,
a file check before anything is stored, and a rate limit; the endpoint is
property_supervision.complaints.api.submit_complaint.
"""

import frappe
from frappe import _, _lt

from property_supervision.complaints import api

no_cache = 1
sitemap = 0


def get_context(context):
	api.prepare_public_page(context, _lt("File a Property Service Complaint"))
	context.areas = api.get_area_choices()
	# /complaint?compound=… (the link on a compound's public page) chooses that compound
	context.preselect = api.compound_choice(frappe.form_dict.get("compound"))
	context.categories = api.get_category_choices()
	context.max_description = api.MAX_DESCRIPTION_LENGTH
	context.max_name = api.MAX_NAME_LENGTH
	context.max_attachment_bytes = api.max_attachment_bytes()
	context.max_attachment_mb = f"{api.max_attachment_mb():g}"
	context.accept = (
		",".join(f".{ext}" for ext in api.ATTACHMENT_TYPES) + ",image/jpeg,image/png,application/pdf"
	)
	# the texts the page's script shows, translated here so the site language applies
	context.messages = {
		"choose": _("Please choose"),
		"loading": _("Loading…"),
		"not_listed": _("My compound is not in the list"),
		"no_compounds": _("No compounds listed for this community; please type the name."),
		"name_required": _("Please enter your name, or choose to complain anonymously."),
		"phone_required": _("Please enter your phone number."),
		"phone_invalid": _("Please enter a valid mobile or landline number."),
		"compound_required": _("Please choose the compound you are complaining about."),
		"category_required": _("Please choose a complaint category."),
		"description_required": _("Please describe your complaint."),
		"description_too_long": _("The description may be at most {0} characters.").format(
			api.MAX_DESCRIPTION_LENGTH
		),
		"file_too_large": _("The attachment may be at most {0} MB.").format(context.max_attachment_mb),
		"file_type": _("Only pictures (JPG, PNG) and PDF files can be attached."),
		"too_many": _("Too many submissions from this network. Please try again in an hour."),
		"network": _("The complaint could not be sent. Please check your connection and try again."),
		"sending": _("Sending…"),
		"submit": _("Submit Complaint"),
	}
	return context
