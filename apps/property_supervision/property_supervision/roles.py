"""The app's roles (SPEC §5). Shipped as fixtures: the app owns them outright."""

SUPERVISION_ADMIN = "Supervision Admin"
DISTRICT_SUPERVISOR = "District Supervisor"
ASSESSMENT_OFFICER = "Assessment Officer"
AREA_OFFICER = "Area Officer"
COMMUNITY_OFFICER = "Community Officer"
ENTERPRISE_USER = "Enterprise User"
COMMITTEE_MEMBER = "Committee Member"
JOINT_MEETING_MEMBER = "Joint Meeting Member"
# the 12345 hotline platform's API user (API key only, no desk): SPEC §12
HOTLINE_INTEGRATION = "Hotline Integration"
# officers of a lead department (区属职能部门): scoped by User Permission on Supervision Unit, SPEC §14
DEPARTMENT_OFFICER = "Department Officer"

ALL_ROLES = (
	SUPERVISION_ADMIN,
	DISTRICT_SUPERVISOR,
	ASSESSMENT_OFFICER,
	AREA_OFFICER,
	COMMUNITY_OFFICER,
	ENTERPRISE_USER,
	COMMITTEE_MEMBER,
	JOINT_MEETING_MEMBER,
	HOTLINE_INTEGRATION,
	DEPARTMENT_OFFICER,
)
