"""The supervision map's complaint index (complaints/indexes.py: open complaints by compound) on
existing sites: on_doctype_update adds it only when the Complaint DocType itself changes."""

from property_supervision.complaints.indexes import add_complaint_indexes


def execute():
	add_complaint_indexes()
