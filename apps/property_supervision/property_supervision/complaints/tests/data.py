"""A small, fully known set of complaints for the report, card and print tests.

Complaints are created through the document (so the controller runs as in the desk); the
figures the statistics count (dates, overdue flag, satisfaction) are then written directly, as
the workflow and the SLA job would have left them on those dates."""

import frappe
from frappe.utils import add_to_date, get_datetime, now_datetime

from property_supervision.tests.factories import (
	make_area,
	make_category,
	make_community,
	make_complaint,
	make_compound,
	make_enterprise,
	set_figures,
)

DISTRICT = "水磨沟区"
AREA = "统计测试片区管委会"
OTHER_AREA = "统计测试外片区管委会"
COMMUNITY_A = "统计测试甲社区"
COMMUNITY_B = "统计测试乙社区"
COMMUNITY_C = "统计测试丙社区"
COMPOUND_NAMES = {COMMUNITY_A: "统计测试甲小区", COMMUNITY_B: "统计测试乙小区", COMMUNITY_C: "统计测试丙小区"}
ENTERPRISE_1 = "统计测试第一物业服务有限公司"
ENTERPRISE_2 = "统计测试第二物业服务有限公司"
QUALITY = "Service Quality"
FEES = "Fees and Charges"

# (key, community, enterprise no., category, received_on, resolved_on, is_overdue, satisfaction)
COMPLAINTS = (
	("A1", COMMUNITY_A, 1, QUALITY, "2025-01-10 09:00:00", "2025-01-12 09:00:00", 0, "Satisfied"),
	("A2", COMMUNITY_A, 1, FEES, "2025-01-20 08:00:00", "2025-01-21 20:00:00", 0, "Dissatisfied"),
	("A3", COMMUNITY_B, 2, QUALITY, "2025-02-03 10:00:00", None, 1, None),
	("A4", COMMUNITY_B, 2, QUALITY, "2025-02-05 10:00:00", "2025-02-06 10:00:00", 0, "Basically Satisfied"),
	("B1", COMMUNITY_C, 1, QUALITY, "2025-01-15 10:00:00", "2025-01-25 10:00:00", 0, "Satisfied"),
	# before the period the tests ask for
	("A5", COMMUNITY_A, 1, QUALITY, "2024-12-20 10:00:00", "2024-12-21 10:00:00", 0, None),
	# resolved just now: the "Resolved This Month" card counts it
	("R1", COMMUNITY_B, 2, FEES, "now", "now", 0, "Satisfied"),
)
FROM_DATE, TO_DATE = "2025-01-01", "2025-02-28"


def load() -> frappe._dict:
	"""Create the data set once per site; returns the names created."""
	make_area(AREA)
	make_area(OTHER_AREA)
	make_community(COMMUNITY_A, AREA)
	make_community(COMMUNITY_B, AREA)
	make_community(COMMUNITY_C, OTHER_AREA)
	enterprises = {1: make_enterprise(ENTERPRISE_1).name, 2: make_enterprise(ENTERPRISE_2).name}
	make_category(QUALITY)
	make_category(FEES)
	compounds = {}
	for _key, community, enterprise, *_rest in COMPLAINTS:
		compounds[(community, enterprise)] = make_compound(
			f"{COMPOUND_NAMES[community]}{enterprise}", community, enterprise=enterprises[enterprise]
		)

	names = {}
	for key, community, enterprise, category, received_on, resolved_on, overdue, satisfaction in COMPLAINTS:
		marker = f"统计测试投诉{key}"
		name = frappe.db.get_value("Complaint", {"description": marker}, "name")
		if not name:
			name = make_complaint(compounds[(community, enterprise)], category, description=marker).name
		if received_on == "now":
			resolved_on = now_datetime()
			received_on = add_to_date(resolved_on, hours=-1)
		set_figures(
			name,
			jurisdiction=community,
			enterprise=enterprises[enterprise],
			category=category,
			received_on=get_datetime(received_on),
			resolved_on=get_datetime(resolved_on) if resolved_on else None,
			is_overdue=overdue,
			was_overdue=overdue,
			satisfaction=satisfaction,
			workflow_state="Resolved" if resolved_on else "Area Handling",
		)
		names[key] = name
	return frappe._dict(enterprises=enterprises, complaints=names, compounds=compounds)
