"""The shipped notices on existing sites (notices/defaults.py): the custom fields of Notification
and Notification Recipient, the Email Templates and every Notification record the site has never
received. A notice that exists (edited, switched off) or that an administrator deleted is left
alone."""

from property_supervision.notices.defaults import create_missing_notices


def execute():
	create_missing_notices()
