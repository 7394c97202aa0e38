"""The complaint indexes of the workspace cards and the figures (complaints/indexes.py, issue 12)
on existing sites: on_doctype_update adds them only when the Complaint DocType itself changes."""

from property_supervision.complaints.indexes import add_complaint_indexes


def execute():
	add_complaint_indexes()
