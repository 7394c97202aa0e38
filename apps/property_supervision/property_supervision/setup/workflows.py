"""The default workflows (SPEC §4). Created once per site by setup.defaults; from then on they
belong to the administrators, who edit them in the desk (Workflow), and nothing here touches
them again."""

import frappe

from property_supervision.roles import (
	AREA_OFFICER,
	ASSESSMENT_OFFICER,
	COMMUNITY_OFFICER,
	DISTRICT_SUPERVISOR,
	ENTERPRISE_USER,
	SUPERVISION_ADMIN,
)

# state -> indicator style (Workflow State.style)
STATE_STYLES = {
	"Draft": "",
	"Pending Review": "Warning",
	"Filed": "Success",
	"Returned": "Danger",
	"Revoked": "Inverse",
	"Preparing": "",
	"Elected": "Info",
	"Term Expired": "Inverse",
	"In Progress": "Warning",
	"Completed": "Success",
	"Rejected": "Danger",
	"Pending": "Warning",
	"Community Handling": "Primary",
	"Area Handling": "Primary",
	"District Handling": "Primary",
	"Joint Meeting": "Info",
	"Resolved": "Success",
	"Closed": "Inverse",
	"Confirmed": "Success",
	"Planned": "",
	"Published": "Success",
	"Self Assessment": "",
	"Scoring": "Warning",
	"Review": "Info",
	"Notice Published": "Info",
	"Held": "Warning",
	"Result Published": "Success",
}


def _workflow(name, document_type, states, transitions, without_workflow_actions=False, optional_states=()):
	"""states: (state, roles allowed to edit in that state); transitions: (state, action, next, role).

	without_workflow_actions marks every state optional, so Frappe keeps no Workflow Action
	records (an approval inbox) for the DocType: for complaints the handling unit, deadlines,
	ToDos and notifications already say who acts next, and at 300,000 complaints a year those
	records would only cost writes on every transition. optional_states marks only those: no
	inbox entry offers an action leading to them."""
	return {
		"workflow_name": name,
		"document_type": document_type,
		"workflow_state_field": "workflow_state",
		"is_active": 1,
		"send_email_alert": 0,
		"states": [
			{
				"state": state,
				"doc_status": "0",
				"allow_edit": edit_role,
				"is_optional_state": 1 if without_workflow_actions or state in optional_states else 0,
			}
			for state, edit_role in states
		],
		"transitions": [
			{
				"state": state,
				"action": action,
				"next_state": next_state,
				"allowed": role,
				"allow_self_approval": 1,
			}
			for state, action, next_state, role in transitions
		],
	}


WORKFLOWS = [
	_workflow(
		"Property Enterprise Filing",
		"Property Enterprise",
		states=[
			("Draft", ENTERPRISE_USER),
			("Pending Review", DISTRICT_SUPERVISOR),
			("Filed", DISTRICT_SUPERVISOR),
			("Returned", ENTERPRISE_USER),
			("Revoked", DISTRICT_SUPERVISOR),
		],
		transitions=[
			("Draft", "Submit for Review", "Pending Review", ENTERPRISE_USER),
			("Draft", "Submit for Review", "Pending Review", DISTRICT_SUPERVISOR),
			("Pending Review", "Approve Filing", "Filed", DISTRICT_SUPERVISOR),
			("Pending Review", "Return for Revision", "Returned", DISTRICT_SUPERVISOR),
			("Returned", "Submit for Review", "Pending Review", ENTERPRISE_USER),
			("Returned", "Submit for Review", "Pending Review", DISTRICT_SUPERVISOR),
			("Filed", "Revoke Filing", "Revoked", DISTRICT_SUPERVISOR),
			("Revoked", "Submit for Review", "Pending Review", ENTERPRISE_USER),
		],
	),
	_workflow(
		"Owners Committee Filing",
		"Owners Committee",
		states=[
			("Preparing", COMMUNITY_OFFICER),
			("Elected", COMMUNITY_OFFICER),
			("Filed", AREA_OFFICER),
			("Term Expired", AREA_OFFICER),
		],
		transitions=[
			("Preparing", "Record Election", "Elected", COMMUNITY_OFFICER),
			("Preparing", "Record Election", "Elected", AREA_OFFICER),
			("Elected", "Approve Filing", "Filed", AREA_OFFICER),
			("Elected", "Return for Revision", "Preparing", AREA_OFFICER),
			("Filed", "Expire Term", "Term Expired", AREA_OFFICER),
			("Filed", "Expire Term", "Term Expired", COMMUNITY_OFFICER),
		],
	),
	*[
		_workflow(
			f"{doctype} Process",
			doctype,
			states=[
				("Draft", AREA_OFFICER),
				("In Progress", AREA_OFFICER),
				("Completed", DISTRICT_SUPERVISOR),
				("Rejected", DISTRICT_SUPERVISOR),
			],
			transitions=[
				("Draft", "Begin Processing", "In Progress", AREA_OFFICER),
				("Draft", "Begin Processing", "In Progress", DISTRICT_SUPERVISOR),
				("In Progress", "Mark Completed", "Completed", AREA_OFFICER),
				("In Progress", "Mark Completed", "Completed", DISTRICT_SUPERVISOR),
				("In Progress", "Mark Rejected", "Rejected", DISTRICT_SUPERVISOR),
			],
		)
		for doctype in ("Handover Inspection", "Takeover Plan")
	],
	# Three levels, "小事不出社区，大事化解区内": each level resolves or hands up. The daily SLA job
	# (complaints/doctype/complaint) applies the escalation actions to overdue complaints.
	_workflow(
		"Complaint Handling",
		"Complaint",
		states=[
			("Pending", COMMUNITY_OFFICER),
			("Community Handling", COMMUNITY_OFFICER),
			("Area Handling", AREA_OFFICER),
			("District Handling", DISTRICT_SUPERVISOR),
			("Joint Meeting", DISTRICT_SUPERVISOR),
			("Resolved", COMMUNITY_OFFICER),
			("Closed", SUPERVISION_ADMIN),
			("Rejected", SUPERVISION_ADMIN),
		],
		transitions=[
			("Pending", "Accept", "Community Handling", COMMUNITY_OFFICER),
			("Pending", "Accept", "Community Handling", AREA_OFFICER),
			("Pending", "Reject Complaint", "Rejected", COMMUNITY_OFFICER),
			("Pending", "Reject Complaint", "Rejected", AREA_OFFICER),
			("Community Handling", "Resolve", "Resolved", COMMUNITY_OFFICER),
			("Community Handling", "Escalate to Area", "Area Handling", COMMUNITY_OFFICER),
			("Area Handling", "Resolve", "Resolved", AREA_OFFICER),
			("Area Handling", "Escalate to District", "District Handling", AREA_OFFICER),
			("Area Handling", "Refer to Joint Meeting", "Joint Meeting", AREA_OFFICER),
			("District Handling", "Resolve", "Resolved", DISTRICT_SUPERVISOR),
			("District Handling", "Refer to Joint Meeting", "Joint Meeting", DISTRICT_SUPERVISOR),
			("District Handling", "Return to Area", "Area Handling", DISTRICT_SUPERVISOR),
			("Joint Meeting", "Resolve", "Resolved", DISTRICT_SUPERVISOR),
			# a joint meeting hands a dispute back to the level that must carry out its decision
			("Joint Meeting", "Return to Area", "Area Handling", DISTRICT_SUPERVISOR),
			("Joint Meeting", "Return to District", "District Handling", DISTRICT_SUPERVISOR),
			("Resolved", "Close", "Closed", COMMUNITY_OFFICER),
			("Resolved", "Close", "Closed", AREA_OFFICER),
			("Resolved", "Reopen", "Community Handling", COMMUNITY_OFFICER),
			# a 不满意 rating reopens the complaint at the level that resolved it, a second one at the
			# district (complaints/rating.py, by the meaning Reopens)
			("Resolved", "Reopen at Area", "Area Handling", AREA_OFFICER),
			("Resolved", "Reopen at District", "District Handling", DISTRICT_SUPERVISOR),
		],
		without_workflow_actions=True,
	),
	_workflow(
		"Credit Record Confirmation",
		"Credit Record",
		states=[
			("Draft", COMMUNITY_OFFICER),
			("Draft", AREA_OFFICER),
			("Draft", DISTRICT_SUPERVISOR),
			("Confirmed", DISTRICT_SUPERVISOR),
			# the enterprise may lodge an objection to a confirmed record
			("Confirmed", ENTERPRISE_USER),
			("Revoked", DISTRICT_SUPERVISOR),
		],
		transitions=[
			("Draft", "Confirm", "Confirmed", DISTRICT_SUPERVISOR),
			("Draft", "Revoke Record", "Revoked", DISTRICT_SUPERVISOR),
			("Confirmed", "Revoke Record", "Revoked", DISTRICT_SUPERVISOR),
		],
		# a confirmed record's only next step is its revocation, which is no task waiting in the
		# district's inbox: Workflow Action records are kept for drafts awaiting confirmation only
		# (not one per confirmed record: the daily credit job confirms dozens a day)
		optional_states=("Revoked",),
	),
	_workflow(
		"Training Session Process",
		"Training Session",
		states=[
			("Planned", DISTRICT_SUPERVISOR),
			("Planned", AREA_OFFICER),
			("Published", DISTRICT_SUPERVISOR),
			("Published", AREA_OFFICER),
			("Completed", DISTRICT_SUPERVISOR),
			("Completed", AREA_OFFICER),
			# corrects the attendance of a completed session (the controller allows no one else)
			("Completed", SUPERVISION_ADMIN),
		],
		transitions=[
			("Planned", "Publish", "Published", DISTRICT_SUPERVISOR),
			("Planned", "Publish", "Published", AREA_OFFICER),
			("Published", "Mark Completed", "Completed", DISTRICT_SUPERVISOR),
			("Published", "Mark Completed", "Completed", AREA_OFFICER),
		],
	),
	# target → assessor → Assessment Officer (三级考核: the district assesses areas and
	# subdistricts, areas assess communities, the supervision office assesses enterprises)
	_workflow(
		"Assessment Process",
		"Assessment",
		states=[
			("Self Assessment", AREA_OFFICER),
			("Self Assessment", COMMUNITY_OFFICER),
			("Self Assessment", ENTERPRISE_USER),
			("Scoring", DISTRICT_SUPERVISOR),
			("Scoring", AREA_OFFICER),
			("Scoring", ASSESSMENT_OFFICER),
			("Review", ASSESSMENT_OFFICER),
			("Published", ASSESSMENT_OFFICER),
		],
		transitions=[
			("Self Assessment", "Submit Self Assessment", "Scoring", AREA_OFFICER),
			("Self Assessment", "Submit Self Assessment", "Scoring", COMMUNITY_OFFICER),
			("Self Assessment", "Submit Self Assessment", "Scoring", ENTERPRISE_USER),
			("Self Assessment", "Submit Self Assessment", "Scoring", ASSESSMENT_OFFICER),
			("Scoring", "Submit Scores", "Review", DISTRICT_SUPERVISOR),
			("Scoring", "Submit Scores", "Review", AREA_OFFICER),
			("Scoring", "Submit Scores", "Review", ASSESSMENT_OFFICER),
			("Review", "Publish Result", "Published", ASSESSMENT_OFFICER),
			("Review", "Return for Rescoring", "Scoring", ASSESSMENT_OFFICER),
			# a published result withdrawn for correction (its performance result goes with it)
			("Published", "Withdraw Result", "Review", ASSESSMENT_OFFICER),
		],
	),
	# 业主大会 (registry/doctype/owners_assembly): prepared by the preparatory group, announced at
	# least the notice days ahead, held, its result published; a committee is recorded as elected
	# only from a published election result
	_workflow(
		"Owners Assembly Meeting",
		"Owners Assembly",
		states=[
			(state, role)
			for state in ("Preparing", "Notice Published", "Held", "Result Published")
			for role in (COMMUNITY_OFFICER, AREA_OFFICER)
		],
		transitions=[
			(state, action, next_state, role)
			for state, action, next_state in (
				("Preparing", "Publish Notice", "Notice Published"),
				("Notice Published", "Withdraw Notice", "Preparing"),
				("Notice Published", "Record Meeting", "Held"),
				("Held", "Publish Result", "Result Published"),
			)
			for role in (COMMUNITY_OFFICER, AREA_OFFICER)
		],
	),
]


def ensure_state_and_action_masters(definition: dict):
	for row in definition["states"]:
		if not frappe.db.exists("Workflow State", row["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": row["state"],
					"style": STATE_STYLES.get(row["state"], ""),
				}
			).insert(ignore_permissions=True)
	for row in definition["transitions"]:
		if not frappe.db.exists("Workflow Action Master", row["action"]):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": row["action"]}
			).insert(ignore_permissions=True)


def create_workflow(definition: dict):
	"""Create one default workflow, unless a workflow for the DocType already exists."""
	if not frappe.db.exists("DocType", definition["document_type"]):
		return False
	if frappe.db.exists("Workflow", {"document_type": definition["document_type"]}):
		return True
	ensure_state_and_action_masters(definition)
	from property_supervision.workflow_meanings import create_meaning_fields, fill_shipped_meanings

	create_meaning_fields()
	workflow = frappe.get_doc({"doctype": "Workflow", **definition})
	fill_shipped_meanings(workflow)  # what each state and action means to the automation
	workflow.insert(ignore_permissions=True)
	return True


# --- supervision inspections and rectification notices (supervision/) ---------------------------

STATE_STYLES.update({"Issued": "Warning", "Answered": "Info", "Escalated": "Danger", "Refused": "Danger"})

WORKFLOWS += [
	_workflow(
		"Supervision Inspection Process",
		"Supervision Inspection",
		states=[
			("Draft", AREA_OFFICER),
			("Draft", DISTRICT_SUPERVISOR),
			("Completed", DISTRICT_SUPERVISOR),
		],
		transitions=[
			("Draft", "Complete Inspection", "Completed", AREA_OFFICER),
			("Draft", "Complete Inspection", "Completed", DISTRICT_SUPERVISOR),
			("Completed", "Reopen Inspection", "Draft", DISTRICT_SUPERVISOR),
		],
	),
	# 责令限期整改: issued → the enterprise answers → the re-inspection closes it or escalates it;
	# an enterprise that refuses is recorded as such (credit record at once, supervision/rectification.py)
	_workflow(
		"Rectification Notice Process",
		"Rectification Notice",
		states=[
			("Issued", AREA_OFFICER),
			("Issued", DISTRICT_SUPERVISOR),
			("Issued", ENTERPRISE_USER),
			("Answered", AREA_OFFICER),
			("Answered", DISTRICT_SUPERVISOR),
			("Answered", ENTERPRISE_USER),
			("Escalated", DISTRICT_SUPERVISOR),
			("Refused", DISTRICT_SUPERVISOR),
			("Closed", SUPERVISION_ADMIN),
		],
		transitions=[
			("Issued", "Submit Answer", "Answered", ENTERPRISE_USER),
			("Issued", "Submit Answer", "Answered", AREA_OFFICER),
			("Issued", "Submit Answer", "Answered", DISTRICT_SUPERVISOR),
			("Issued", "Record Refusal", "Refused", AREA_OFFICER),
			("Issued", "Record Refusal", "Refused", DISTRICT_SUPERVISOR),
			("Answered", "Close as Rectified", "Closed", AREA_OFFICER),
			("Answered", "Close as Rectified", "Closed", DISTRICT_SUPERVISOR),
			("Answered", "Escalate", "Escalated", AREA_OFFICER),
			("Answered", "Escalate", "Escalated", DISTRICT_SUPERVISOR),
			("Answered", "Return for Rectification", "Issued", AREA_OFFICER),
			("Answered", "Return for Rectification", "Issued", DISTRICT_SUPERVISOR),
			("Escalated", "Close as Rectified", "Closed", DISTRICT_SUPERVISOR),
			("Escalated", "Record Refusal", "Refused", DISTRICT_SUPERVISOR),
			("Refused", "Close as Rectified", "Closed", DISTRICT_SUPERVISOR),
		],
	),
]

# 问责 (assessment/doctype/accountability_record): opened by the district, reviewed and decided or
# dismissed by the District Supervisor; the decided record shows on the unit's performance result
STATE_STYLES.update({"Under Review": "Warning", "Decided": "Danger", "Dismissed": "Inverse"})
WORKFLOWS.append(
	_workflow(
		"Accountability Process",
		"Accountability Record",
		states=[
			("Draft", DISTRICT_SUPERVISOR),
			("Draft", ASSESSMENT_OFFICER),
			("Under Review", DISTRICT_SUPERVISOR),
			("Decided", SUPERVISION_ADMIN),
			("Dismissed", SUPERVISION_ADMIN),
		],
		transitions=[
			("Draft", "Submit for Review", "Under Review", DISTRICT_SUPERVISOR),
			("Draft", "Submit for Review", "Under Review", ASSESSMENT_OFFICER),
			("Under Review", "Decide", "Decided", DISTRICT_SUPERVISOR),
			("Under Review", "Dismiss", "Dismissed", DISTRICT_SUPERVISOR),
			("Under Review", "Return to Draft", "Draft", DISTRICT_SUPERVISOR),
		],
	)
)
