"""Row-level access (SPEC §5).

Scoping itself is Frappe's User Permission, set by administrators in the desk:
- Area / Community Officer: a User Permission on `Jurisdiction` (the area or community; the
  subtree below it is included), applied through the `jurisdiction` link every controlled
  DocType carries;
- Enterprise User: a User Permission on `Property Enterprise`, applied through `enterprise`;
- Committee Member: a User Permission on `Residential Compound`, applied through `compound`.
System Settings' "Apply Strict User Permissions" is switched on at install, so records whose
restricting link is empty stay hidden from restricted users.

What User Permission cannot express is the failure case: a restricted user whose scope has
not been set yet would see everything. The hooks below close that gap, on every path that
goes through Frappe's permission checks (form, list, report, link search, print, export, REST):
such a user sees nothing of the controlled DocTypes until an administrator sets the scope.
"""

import frappe

from property_supervision.roles import (
	AREA_OFFICER,
	ASSESSMENT_OFFICER,
	COMMITTEE_MEMBER,
	COMMUNITY_OFFICER,
	DEPARTMENT_OFFICER,
	DISTRICT_SUPERVISOR,
	ENTERPRISE_USER,
	JOINT_MEETING_MEMBER,
	SUPERVISION_ADMIN,
)

# roles that see the whole district
UNRESTRICTED_ROLES = {
	"Administrator",
	"System Manager",
	SUPERVISION_ADMIN,
	DISTRICT_SUPERVISOR,
	ASSESSMENT_OFFICER,
}

# restricted role -> the DocType whose User Permission scopes it
SCOPE_DOCTYPES = {
	AREA_OFFICER: "Jurisdiction",
	COMMUNITY_OFFICER: "Jurisdiction",
	ENTERPRISE_USER: "Property Enterprise",
	COMMITTEE_MEMBER: "Residential Compound",
	DEPARTMENT_OFFICER: "Supervision Unit",
}
# the only DocTypes a Department Officer's scope restricts (a user who is also, say, a joint
# meeting member keeps that role's view of the complaints)
DEPARTMENT_DOCTYPES = ("Facility Rectification Item", "Four-to-Household Plan")


def missing_scope(user: str | None = None, doctype: str | None = None) -> bool:
	"""True when the user has a restricted role but not the User Permission that scopes it (for a
	Department Officer: on the DocTypes of their work, DEPARTMENT_DOCTYPES, or any when not given)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	if roles & UNRESTRICTED_ROLES:
		return False
	scoped = [
		scope
		for role, scope in SCOPE_DOCTYPES.items()
		if role in roles and (role != DEPARTMENT_OFFICER or doctype in (None, *DEPARTMENT_DOCTYPES))
	]
	if not scoped:
		return False
	permitted = frappe.permissions.get_user_permissions(user)
	return any(scope not in permitted for scope in scoped)


def joint_meeting_member_only(user: str | None = None) -> bool:
	"""True for a Joint Meeting Member without any other role that reads complaints: such a
	member (police, justice bureau, …) sees only the complaints put before a joint meeting."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return JOINT_MEETING_MEMBER in roles and not roles & (
		UNRESTRICTED_ROLES | (set(SCOPE_DOCTYPES) - {DEPARTMENT_OFFICER})
	)


# the complaints a joint meeting member sees: at the joint meeting level, or listed on a meeting
JOINT_MEETING_COMPLAINTS = (
	"(`tabComplaint`.current_level = 'Joint Meeting' or ifnull(`tabComplaint`.joint_meeting, '') != '')"
)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for the controlled DocTypes."""
	if missing_scope(user, doctype):
		return "1=0"
	if doctype == "Complaint" and joint_meeting_member_only(user):
		return JOINT_MEETING_COMPLAINTS
	return ""


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""has_permission for the controlled DocTypes (v15: it can only deny)."""
	if missing_scope(user, doc.doctype):
		return False
	if doc.doctype == "Complaint" and joint_meeting_member_only(user):
		if not (doc.get("current_level") == "Joint Meeting" or doc.get("joint_meeting")):
			return False
	return None


# DocTypes whose records are scoped by jurisdiction, enterprise or compound
CONTROLLED_DOCTYPES = (
	"Property Enterprise",
	"Property Practitioner",
	"Residential Compound",
	"Service Contract",
	"Owners Committee",
	"Owners Assembly",
	"Handover Inspection",
	"Takeover Plan",
	"Publicity Record",
	"Complaint",
	"Joint Meeting",
	"Credit Record",
	"Credit Score Log",
	"Training Session",
	"Assessment",
	"Supervision Inspection",
	"Rectification Notice",
)

# the facility and 四到户 work (SPEC §14): items scoped by lead unit and by compound's jurisdiction
CONTROLLED_DOCTYPES += (
	"Facility Rectification Plan",
	"Facility Rectification Item",
	"Four-to-Household Plan",
)


def department_officer_only(user: str | None = None) -> bool:
	"""True for a Department Officer without a district-wide role: such an officer updates only the
	progress of their unit's items (registry/facilities.py)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return DEPARTMENT_OFFICER in roles and not roles & UNRESTRICTED_ROLES

# performance results and accountability records (Assessment, SPEC §14): scoped by the jurisdiction
# of the area or community concerned; a department's have none and only the district's offices see them
CONTROLLED_DOCTYPES += ("Performance Result", "Accountability Record")
