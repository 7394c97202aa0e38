"""A small, fully known world for the assessment tests: two test areas with their units and
communities, enterprises, old compounds, complaints and the users of every role concerned.

Everything is get-or-create, so a test class may call load() whatever earlier classes left."""

from datetime import date

import frappe
from frappe.utils import getdate, nowdate

from property_supervision.assessment.defaults import (
	AREA_TEMPLATE,
	COMMUNITY_TEMPLATE,
	ENTERPRISE_TEMPLATE,
	create_default_templates,
)
from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.roles import (
	AREA_OFFICER,
	ASSESSMENT_OFFICER,
	COMMUNITY_OFFICER,
	DISTRICT_SUPERVISOR,
	ENTERPRISE_USER,
)
from property_supervision.tests.factories import (
	make_area,
	make_category,
	make_community,
	make_complaint,
	make_compound,
	make_filed_enterprise,
	make_scoped_user,
	make_unit,
	set_figures,
)

DISTRICT = "水磨沟区"
AREA = "考核测试片区管委会"
OTHER_AREA = "考核测试外片区管委会"
COMMUNITY_A = "考核测试甲社区"
COMMUNITY_B = "考核测试乙社区"
COMMUNITY_C = "考核测试丙社区"
ENTERPRISE_1 = "考核测试第一物业服务有限公司"
ENTERPRISE_2 = "考核测试第二物业服务有限公司"
ASSESSMENT_OFFICE = "区综合考核工作领导小组办公室"
QUALITY = "Service Quality"

USER_KEYS = (
	"community_officer",
	"other_community_officer",
	"area_officer",
	"other_area_officer",
	"enterprise_user",
	"other_enterprise_user",
	"unscoped_officer",
	"assessment_officer",
	"district_supervisor",
)

# the year assessed: last year, so that its period has ended
YEAR = getdate(nowdate()).year - 1


def load(prefix: str = "kh", users: tuple[str, ...] | None = None) -> frappe._dict:
	"""Create the world once (per transaction); `prefix` keeps each test module's users apart,
	`users` names the users the module needs (all of USER_KEYS by default: users are slow to make)."""
	create_default_templates()
	make_unit(ASSESSMENT_OFFICE, "Assessment Office")
	make_unit("区建设局物业监督管理办公室", "Supervision Office", is_supervision_office=1)
	make_area(AREA)
	make_area(OTHER_AREA)
	make_community(COMMUNITY_A, AREA)
	make_community(COMMUNITY_B, AREA)
	make_community(COMMUNITY_C, OTHER_AREA)
	enterprise_1 = make_filed_enterprise(ENTERPRISE_1)
	enterprise_2 = make_filed_enterprise(ENTERPRISE_2)

	scopes = {
		"community_officer": ([COMMUNITY_OFFICER], "Jurisdiction", COMMUNITY_A),
		"other_community_officer": ([COMMUNITY_OFFICER], "Jurisdiction", COMMUNITY_C),
		"area_officer": ([AREA_OFFICER], "Jurisdiction", AREA),
		"other_area_officer": ([AREA_OFFICER], "Jurisdiction", OTHER_AREA),
		"enterprise_user": ([ENTERPRISE_USER], "Property Enterprise", enterprise_1),
		"other_enterprise_user": ([ENTERPRISE_USER], "Property Enterprise", enterprise_2),
		"unscoped_officer": ([COMMUNITY_OFFICER], None, None),
		"assessment_officer": ([ASSESSMENT_OFFICER], None, None),
		"district_supervisor": ([DISTRICT_SUPERVISOR], None, None),
	}
	users = frappe._dict(
		{
			key: make_scoped_user(f"{prefix}.{key.replace('_', '.')}@example.com", *scopes[key])
			for key in (USER_KEYS if users is None else users)
		}
	)
	return frappe._dict(
		enterprises={1: enterprise_1, 2: enterprise_2},
		users=users,
		templates=frappe._dict(
			area=AREA_TEMPLATE, community=COMMUNITY_TEMPLATE, enterprise=ENTERPRISE_TEMPLATE
		),
	)


def load_live_data(enterprise: str) -> frappe._dict:
	"""Figures for the indicators of COMMUNITY_A in YEAR: two old compounds (one managed by
	`enterprise` since before the year), four complaints received in the year (three resolved,
	one overdue) and one from the year before."""
	managed = make_compound("考核测试甲老旧小区", COMMUNITY_A, is_old_compound=1, completion_year=1992)
	unmanaged = make_compound("考核测试乙老旧小区", COMMUNITY_A, is_old_compound=1, completion_year=1990)
	set_management(managed, "Professional Enterprise", enterprise, since=date(YEAR - 1, 3, 1))
	make_category(QUALITY)
	complaints = (
		("K1", f"{YEAR}-02-01 09:00:00", f"{YEAR}-02-03 09:00:00", 0),
		("K2", f"{YEAR}-05-01 09:00:00", f"{YEAR}-05-09 09:00:00", 0),
		("K3", f"{YEAR}-09-01 09:00:00", f"{YEAR}-09-20 09:00:00", 1),
		("K4", f"{YEAR}-12-20 09:00:00", None, 1),
		("K0", f"{YEAR - 1}-12-20 09:00:00", f"{YEAR - 1}-12-21 09:00:00", 0),
	)
	for key, received_on, resolved_on, overdue in complaints:
		marker = f"考核测试投诉{key}"
		name = frappe.db.get_value("Complaint", {"description": marker}, "name")
		if not name:
			name = make_complaint(managed, QUALITY, description=marker).name
		set_figures(
			name,
			jurisdiction=COMMUNITY_A,
			enterprise=enterprise,
			received_on=received_on,
			resolved_on=resolved_on,
			is_overdue=overdue,
			was_overdue=overdue,
			workflow_state="Resolved" if resolved_on else "Area Handling",
		)
	return frappe._dict(managed=managed, unmanaged=unmanaged)
