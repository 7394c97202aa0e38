"""Data protection (data_protection/): the oracle attacks of the audit as regression tests, run as
the outsiders would run them — through the framework's endpoints, resolved the way Frappe's request
handler resolves them (override_whitelisted_methods included) — and the owners' view in scope."""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from property_supervision.data_protection.queries import QueryRefusedError
from property_supervision.data_protection.sensitive import SENSITIVE_FIELDS
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	make_complaint,
	make_compound,
	make_enterprise,
	make_enterprise_user,
	make_id_number,
	make_officer,
	make_user,
	use_chinese,
)

TARGET_PHONE = "13987650123"
TARGET_NAME = "保密测试人甲"
MISSING = "TS-1999-99999"


def call(method: str, **kwargs):
	"""Call a whitelisted method as an HTTP request would: the app's override applies."""
	overrides = frappe.get_hooks("override_whitelisted_methods", {}).get(method)
	method = overrides[-1] if overrides else method
	fn = frappe.get_attr(method)
	frappe.is_whitelisted(fn)
	return frappe.call(fn, **kwargs)


class TestDataProtection(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.own_enterprise = make_enterprise("数据保护甲物业有限公司").name
		cls.target_enterprise = make_enterprise("数据保护乙物业有限公司").name
		cls.own_compound = make_compound("数据保护甲小区", "数据保护甲社区", AREA, cls.own_enterprise)
		cls.target_compound = make_compound(
			"数据保护乙小区", "数据保护乙社区", OTHER_AREA, cls.target_enterprise
		)
		cls.target = make_complaint(
			cls.target_compound,
			complainant_name=TARGET_NAME,
			complainant_phone=TARGET_PHONE,
			is_anonymous=1,
			enterprise=cls.target_enterprise,
		).name
		id_number = make_id_number(777, birth="19790315")
		cls.practitioner = frappe.db.get_value("Property Practitioner", {"id_number": id_number}) or (
			frappe.get_doc(
				{
					"doctype": "Property Practitioner",
					"full_name": "数据保护员工",
					"id_number": id_number,
					"enterprise": cls.target_enterprise,
					"phone": "13900001111",
					"status": "Active",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		# outsiders: another area, another enterprise, another compound's committee
		cls.area_outsider = make_officer("dp.area.outsider@example.com", "Area Officer", AREA)
		cls.enterprise_outsider = make_enterprise_user(
			"dp.enterprise.outsider@example.com", cls.own_enterprise
		)
		cls.committee_outsider = make_user("dp.committee.outsider@example.com", ["Committee Member"]).name
		frappe.permissions.add_user_permission(
			"Residential Compound", cls.own_compound, cls.committee_outsider, ignore_permissions=True
		)
		# owners of the target's scope
		cls.area_owner = make_officer("dp.area.owner@example.com", "Area Officer", OTHER_AREA)
		cls.enterprise_owner = make_enterprise_user("dp.enterprise.owner@example.com", cls.target_enterprise)
		cls.outsiders = (cls.area_outsider, cls.enterprise_outsider, cls.committee_outsider)

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	# --- counting -------------------------------------------------------------------------------

	def test_get_count_checks_permission_and_scope(self):
		for user in self.outsiders:
			frappe.set_user(user)
			for filters in ({"name": self.target}, {"name": MISSING}):
				try:
					count = call("frappe.client.get_count", doctype="Complaint", filters=filters)
				except frappe.PermissionError:
					count = "refused"
				self.assertIn(count, (0, "refused"), user)
			with self.assertRaises(frappe.PermissionError):
				call("frappe.client.get_count", doctype="Error Log")
			with self.assertRaises(frappe.PermissionError):
				call("frappe.client.get_count", doctype="User Permission")

	def test_count_of_hidden_field_is_refused(self):
		frappe.set_user(self.enterprise_owner)
		with self.assertRaises(QueryRefusedError) as refused:
			call(
				"frappe.client.get_count",
				doctype="Complaint",
				filters=[["complainant_phone", "like", "139%"]],
			)
		self.assertIn("不能读取", str(refused.exception))

	# --- child tables ---------------------------------------------------------------------------

	def test_child_rows_of_unreadable_parents_are_hidden(self):
		for user in (self.area_outsider, self.enterprise_outsider):
			frappe.set_user(user)
			rows = call(
				"frappe.client.get_list",
				doctype="Complaint Handling Log",
				parent="Complaint",
				fields=["parent", "note"],
				filters={"parent": self.target},
				limit_page_length=0,
			)
			self.assertEqual(rows, [], user)
			rows = frappe.get_list(
				"Complaint Handling Log", parent_doctype="Complaint", fields=["parent"], limit_page_length=0
			)
			self.assertNotIn(self.target, {r.parent for r in rows})
		frappe.set_user(self.area_owner)
		rows = call(
			"frappe.client.get_list",
			doctype="Complaint Handling Log",
			parent="Complaint",
			fields=["parent"],
			filters={"parent": self.target},
		)
		self.assertTrue(rows, "the owner still reads the handling log")

	def test_roles_of_other_users_are_hidden(self):
		frappe.set_user(self.enterprise_outsider)
		users = frappe.get_list("User", pluck="name", limit_page_length=0)
		self.assertEqual(users, [self.enterprise_outsider])
		try:
			rows = call(
				"frappe.client.get_list",
				doctype="Has Role",
				parent="User",
				fields=["parent", "parenttype", "role"],
				limit_page_length=0,
			)
		except frappe.PermissionError:
			rows = []
		users = {r["parent"] for r in rows if r["parenttype"] == "User"}
		self.assertLessEqual(users, {self.enterprise_outsider})

	# --- oracles on hidden fields ---------------------------------------------------------------

	def test_filter_sort_group_on_hidden_fields_are_refused(self):
		frappe.set_user(self.area_outsider)
		attempts = [
			dict(filters=[["id_number", "like", "65%"]]),
			dict(or_filters=[["id_number", "like", "65%"]]),
			dict(filters={"birth_date": "1979-03-15"}),
			dict(order_by="id_number asc"),
			dict(group_by="phone"),
			dict(order_by="(select sleep(1))"),
			dict(filters=["1=1"]),
		]
		for kwargs in attempts:
			with self.assertRaises(QueryRefusedError, msg=str(kwargs)):
				call("frappe.client.get_list", doctype="Property Practitioner", **kwargs)
		with self.assertRaises(QueryRefusedError):
			call(
				"frappe.desk.search.search_link",
				doctype="Property Practitioner",
				txt="65",
				searchfield="id_number",
			)
		frappe.form_dict.update(
			{
				"doctype": "Property Practitioner",
				"fields": '["name"]',
				"filters": '[["id_number","like","6%"]]',
			}
		)
		try:
			with self.assertRaises(QueryRefusedError):
				call("frappe.desk.reportview.get")
			with self.assertRaises(QueryRefusedError):
				call("frappe.desk.reportview.get_count")
		finally:
			for key in ("doctype", "fields", "filters"):
				frappe.form_dict.pop(key, None)
		with self.assertRaises(QueryRefusedError):
			call(
				"frappe.desk.listview.get_group_by_count",
				doctype="Property Practitioner",
				current_filters=json.dumps([["id_number", "like", "6%"]]),
				field="assigned_to",
			)

	def test_plain_sorting_still_works(self):
		frappe.set_user(self.area_outsider)
		rows = call(
			"frappe.client.get_list",
			doctype="Property Practitioner",
			order_by="`tabProperty Practitioner`.`modified` desc, full_name asc",
			fields=["name"],
		)
		self.assertIsInstance(rows, list)

	def test_mask_and_birth_date_do_not_restore_the_id_number(self):
		frappe.set_user(self.area_outsider)
		rows = call(
			"frappe.client.get_list",
			doctype="Property Practitioner",
			fields=["name", "id_number_masked", "birth_date", "id_number"],
			filters={"name": self.practitioner},
		)
		for row in rows:
			self.assertNotIn("birth_date", row)
			self.assertNotIn("id_number", row)
		frappe.set_user(self.enterprise_owner)
		doc = call("frappe.client.get", doctype="Property Practitioner", name=self.practitioner)
		self.assertEqual(str(doc["birth_date"]), "1979-03-15")
		self.assertEqual(len(doc["id_number"]), 18)

	def test_anonymous_name_and_tracking_key_stay_with_handling_officers(self):
		stored = frappe.db.get_value(
			"Complaint", self.target, ["complainant_name", "confidential_name"], as_dict=True
		)
		self.assertFalse(stored.complainant_name)
		self.assertEqual(stored.confidential_name, TARGET_NAME)
		frappe.set_user(self.enterprise_owner)
		rows = call(
			"frappe.client.get_list",
			doctype="Complaint",
			fields=["name", "complainant_name", "confidential_name", "tracking_key"],
			filters={"name": self.target},
		)
		self.assertEqual(len(rows), 1, "the enterprise still sees the complaint against it")
		self.assertNotIn(TARGET_NAME, json.dumps(rows, ensure_ascii=False))
		self.assertNotIn("tracking_key", rows[0])
		doc = call("frappe.client.get", doctype="Complaint", name=self.target)
		self.assertNotIn(TARGET_NAME, json.dumps(doc, ensure_ascii=False, default=str))
		self.assertFalse(doc.get("tracking_key"))
		for kwargs in (dict(filters={"tracking_key": "X"}), dict(filters={"confidential_name": TARGET_NAME})):
			with self.assertRaises(QueryRefusedError):
				call("frappe.client.get_list", doctype="Complaint", **kwargs)
		frappe.set_user(self.area_owner)
		doc = call("frappe.client.get", doctype="Complaint", name=self.target)
		self.assertEqual(doc["confidential_name"], TARGET_NAME)
		self.assertTrue(doc["tracking_key"])

	# --- existence answers ----------------------------------------------------------------------

	def test_validate_link_likes_and_follows_out_of_scope(self):
		frappe.set_user(self.area_outsider)
		self.assertFalse(
			call("frappe.client.validate_link", doctype="Complaint", docname=self.target).get("name")
		)
		self.assertEqual(
			call("frappe.client.validate_link", doctype="Complaint", docname=self.target),
			call("frappe.client.validate_link", doctype="Complaint", docname=MISSING),
		)
		for method, kwargs in (
			("frappe.desk.like.toggle_like", dict(doctype="Complaint", name=self.target, add="Yes")),
			(
				"frappe.desk.form.document_follow.follow_document",
				dict(doctype="Complaint", doc_name=self.target, user=self.area_outsider),
			),
			("frappe.client.get_doc_permissions", dict(doctype="Complaint", docname=self.target)),
		):
			with self.assertRaises(frappe.PermissionError):
				call(method, **kwargs)
		self.assertFalse(frappe.db.get_value("Complaint", self.target, "_liked_by"))
		frappe.set_user(self.area_owner)
		self.assertEqual(
			call("frappe.client.validate_link", doctype="Complaint", docname=self.target).get("name"),
			self.target,
		)

	def test_crafted_number_card_cannot_aggregate_hidden_fields(self):
		frappe.set_user(self.enterprise_owner)
		card = {
			"document_type": "Complaint",
			"function": "Count",
			"filters_json": "[]",
		}
		with self.assertRaises(QueryRefusedError):
			call(
				"frappe.desk.doctype.number_card.number_card.get_result",
				doc=json.dumps(card),
				filters=json.dumps([["Complaint", "complainant_phone", "like", "139%"]]),
			)
		card.update(function="Maximum", aggregate_function_based_on="complainant_phone")
		with self.assertRaises(QueryRefusedError):
			call("frappe.desk.doctype.number_card.number_card.get_result", doc=json.dumps(card), filters="[]")

	# --- the owners keep everything in scope ----------------------------------------------------

	def test_owners_count_search_and_read_in_scope(self):
		frappe.set_user(self.area_owner)
		self.assertEqual(
			call("frappe.client.get_count", doctype="Complaint", filters={"name": self.target}), 1
		)
		self.assertEqual(
			call(
				"frappe.client.get_count",
				doctype="Complaint",
				filters=[["complainant_phone", "=", TARGET_PHONE], ["name", "=", self.target]],
			),
			1,
		)
		found = call("frappe.desk.search.search_link", doctype="Residential Compound", txt="数据保护乙")
		self.assertIn(self.target_compound, [r["value"] for r in found])
		frappe.set_user(self.enterprise_owner)
		self.assertEqual(
			call(
				"frappe.client.get_count",
				doctype="Property Practitioner",
				filters={"name": self.practitioner},
			),
			1,
		)


class TestWorkflowAllowEdit(FrappeTestCase):
	"""A state's "only these roles may edit" holds on the server, for every workflow DocType."""

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_workflow_state_with_an_edit_role_is_enforced(self):
		"""For every active workflow and every state with edit roles: a user without them cannot
		change a field in that state, a user with one can."""
		from property_supervision.data_protection.workflow_edit import enforce_allow_edit

		outsider = make_user("allow.edit.nobody@example.com", ["Committee Member"]).name
		checked = set()
		for workflow in frappe.get_all("Workflow", filters={"is_active": 1}, pluck="name"):
			wf = frappe.get_doc("Workflow", workflow)
			meta = frappe.get_meta(wf.document_type)
			field = next(
				df.fieldname
				for df in meta.fields
				if df.fieldtype in ("Data", "Small Text", "Text", "Long Text") and not df.permlevel
			)
			for row in wf.states:
				if not row.allow_edit:
					continue
				editor = make_user(
					f"allow.edit.{frappe.scrub(row.allow_edit)}@example.com", [row.allow_edit]
				).name
				for user, refused in ((outsider, True), (editor, False)):
					doc = frappe.new_doc(wf.document_type)
					doc.name = f"allow-edit-{row.idx}"
					doc.set(wf.workflow_state_field, row.state)
					before = frappe.copy_doc(doc)
					before.name = doc.name
					doc._doc_before_save = before
					doc.set("__islocal", None)
					doc.set(field, "changed in the state")
					frappe.set_user(user)
					if refused:
						with self.assertRaises(frappe.PermissionError, msg=f"{wf.document_type} {row.state}"):
							enforce_allow_edit(doc)
					else:
						enforce_allow_edit(doc)
					frappe.set_user("Administrator")
				checked.add(wf.document_type)
		self.assertGreaterEqual(
			checked, {"Complaint", "Property Enterprise", "Owners Committee", "Credit Record", "Assessment"}
		)

	def test_enterprise_user_cannot_change_a_filed_enterprise(self):
		enterprise = make_enterprise("允许编辑测试物业有限公司", legal_representative="张三")
		frappe.db.set_value("Property Enterprise", enterprise.name, "workflow_state", "Filed")
		user = make_enterprise_user("allow.edit.enterprise@example.com", enterprise.name)
		frappe.set_user(user)
		use_chinese()
		with self.assertRaises(frappe.PermissionError) as refused:
			call(
				"frappe.client.set_value",
				doctype="Property Enterprise",
				name=enterprise.name,
				fieldname="legal_representative",
				value="李四",
			)
		self.assertIn("只有", str(refused.exception))
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Property Enterprise", enterprise.name, "legal_representative"), "张三"
		)

	def test_community_officer_cannot_rewrite_an_area_level_complaint(self):
		compound = make_compound("允许编辑测试小区", "允许编辑测试社区", AREA)
		complaint = make_complaint(compound)
		officer = make_officer("allow.edit.community@example.com", "Community Officer", AREA)
		area_officer = make_officer("allow.edit.area@example.com", "Area Officer", AREA)
		frappe.set_user(officer)
		doc = frappe.get_doc("Complaint", complaint.name)
		for action in ("Accept", "Escalate to Area"):
			actions = [t.action for t in frappe.model.workflow.get_transitions(doc)]
			if action in actions:
				doc = apply_workflow(doc, action)
		if doc.workflow_state != "Area Handling":
			frappe.set_user("Administrator")
			frappe.db.set_value("Complaint", complaint.name, "workflow_state", "Area Handling")
			frappe.set_user(officer)
		doc = frappe.get_doc("Complaint", complaint.name)
		doc.description = "社区改写了片区办理中的投诉内容。"
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user(area_officer)
		doc = frappe.get_doc("Complaint", complaint.name)
		doc.handling_note = "片区已受理。"
		doc.save()


class TestSensitiveFieldTable(FrappeTestCase):
	"""The audited table (sensitive.py) matches the DocTypes: every sensitive field sits at a
	permission level only its listed roles read, and its mask (if any) is readable at level 0."""

	def test_table_matches_doctypes(self):
		for field in SENSITIVE_FIELDS:
			meta = frappe.get_meta(field.doctype)
			df = meta.get_field(field.fieldname)
			self.assertIsNotNone(df, field)
			self.assertGreater(df.permlevel, 0, field)
			rules = frappe.get_meta(field.parent or field.doctype).permissions
			readers = {p.role for p in rules if p.permlevel == df.permlevel and p.read}
			self.assertEqual(readers, set(field.full_roles), field)
			if field.shown_instead:
				self.assertEqual(meta.get_field(field.shown_instead).permlevel, 0, field)
