"""Values read from the database once and shared by every worker through Redis (frappe.cache),
forgotten when what they are read from changes: the one home of that rule.

A change forgets the value three times: at once, when the transaction commits (another worker may
have read the old rows meanwhile and put them back) and when it rolls back (a read inside the
transaction may have cached rows that never came to be). Every reader goes through `read`, which
keeps nothing read after a change of the same transaction (a savepoint rolled back later would
leave it behind). `bench clear-cache` and every migrate
forget them all (`clear_cache`, the hook of the same name in hooks.py), so a patch that writes
rows directly needs nothing more.
"""

import frappe

# the values (their keys; the module that reads each one names it)
WORKING_CALENDAR = "property_supervision:working_calendar"  # complaints/…/working_calendar_day.py
WORKFLOW_MEANINGS = "property_supervision:workflow_meanings"  # workflow_meanings.py: per DocType
# complaints/…/complaint.py: per language, the labels of the receiving channels (Received Via)
CHANNEL_LABELS = "property_supervision:channel_labels"
# registry/…/jurisdiction.py: per jurisdiction, the Supervision Unit that handles its complaints
HANDLING_UNITS = "property_supervision:handling_units"

CACHED = (WORKING_CALENDAR, WORKFLOW_MEANINGS, CHANNEL_LABELS, HANDLING_UNITS)

CHANGED = "ps_shared_cache_changed"  # frappe.local: the keys changed in this transaction


def forget(key: str):
	"""What `key` holds changed in this transaction: forget it now and when the transaction ends."""
	frappe.cache.delete_value(key)
	changed = getattr(frappe.local, CHANGED, None)
	if changed is None:
		changed = set()
		setattr(frappe.local, CHANGED, changed)
	if not changed:
		frappe.db.after_commit.add(_transaction_ended)
		frappe.db.after_rollback.add(_transaction_ended)
	changed.add(key)


def read(key: str, generator, field: str | None = None):
	"""The value kept under `key` (its hash `field` when given); when missing, `generator()`
	reads it, and it is kept unless this transaction changed what it is read from (may_keep)."""
	value = frappe.cache.get_value(key) if field is None else frappe.cache.hget(key, field)
	if value is not None:
		return value
	value = generator()
	if value is not None and may_keep(key):
		if field is None:
			frappe.cache.set_value(key, value)
		else:
			frappe.cache.hset(key, field, value)
	return value


def may_keep(key: str) -> bool:
	"""Whether a value read now may be put into `key`: not while this transaction has changed
	what it is read from (a savepoint rolled back later would leave the value behind)."""
	return key not in (getattr(frappe.local, CHANGED, None) or ())


def _transaction_ended():
	changed = getattr(frappe.local, CHANGED, None)
	setattr(frappe.local, CHANGED, set())
	if changed:
		frappe.cache.delete_value(list(changed))


def clear_cache():
	"""hooks.py clear_cache (bench clear-cache, migrate, frappe.clear_cache()): forget every value."""
	frappe.cache.delete_value(list(CACHED))


def units_changed(doc=None, method=None):
	"""A Supervision Unit or a Jurisdiction saved, renamed or deleted (hooks.py doc_events): the
	units handling each jurisdiction are read again."""
	forget(HANDLING_UNITS)


def translations_changed(doc=None, method=None):
	"""Translation saved or deleted (hooks.py doc_events): labels kept translated are read again."""
	forget(CHANNEL_LABELS)
