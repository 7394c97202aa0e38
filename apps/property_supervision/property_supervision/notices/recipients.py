"""Who hears about a document (SPEC §10): the one place that answers it.

Every notice (the Notification records, through their recipient rows' "Audience", see
notification.py) and every piece of code that needs "the officers of this community" asks this
module. The rules, the same for every caller:

- Officers of a jurisdiction: enabled users of the role(s) holding a User Permission on
  Jurisdiction for the jurisdiction itself or for one above it in the tree. A permission with
  `hide_descendants` covers only its own jurisdiction, not those below it. A permission limited to
  other DocTypes (`apply_to_all_doctypes` off and `applicable_for` another DocType) does not count
  for a notice about a document of this DocType. A user without any such permission is not an
  officer of the jurisdiction (district-wide roles are addressed by role).
- Users of an enterprise: enabled Enterprise Users with a User Permission on that Property
  Enterprise (same `applicable_for` rule).
- Users of a Supervision Unit: enabled users with a User Permission on that unit.
- Participants of a joint meeting: the users of its convener and participating units.
- Invitees of a training session: the users of every invited enterprise, the committee members
  of every invited owners' committee (User Permission on its compound), the users of every
  invited unit.
- The target of an assessment: the officers of the assessed area or community (permission on it
  exactly), or the users of the assessed enterprise.
"""

import frappe

from property_supervision.roles import (
	AREA_OFFICER,
	COMMITTEE_MEMBER,
	COMMUNITY_OFFICER,
	DEPARTMENT_OFFICER,
	DISTRICT_SUPERVISOR,
	ENTERPRISE_USER,
)

SYSTEM_USERS = ("Administrator", "Guest")

# complaint levels (Complaint.current_level)
COMMUNITY, AREA, DISTRICT, JOINT_MEETING = "Community", "Area", "District", "Joint Meeting"
LEVEL_ROLES = {COMMUNITY: COMMUNITY_OFFICER, AREA: AREA_OFFICER}


# --- building blocks -------------------------------------------------------------------------


def enabled_users(users, roles=None) -> list[str]:
	"""The enabled users among `users` (having one of `roles` when given), sorted."""
	users = [u for u in set(users or ()) if u and u not in SYSTEM_USERS]
	if not users:
		return []
	if roles:
		roles = [roles] if isinstance(roles, str) else list(roles)
		users = frappe.get_all(
			"Has Role",
			filters={"parenttype": "User", "parent": ("in", users), "role": ("in", roles)},
			pluck="parent",
			distinct=True,
		)
		if not users:
			return []
	return sorted(frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="name"))


def role_users(role: str) -> list[str]:
	"""Enabled users of a role (district-wide roles: every District Supervisor)."""
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	users = (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where((has_role.role == role) & (has_role.parenttype == "User") & (user.enabled == 1))
		.run(pluck=True)
	)
	return sorted(u for u in users if u not in SYSTEM_USERS)


def _applies(permission, doctype: str | None) -> bool:
	return (
		not doctype
		or frappe.utils.cint(permission.apply_to_all_doctypes)
		or permission.applicable_for == doctype
	)


def permitted_users(allow: str, values, doctype: str | None = None) -> list[str]:
	"""Users holding a User Permission on `allow` for one of `values` that applies to `doctype`."""
	values = [v for v in ([values] if isinstance(values, str) else values or ()) if v]
	if not values:
		return []
	return list(
		{
			p.user
			for p in frappe.get_all(
				"User Permission",
				filters={"allow": allow, "for_value": ("in", values)},
				fields=["user", "apply_to_all_doctypes", "applicable_for"],
			)
			if _applies(p, doctype)
		}
	)


def jurisdiction_users(
	jurisdiction: str | None,
	roles,
	doctype: str | None = None,
	*,
	above_only: bool = False,
	exact: bool = False,
) -> list[str]:
	"""Enabled users of `roles` whose User Permission on Jurisdiction covers `jurisdiction` (it or a
	jurisdiction above it; `hide_descendants` covers only itself; only permissions that apply to
	`doctype`). `above_only`: not those whose permission is the jurisdiction itself (an area
	officer, not the community's); `exact`: only those whose permission is the jurisdiction itself."""
	if not jurisdiction:
		return []
	bounds = frappe.db.get_value("Jurisdiction", jurisdiction, ["lft", "rgt"])
	if not bounds:
		return []
	if exact:
		scope = [jurisdiction]
	else:
		scope = frappe.get_all(
			"Jurisdiction",
			filters={"lft": ("<=", bounds[0]), "rgt": (">=", bounds[1])},
			pluck="name",
			order_by="lft",
		)
	if above_only:
		scope = [j for j in scope if j != jurisdiction]
	if not scope:
		return []
	users = {
		p.user
		for p in frappe.get_all(
			"User Permission",
			filters={"allow": "Jurisdiction", "for_value": ("in", scope)},
			fields=["user", "for_value", "apply_to_all_doctypes", "applicable_for", "hide_descendants"],
		)
		if _applies(p, doctype) and (p.for_value == jurisdiction or not frappe.utils.cint(p.hide_descendants))
	}
	return enabled_users(users, roles)


def enterprise_users(enterprise: str | None, doctype: str | None = None) -> list[str]:
	"""Enabled Enterprise Users scoped (User Permission) to `enterprise`."""
	return enabled_users(permitted_users("Property Enterprise", enterprise, doctype), ENTERPRISE_USER)


def unit_users(units, doctype: str | None = None) -> list[str]:
	"""Enabled users scoped (User Permission) to one of the Supervision Units."""
	return enabled_users(permitted_users("Supervision Unit", units, doctype))


def committee_members(committees, doctype: str | None = None) -> list[str]:
	"""Enabled Committee Members scoped to the compound of one of the owners' committees."""
	committees = [c for c in committees or () if c]
	if not committees:
		return []
	compounds = frappe.get_all("Owners Committee", filters={"name": ("in", committees)}, pluck="compound")
	return enabled_users(permitted_users("Residential Compound", compounds, doctype), COMMITTEE_MEMBER)


# --- complaints --------------------------------------------------------------------------------


def level_users(level: str | None, jurisdiction: str | None, doctype: str = "Complaint") -> list[str]:
	"""Who handles complaints of a community at a level: every District Supervisor for the district
	and joint meetings; otherwise the level's officers covering the community (an area officer
	through a permission above the community)."""
	if level in (DISTRICT, JOINT_MEETING):
		return role_users(DISTRICT_SUPERVISOR)
	role = LEVEL_ROLES.get(level)
	if not role:
		return []
	return jurisdiction_users(jurisdiction, role, doctype, above_only=level == AREA)


def previous_level(doc) -> str | None:
	"""The level a complaint was handled at before its current one (from its handling log)."""
	for row in reversed(doc.get("handling_log") or []):
		if row.level and row.level != doc.get("current_level"):
			return row.level
	return None


# --- the documents' own audiences ------------------------------------------------------------------


def meeting_participants(meeting) -> list[str]:
	units = [meeting.get("convener"), *(row.unit for row in meeting.get("participants") or [])]
	return unit_users(units)


def training_invitees(session) -> list[str]:
	rows = session.get("attendees") or []
	users = set()
	for enterprise in {r.enterprise for r in rows if r.get("enterprise")}:
		users.update(enterprise_users(enterprise))
	users.update(committee_members({r.owners_committee for r in rows if r.get("owners_committee")}))
	users.update(unit_users({r.unit for r in rows if r.get("unit")}))
	return sorted(users)


def assessment_target(assessment) -> list[str]:
	if assessment.get("target_doctype") == "Property Enterprise":
		return enterprise_users(assessment.get("target_name"))
	if assessment.get("target_doctype") == "Jurisdiction":
		return jurisdiction_users(
			assessment.get("target_name"), (AREA_OFFICER, COMMUNITY_OFFICER), exact=True
		)
	if assessment.get("target_doctype") == "Supervision Unit":
		# a department assessed (or its performance result): the unit's users
		return unit_users([assessment.get("target_name")])
	return []


def document_enterprise(doc) -> str | None:
	if doc.doctype == "Property Enterprise":
		return doc.name
	return doc.get("enterprise") or doc.get("current_enterprise")


def document_jurisdiction(doc) -> str | None:
	if doc.doctype == "Jurisdiction":
		return doc.name
	return doc.get("jurisdiction")


# --- the audiences a Notification's recipient row may name (Notification Recipient ps_audience) ------

ROLE_IN_JURISDICTION = "Role in the Jurisdiction"
HANDLING_LEVEL = "Handling Level"
PREVIOUS_LEVEL = "Previous Level"
ENTERPRISE = "Enterprise Users"
PARTICIPANTS = "Meeting Participants"
INVITEES = "Training Invitees"
TARGET = "Assessment Target"

AUDIENCES = (ROLE_IN_JURISDICTION, HANDLING_LEVEL, PREVIOUS_LEVEL, ENTERPRISE, PARTICIPANTS, INVITEES, TARGET)
# audiences that need the row's role (the others may narrow their users down to it)
AUDIENCES_NEEDING_ROLE = (ROLE_IN_JURISDICTION,)


def audience(rule: str, doc, role: str | None = None) -> list[str]:
	"""The users of a recipient row's audience for a document; a role narrows them down."""
	if rule == ROLE_IN_JURISDICTION:
		return jurisdiction_users(document_jurisdiction(doc), role, doc.doctype) if role else []
	if rule == HANDLING_LEVEL:
		users = level_users(doc.get("current_level"), doc.get("jurisdiction"))
	elif rule == PREVIOUS_LEVEL:
		users = level_users(previous_level(doc), doc.get("jurisdiction"))
	elif rule == ENTERPRISE:
		users = enterprise_users(document_enterprise(doc), doc.doctype)
	elif rule == PARTICIPANTS:
		users = meeting_participants(doc)
	elif rule == INVITEES:
		users = training_invitees(doc)
	elif rule == TARGET:
		users = assessment_target(doc)
	elif rule == LEAD_UNIT:
		users = unit_officers(doc.get("lead_unit"), doc.doctype)
	else:
		return []
	return enabled_users(users, role) if role else users


def contact_of(users, field: str) -> list[str]:
	"""The users' e-mail addresses (field "email") or mobile numbers ("mobile_no")."""
	if not users:
		return []
	return [
		v
		for v in frappe.get_all("User", filters={"name": ("in", list(users)), "enabled": 1}, pluck=field)
		if v
	]


# --- facility and 四到户 work (SPEC §14) ---------------------------------------------------------

# audience: the Department Officers of the document's lead unit (`lead_unit`)
LEAD_UNIT = "Lead Unit Officers"
AUDIENCES = (*AUDIENCES, LEAD_UNIT)


def unit_officers(units, doctype: str | None = None) -> list[str]:
	"""Enabled Department Officers scoped (User Permission) to one of the Supervision Units."""
	return enabled_users(permitted_users("Supervision Unit", units, doctype), DEPARTMENT_OFFICER)
