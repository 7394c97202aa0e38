"""A frozen clock for replaying the past: the demo data takes each step of a complaint at its
historical time, and tests run the controllers "as if it were" a given moment. Both use
freezegun the way v15's FrappeTestCase.freeze_time does (the moment is in the system time zone),
so the controllers read the real clock (frappe.utils.now_datetime) and carry no flag of their own.
"""

from contextlib import contextmanager

import pytz
from frappe.utils import get_datetime, get_system_timezone


def _utc(moment):
	return pytz.timezone(get_system_timezone()).localize(get_datetime(moment)).astimezone(pytz.utc)


class Clock:
	"""What `frozen_at` yields: `move_to(moment)` sets the frozen time to another local moment."""

	def __init__(self, freezer):
		self._freezer = freezer

	def move_to(self, moment):
		self._freezer.move_to(_utc(moment))


@contextmanager
def frozen_at(moment=None):
	"""Freeze the clock at `moment` (local time; None: the clock runs as usual)."""
	if moment is None:
		yield None
		return
	from freezegun import freeze_time

	with freeze_time(_utc(moment)) as freezer:
		yield Clock(freezer)
