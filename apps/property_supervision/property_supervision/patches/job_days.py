"""The days the daily jobs last handled (credit record expiry, the missing-calendar reminder) move
from the site-wide defaults to the jobs' own (utils/sweep.py record_day): recording them there
made Frappe clear the whole site cache every day, so the first page of every user after the job
rebuilt every DocType's meta. A site that already has the day under the jobs' parent keeps it."""

import frappe
from frappe.defaults import clear_default

from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
	REMINDED_ON_KEY,
)
from property_supervision.credit.jobs import LAST_EXPIRY_RUN
from property_supervision.utils import sweep


def execute():
	for key in (LAST_EXPIRY_RUN, REMINDED_ON_KEY):
		value = frappe.db.get_default(key)
		if value is None:
			continue
		if value and not sweep.recorded_day(key):
			sweep.record_day(key, value)
		clear_default(key, parent="__default")
