"""Renamed filing states and actions outside the complaints: the owners' committee term job, the
registry's checks for a filed enterprise, the Filed Enterprises card and the credit score follow
the meanings."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_years, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.dashboard import get_filed_enterprises
from property_supervision.registry.doctype.owners_committee.owners_committee import announce_expiring_terms
from property_supervision.tests.factories import (
	make_committee,
	make_compound,
	make_confirmed_record,
	make_contract,
	make_enterprise,
	scored_enterprise,
	setup_credit,
)

COMMUNITY = "含义登记测试社区"
FILED_COMMITTEE = "已备案（业委会改名）"
EXPIRED_COMMITTEE = "任期届满（改名）"
EXPIRE_ACTION = "任期到期（改名）"
FILED_ENTERPRISE = "备案通过（企业改名）"


def workflow_of(doctype: str):
	return frappe.get_doc(
		"Workflow", frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1})
	)


def rename(doctype: str, states: dict[str, str], actions: dict[str, str] | None = None):
	"""What an administrator does in the Workflow form: rename rows, keep their meanings."""
	for name in states.values():
		if not frappe.db.exists("Workflow State", name):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name}).insert()
	for name in (actions or {}).values():
		if not frappe.db.exists("Workflow Action Master", name):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": name}).insert()
	workflow = workflow_of(doctype)
	for row in workflow.states:
		row.state = states.get(row.state, row.state)
	for row in workflow.transitions:
		row.state = states.get(row.state, row.state)
		row.next_state = states.get(row.next_state, row.next_state)
		row.action = (actions or {}).get(row.action, row.action)
	workflow.save()
	return workflow


class TestRegistryMeanings(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("registry_meanings")

	def tearDown(self):
		frappe.db.rollback(save_point="registry_meanings")
		meanings.clear_cache()
		for doctype in ("Owners Committee", "Property Enterprise", "Credit Record"):
			frappe.clear_document_cache("Workflow", workflow_of(doctype).name)
			frappe.clear_cache(doctype=doctype)

	def test_committee_term_job_follows_renamed_states_and_action(self):
		ended = make_committee(
			make_compound("含义登记测试甲小区", COMMUNITY), "Filed", election_date=add_years(nowdate(), -5)
		)
		filed = meanings.state("Owners Committee", meanings.FILED)
		expired = meanings.state("Owners Committee", meanings.TERM_EXPIRED)
		expire = meanings.action_to(ended, meanings.TERM_EXPIRED)
		rename(
			"Owners Committee",
			{filed: FILED_COMMITTEE, expired: EXPIRED_COMMITTEE},
			{expire: EXPIRE_ACTION},
		)
		# the committee moved with its renamed state; the job expires it with the renamed action
		self.assertEqual(
			frappe.db.get_value("Owners Committee", ended.name, "workflow_state"), FILED_COMMITTEE
		)
		result = announce_expiring_terms()
		self.assertIn(ended.name, result["expired"])
		self.assertEqual(
			frappe.db.get_value("Owners Committee", ended.name, "workflow_state"), EXPIRED_COMMITTEE
		)

	def test_filed_enterprise_checks_follow_a_renamed_state(self):
		enterprise = make_enterprise("含义登记测试物业服务有限公司")
		filed = meanings.state("Property Enterprise", meanings.FILED)
		frappe.db.set_value("Property Enterprise", enterprise.name, "workflow_state", filed)
		before = get_filed_enterprises()["value"]
		rename("Property Enterprise", {filed: FILED_ENTERPRISE})
		self.assertEqual(
			frappe.db.get_value("Property Enterprise", enterprise.name, "workflow_state"), FILED_ENTERPRISE
		)
		self.assertEqual(get_filed_enterprises()["value"], before)
		# a service contract needs a filed enterprise: the renamed state still is one
		contract = make_contract(make_compound("含义登记测试乙小区", COMMUNITY), enterprise.name)
		self.assertEqual(contract.status, "Active")

	def test_credit_score_follows_a_renamed_confirmed_state(self):
		from property_supervision.credit.scoring import update_enterprise_credit

		setup_credit()
		enterprise = scored_enterprise("含义信用测试物业服务有限公司")
		base = frappe.db.get_value("Property Enterprise", enterprise, "credit_score")
		make_confirmed_record(enterprise)
		update_enterprise_credit(enterprise)
		scored = frappe.db.get_value("Property Enterprise", enterprise, "credit_score")
		self.assertLess(scored, base)
		confirmed = meanings.state("Credit Record", meanings.CONFIRMED)
		rename("Credit Record", {confirmed: "已确认（信用改名）"})
		update_enterprise_credit(enterprise)
		# the record still counts: its renamed state still means confirmed
		self.assertEqual(frappe.db.get_value("Property Enterprise", enterprise, "credit_score"), scored)
