"""The complaint indexes of the report Complaint Follow-up and of the desk list's "created by"
counts (complaints/indexes.py) on existing sites: on_doctype_update adds them only when the
Complaint DocType itself changes."""

from property_supervision.complaints.indexes import add_complaint_indexes


def execute():
	add_complaint_indexes()
