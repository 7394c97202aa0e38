"""Values read from the database once and shared by every worker through Redis (frappe.cache),
forgotten when what they are read from changes: the one home of that rule.

A change forgets the value three times: at once, when the transaction commits (another worker may
have read the old rows meanwhile and put them back) and when it rolls back (a read inside the
transaction may have cached rows that never came to be). `bench clear-cache` and every migrate
forget them all (`clear_cache`, the hook of the same name in hooks.py), so a patch that writes
rows directly needs nothing more.
"""

import frappe

# the values (their keys; the module that reads each one names it)
WORKING_CALENDAR = "property_supervision:working_calendar"  # complaints/…/working_calendar_day.py
WORKFLOW_MEANINGS = "property_supervision:workflow_meanings"  # workflow_meanings.py: per DocType
# complaints/…/complaint.py: per language, the labels of the receiving channels (Received Via)
CHANNEL_LABELS = "property_supervision:channel_labels"

CACHED = (WORKING_CALENDAR, WORKFLOW_MEANINGS, CHANNEL_LABELS)


def forget(key: str):
	"""What `key` holds changed in this transaction: forget it now and when the transaction ends."""
	frappe.cache.delete_value(key)
	frappe.db.after_commit.add(lambda: frappe.cache.delete_value(key))
	frappe.db.after_rollback.add(lambda: frappe.cache.delete_value(key))


def clear_cache():
	"""hooks.py clear_cache (bench clear-cache, migrate, frappe.clear_cache()): forget every value."""
	frappe.cache.delete_value(list(CACHED))


def translations_changed(doc=None, method=None):
	"""Translation saved or deleted (hooks.py doc_events): labels kept translated are read again."""
	forget(CHANNEL_LABELS)
