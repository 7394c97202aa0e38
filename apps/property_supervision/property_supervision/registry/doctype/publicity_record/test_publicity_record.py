# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import io
import random
import unicodedata
from datetime import timedelta

import frappe
import frappe.client
from frappe.desk.query_report import run as run_report
from frappe.desk.search import search_link
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today
from pypdf import PdfReader

from property_supervision.api.search import search_link as scoped_search_link
from property_supervision.registry.doctype.publicity_record.publicity_record import (
	get_overdue_compounds,
	get_overdue_publicity_count,
	get_publicity_compliance,
	get_required_period,
	mark_overdue_publicity,
)
from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.registry.report.publicity_compliance.publicity_compliance import (
	execute as compliance_report,
)
from property_supervision.roles import (
	AREA_OFFICER,
	COMMITTEE_MEMBER,
	COMMUNITY_OFFICER,
	ENTERPRISE_USER,
)
from property_supervision.rules.publicity import period_label, previous_period
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	deliver_notices,
	make_compound,
	make_enterprise,
	make_test_community,
	make_user,
	use_chinese,
)

PRINT_FORMAT = "公共收益收支公示表"
INCOME_AND_EXPENSES = "Public Income and Expenses"
PROFESSIONAL = "Professional Enterprise"

ENTERPRISE_EMAIL = "test-gs-enterprise@example.com"
OTHER_ENTERPRISE_EMAIL = "test-gs-enterprise2@example.com"
AREA_OFFICER_EMAIL = "test-gs-area@example.com"
OTHER_AREA_OFFICER_EMAIL = "test-gs-other-area@example.com"
COMMUNITY_OFFICER_EMAIL = "test-gs-community@example.com"
OTHER_COMMUNITY_OFFICER_EMAIL = "test-gs-community2@example.com"
COMMITTEE_EMAIL = "test-gs-committee@example.com"
OUTSIDER_EMAIL = "test-gs-outsider@example.com"


# simplified radicals (CJK Radicals Supplement) that some glyphs of the CJK font extract as
RADICALS = str.maketrans("⻋⻔⻓⻅⻚⻛⻢⻜⻘⻙⻬⻮⻰⻥", "车门长见页风马飞青韦齐龙龟鱼")


def compact(text: str) -> str:
	"""Text without spaces, in one normal form: NFKC folds the Kangxi radicals some glyphs extract
	as (⽀ → 支) and full-width punctuation; RADICALS folds the simplified radicals NFKC keeps."""
	return "".join(unicodedata.normalize("NFKC", text).translate(RADICALS).split())


def pdf_text(pdf: bytes) -> str:
	return compact("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def scope(user: str, doctype: str, value: str):
	if not frappe.db.exists("User Permission", {"user": user, "allow": doctype, "for_value": value}):
		add_user_permission(doctype, value, user, ignore_permissions=True)


class TestPublicityRecord(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.community = make_test_community("公示测试甲社区", AREA)
		cls.other_community = make_test_community("公示测试乙社区", OTHER_AREA)
		cls.enterprise = make_enterprise("公示测试甲物业服务有限公司").name
		cls.other_enterprise = make_enterprise("公示测试乙物业服务有限公司").name
		# managed for years: every period is due
		cls.compound = make_compound("公示测试甲小区", cls.community)
		cls.other_compound = make_compound("公示测试乙小区", cls.other_community)
		cls.unmanaged = make_compound("公示测试无物业小区", cls.community)
		since = getdate("2020-01-01")
		set_management(cls.compound, PROFESSIONAL, cls.enterprise, since=since)
		set_management(cls.other_compound, PROFESSIONAL, cls.other_enterprise, since=since)

		cls.enterprise_user = make_user(ENTERPRISE_EMAIL, [ENTERPRISE_USER]).name
		scope(cls.enterprise_user, "Property Enterprise", cls.enterprise)
		cls.other_enterprise_user = make_user(OTHER_ENTERPRISE_EMAIL, [ENTERPRISE_USER]).name
		scope(cls.other_enterprise_user, "Property Enterprise", cls.other_enterprise)
		cls.area_officer = make_user(AREA_OFFICER_EMAIL, [AREA_OFFICER]).name
		scope(cls.area_officer, "Jurisdiction", AREA)
		cls.other_area_officer = make_user(OTHER_AREA_OFFICER_EMAIL, [AREA_OFFICER]).name
		scope(cls.other_area_officer, "Jurisdiction", OTHER_AREA)
		cls.community_officer = make_user(COMMUNITY_OFFICER_EMAIL, [COMMUNITY_OFFICER]).name
		scope(cls.community_officer, "Jurisdiction", cls.community)
		cls.other_community_officer = make_user(OTHER_COMMUNITY_OFFICER_EMAIL, [COMMUNITY_OFFICER]).name
		scope(cls.other_community_officer, "Jurisdiction", cls.other_community)
		cls.committee_member = make_user(COMMITTEE_EMAIL, [COMMITTEE_MEMBER]).name
		scope(cls.committee_member, "Residential Compound", cls.compound)
		cls.outsider = make_user(OUTSIDER_EMAIL).name

		cls.due = get_required_period()
		cls.previous = previous_period(cls.due, 6)

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()
		# every test starts from the class's fixtures: what a test writes is undone after it
		frappe.db.savepoint("publicity_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="publicity_test")

	# factories

	def new_record(self, compound=None, period=None, **fields):
		period = period or self.due
		doc = {
			"doctype": "Publicity Record",
			"compound": compound or self.compound,
			"publicity_type": INCOME_AND_EXPENSES,
			"period_start": period[0],
			"period_end": period[1],
			"published_on": today(),
			"publicity_location": "小区大门公告栏",
			"lines": [
				{"direction": "Income", "item": "停车费", "amount": 1000},
				{"direction": "Income", "item": "广告费", "amount": 500.5},
				{"direction": "Expense", "item": "公共设施维修", "amount": 300},
			],
		}
		doc.update(fields)
		return frappe.get_doc(doc)

	def assertRefused(self, doc, message, exc=frappe.ValidationError):
		before = frappe.db.count("Publicity Record")
		with self.assertRaisesRegex(exc, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Publicity Record"), before)

	# the record

	def test_defaults_totals_and_naming(self):
		doc = self.new_record().insert()
		self.assertEqual(doc.enterprise, self.enterprise)  # the compound's current enterprise
		self.assertEqual(doc.jurisdiction, self.community)
		self.assertEqual(doc.compound_name, "公示测试甲小区")
		self.assertEqual(doc.total_income, 1500.5)
		self.assertEqual(doc.total_expense, 300)
		self.assertEqual(doc.balance, 1200.5)
		self.assertTrue(doc.name.startswith(f"GS-{getdate(today()).year}-"), doc.name)
		self.assertIn("公共收益收支", doc.title)
		# totals cannot be set by hand
		doc.total_income = 99
		doc.balance = -1
		doc.save()
		self.assertEqual((doc.total_income, doc.balance), (1500.5, 1200.5))
		self.assertEqual(frappe.get_meta("Publicity Record").track_changes, 1)

	def test_service_content_and_fees_need_no_period(self):
		doc = self.new_record(
			publicity_type="Fees",
			period_start=None,
			period_end=None,
			lines=[],
			content="<p>物业费 1.20 元/㎡·月</p>",
		).insert()
		self.assertEqual(doc.balance, 0)
		self.assertIn("收费标准", doc.title)

	def test_bad_inputs_refused_in_chinese(self):
		tomorrow = getdate(today()) + timedelta(days=1)
		cases = [
			(dict(enterprise=self.other_enterprise), "不是.*的在管物业服务企业"),
			(dict(period_start=None, period_end=None), "请填写公共收益收支的公示期间"),
			(dict(period_start=self.due[1], period_end=self.due[0]), "结束日期不能早于开始日期"),
			(dict(period_start=getdate(today()), period_end=tomorrow), "只能公示已经结束的期间"),
			(dict(published_on=self.due[1] - timedelta(days=1)), "不能早于所公示期间的结束日期"),
			(dict(published_on=tomorrow), "公示日期不能晚于今天"),
			(dict(lines=[{"direction": "Income", "item": "停车费", "amount": -5}]), "值不能为负"),
		]
		for fields, message in cases:
			with self.subTest(message=message):
				self.assertRefused(self.new_record(**fields), message)

	def test_enterprise_of_an_older_record_is_kept_after_a_change_of_management(self):
		doc = self.new_record(period=self.previous).insert()
		set_management(self.compound, PROFESSIONAL, self.other_enterprise, since=getdate("2020-01-01"))
		try:
			doc.reload()
			doc.publicity_location = "物业服务中心公示栏"
			doc.save()  # the record stays with the enterprise that published it
			self.assertEqual(doc.enterprise, self.enterprise)
		finally:
			set_management(self.compound, PROFESSIONAL, self.enterprise, since=getdate("2020-01-01"))

	# verification

	def test_only_the_community_side_verifies(self):
		frappe.set_user(self.enterprise_user)
		doc = self.new_record().insert()
		self.assertEqual(doc.owner, self.enterprise_user)

		doc.verified_by_community = 1
		with self.assertRaisesRegex(
			frappe.PermissionError, "只有社区专干、片区（街道）专干和监管系统管理员可以核实"
		):
			doc.save()
		self.assertEqual(frappe.db.get_value("Publicity Record", doc.name, "verified_by_community"), 0)
		self.assertRefused(self.new_record(verified_by_community=1), "只有社区专干", frappe.PermissionError)

		frappe.set_user(self.community_officer)
		doc = frappe.get_doc("Publicity Record", doc.name)
		doc.verified_by_community = 1
		doc.verification_note = "已现场核实公告栏张贴情况"
		doc.save()
		self.assertEqual(doc.verified_by, self.community_officer)
		self.assertEqual(getdate(doc.verified_on), getdate(today()))

		# the enterprise can neither change what was verified nor forge who verified it
		frappe.set_user(self.enterprise_user)
		doc = frappe.get_doc("Publicity Record", doc.name)
		doc.lines[0].amount = 1
		with self.assertRaisesRegex(frappe.PermissionError, "社区已核实该公示记录"):
			doc.save()
		self.assertEqual(frappe.db.get_value("Publicity Line", doc.lines[0].name, "amount"), 1000)
		doc = frappe.get_doc("Publicity Record", doc.name)
		doc.verified_by = self.enterprise_user
		doc.verified_on = "2020-01-01"
		doc.save()
		self.assertEqual(
			frappe.db.get_value("Publicity Record", doc.name, ["verified_by", "verified_on"]),
			(self.community_officer, getdate(today())),
		)

		# withdrawing the verification clears who and when
		frappe.set_user(self.area_officer)
		doc = frappe.get_doc("Publicity Record", doc.name)
		doc.verified_by_community = 0
		doc.save()
		self.assertFalse(doc.verified_by)
		self.assertFalse(doc.verified_on)

	# access

	def test_scoped_users_see_only_their_records(self):
		own = self.new_record().insert()
		other = self.new_record(compound=self.other_compound).insert()
		expectations = {
			self.area_officer: True,
			self.community_officer: True,
			self.enterprise_user: True,
			self.committee_member: True,
			self.other_area_officer: False,
			self.other_enterprise_user: False,
		}
		for user, sees_own in expectations.items():
			with self.subTest(user=user):
				frappe.set_user(user)
				names = frappe.get_list("Publicity Record", pluck="name", limit_page_length=0)
				self.assertEqual(own.name in names, sees_own)
				self.assertEqual(frappe.has_permission("Publicity Record", doc=own.name), sees_own)
				found = [r["value"] for r in search_link("Publicity Record", "GS-", page_length=100)]
				self.assertEqual(own.name in found, sees_own)
				forced = [
					r["value"]
					for r in scoped_search_link(
						"Publicity Record", "GS-", page_length=100, ignore_user_permissions=1
					)
				]
				self.assertEqual(own.name in forced, sees_own)
				hidden = other if sees_own else own
				self.assertNotIn(hidden.name, names)
				self.assertFalse(frappe.has_permission("Publicity Record", doc=hidden.name))
				# printview answers "not found" rather than confirming that the record exists
				with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
					frappe.get_print("Publicity Record", hidden.name, print_format=PRINT_FORMAT)
				with self.assertRaises(frappe.PermissionError):
					frappe.client.get("Publicity Record", hidden.name)

		# read-only roles cannot write; a user without a role of the app sees nothing at all
		frappe.set_user(self.committee_member)
		self.assertFalse(frappe.has_permission("Publicity Record", "write", doc=own.name))
		frappe.set_user(self.outsider)
		self.assertFalse(frappe.has_permission("Publicity Record", doc=own.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Publicity Record")
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Publicity Record", own.name)

	def test_enterprise_user_cannot_publish_for_another_enterprise(self):
		frappe.set_user(self.enterprise_user)
		doc = self.new_record(compound=self.other_compound)
		before = frappe.db.count("Publicity Record")
		with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
			doc.insert()
		self.assertEqual(frappe.db.count("Publicity Record"), before)

	# compliance

	def test_compliance_statuses(self):
		self.new_record().insert()
		rows = {r.compound: r for r in get_publicity_compliance(jurisdiction=AREA)}
		self.assertEqual(rows[self.compound].status, "Compliant")
		self.assertEqual(rows[self.compound].required_period_end, self.due[1])
		self.assertNotIn(self.other_compound, rows)  # outside the jurisdiction filter
		self.assertNotIn(self.unmanaged, rows)  # not under professional management

		overdue = [r.compound for r in get_overdue_compounds()]
		self.assertIn(self.other_compound, overdue)
		self.assertNotIn(self.compound, overdue)
		self.assertEqual(get_overdue_compounds(jurisdiction=self.community), [])

		# as of the day the record was not yet published, the compound was overdue
		self.assertIn(
			self.compound, [r.compound for r in get_overdue_compounds(as_of=self.due[1] + timedelta(days=1))]
		)
		# a record of another kind does not count
		self.new_record(compound=self.other_compound, publicity_type="Fees").insert()
		self.assertIn(self.other_compound, [r.compound for r in get_overdue_compounds()])

		# an enterprise that took over after the period ended owes nothing for it yet
		set_management(
			self.other_compound, PROFESSIONAL, self.other_enterprise, since=self.due[1] + timedelta(days=1)
		)
		try:
			row = next(
				r
				for r in get_publicity_compliance(enterprise=self.other_enterprise)
				if r.compound == self.other_compound
			)
			self.assertEqual(row.status, "Not Due")
		finally:
			set_management(
				self.other_compound, PROFESSIONAL, self.other_enterprise, since=getdate("2020-01-01")
			)

	def test_quarterly_frequency_from_settings(self):
		settings = frappe.get_doc("Registry Settings")
		original = settings.publicity_frequency_months
		settings.publicity_frequency_months = "3"
		settings.save()
		try:
			quarter = get_required_period()
			self.assertEqual((quarter[1] - quarter[0]).days < 93, True)
			# a half-year statement that ends with the quarter covers it; one ending before does not
			self.new_record(period=(quarter[1] - timedelta(days=150), quarter[1])).insert()
			self.new_record(
				compound=self.other_compound,
				period=(quarter[0] - timedelta(days=90), quarter[0] - timedelta(days=1)),
			).insert()
			overdue = [r.compound for r in get_overdue_compounds()]
			self.assertNotIn(self.compound, overdue)
			self.assertIn(self.other_compound, overdue)
		finally:
			settings.reload()
			settings.publicity_frequency_months = original
			settings.save()

	# the report

	def test_report_rows_filters_and_scope(self):
		self.new_record().insert()
		columns, data, _message, chart, summary = compliance_report({"jurisdiction": AREA})
		self.assertIn("compound", [c["fieldname"] for c in columns])
		self.assertEqual(next(c for c in columns if c["fieldname"] == "enterprise")["fieldtype"], "Link")
		row = next(r for r in data if r.compound == self.compound)
		self.assertEqual(row.status, "合规")
		self.assertEqual(row.enterprise, self.enterprise)
		self.assertTrue(chart and summary)

		data = compliance_report({"only_overdue": 1})[1]
		self.assertIn(self.other_compound, [r.compound for r in data])
		self.assertEqual({r.status for r in data}, {"逾期"})
		data = compliance_report({"enterprise": self.other_enterprise})[1]
		self.assertEqual([r.compound for r in data], [self.other_compound])

		# an area officer sees only the compounds of the own area, whatever the filters say
		frappe.set_user(self.area_officer)
		for filters in ({}, {"jurisdiction": OTHER_AREA}, {"enterprise": self.other_enterprise}):
			compounds = [r.compound for r in compliance_report(filters)[1]]
			self.assertNotIn(self.other_compound, compounds)
		self.assertIn(self.compound, [r.compound for r in compliance_report({})[1]])
		self.assertEqual(get_overdue_publicity_count({"jurisdiction": OTHER_AREA})["value"], 0)
		result = run_report("Publicity Compliance", filters={"jurisdiction": AREA})
		self.assertIn(self.compound, [r["compound"] for r in result["result"]])

		frappe.set_user(self.other_area_officer)
		self.assertNotIn(self.compound, [r.compound for r in compliance_report({})[1]])

		# outside the report's roles: refused
		for user in (self.outsider, self.enterprise_user):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				run_report("Publicity Compliance", filters={})
		frappe.set_user(self.outsider)
		with self.assertRaises(frappe.PermissionError):
			compliance_report({})

	# the daily job

	def test_daily_job_reminds_once_and_only_overdue_compounds(self):
		self.new_record().insert()  # self.compound is compliant, self.other_compound is overdue
		key = f"[{period_label(self.due)}]"

		def todos(compound):
			return frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Residential Compound",
					"reference_name": compound,
					"description": ("like", f"%{key}%"),
				},
				fields=["allocated_to", "status"],
			)

		def notifications(compound):
			# the Notification "公共收益公示逾期": the enterprise's users and the community's officers
			deliver_notices()
			return sorted(
				frappe.get_all(
					"Notification Log",
					filters={
						"document_type": "Residential Compound",
						"document_name": compound,
						"subject": ("like", "%公示逾期%"),
					},
					pluck="for_user",
				)
			)

		mark_overdue_publicity()
		mark_overdue_publicity()

		reminders = todos(self.other_compound)
		self.assertEqual(
			[(t.allocated_to, t.status) for t in reminders], [(self.other_enterprise_user, "Open")]
		)
		self.assertEqual(
			notifications(self.other_compound),
			sorted([self.other_community_officer, self.other_enterprise_user]),
		)
		self.assertIn(
			"公共收益收支",
			frappe.db.get_value("ToDo", {"reference_name": self.other_compound}, "description"),
		)
		# compliant and unmanaged compounds are left alone
		for compound in (self.compound, self.unmanaged):
			self.assertEqual(todos(compound), [])
			self.assertEqual(notifications(compound), [])

		# publishing the statement settles the reminder, and the job does not raise it again
		frappe.set_user(self.other_enterprise_user)
		self.new_record(compound=self.other_compound).insert()
		frappe.set_user("Administrator")
		self.assertEqual([t.status for t in todos(self.other_compound)], ["Closed"])
		mark_overdue_publicity()
		self.assertEqual(len(todos(self.other_compound)), 1)

	# demo data

	def test_demo_publicity_is_reproducible_and_idempotent(self):
		from property_supervision.demo.publicity import make_publicity

		created = make_publicity(random.Random(2015), {})
		self.assertGreater(created["Publicity Record"], 0)
		self.assertEqual(make_publicity(random.Random(2015), {}), {"Publicity Record": 0})
		for compound in (self.compound, self.other_compound):
			self.assertTrue(
				frappe.db.exists("Publicity Record", {"compound": compound, "publicity_type": "Fees"})
			)
			statements = frappe.get_all(
				"Publicity Record",
				filters={"compound": compound, "publicity_type": INCOME_AND_EXPENSES},
				fields=["period_end", "total_income", "balance", "enterprise"],
			)
			self.assertTrue(statements)
			for statement in statements:
				self.assertGreater(statement.total_income, 0)
				self.assertLessEqual(statement.period_end, self.due[1])
		self.assertFalse(frappe.db.exists("Publicity Record", {"compound": self.unmanaged}))

	# printing

	def test_print_format_renders_chinese_pdf(self):
		doc = self.new_record(content="<p>本期结余转入小区公共维修资金。</p>").insert()
		html = frappe.get_print("Publicity Record", doc.name, print_format=PRINT_FORMAT)
		self.assertIn("Noto Sans CJK SC", html)
		text = pdf_text(
			frappe.get_print("Publicity Record", doc.name, print_format=PRINT_FORMAT, as_pdf=True)
		)
		for expected in (
			"公共收益收支公示表",
			"公示测试甲小区",
			"公示测试甲物业服务有限公司",
			"停车费",
			"公共设施维修",
			"收入合计",
			"支出合计",
			"1,500.50",
			"1,200.50",
			"本期结余",
			"监督电话",
			"物业服务企业（盖章）",
			"业主委员会",
			"社区",
			"本期结余转入小区公共维修资金",
			frappe.utils.formatdate(self.due[1], "yyyy年MM月dd日"),
		):
			self.assertIn(compact(expected), text)
