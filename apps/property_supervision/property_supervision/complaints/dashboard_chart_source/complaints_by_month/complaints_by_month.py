"""Dashboard Chart Source "Complaints by Month": complaints received in each of the last months
(12 unless the chart's filters say otherwise), as many as the user may read, from the monthly
totals kept as complaints are filed (complaints/monthly.py). Administrators edit the chart
(type, colour, filters: jurisdiction with its subtree, enterprise, months) in the desk."""

import frappe
from frappe import _
from frappe.utils import add_months, cint, get_first_day, getdate, nowdate

from property_supervision.complaints import monthly

MAX_MONTHS = 120


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
) -> dict:
	# what it counts is scoped to the complaints the user may read (monthly.counts_by_month); the
	# chart's own record was read by the desk with its permission check when the widget loaded
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	if isinstance(filters, list):  # [[doctype, field, "=", value], …] from a filter group
		filters = {f[1]: f[3] for f in filters if len(f) >= 4}
	filters = dict(filters or {})
	months = min(max(cint(filters.pop("months", None)) or 12, 1), MAX_MONTHS)
	last = get_first_day(getdate(to_date or nowdate()))
	first = add_months(last, -(months - 1))
	counts = monthly.counts_by_month(first.isoformat(), last.isoformat(), filters)
	labels, values = [], []
	for i in range(months):
		month = add_months(first, i)
		labels.append(_("Month {0} of {1}").format(month.month, month.year))
		values.append(counts.get(month.isoformat(), 0))
	return {"labels": labels, "datasets": [{"name": _("Complaints by Month"), "values": values}]}
