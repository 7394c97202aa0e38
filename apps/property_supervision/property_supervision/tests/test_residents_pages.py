"""The data behind the residents' pages (residents/compounds.py, residents/credit.py, issue 13):
public fields only, no out-of-date or objected record, bad input refused with a message that
changes nothing; the language stored on a complaint at intake; the defaults of existing sites."""

import json

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, today

from property_supervision.complaints import api as complaint_api
from property_supervision.residents import compounds, credit
from property_supervision.residents.language import normalise
from property_supervision.tests.factories import (
	AREA,
	BAD_RULE,
	GOOD_RULE,
	OTHER_AREA,
	SMALL_GOOD_RULE,
	make_committee,
	make_compound,
	make_confirmed_record,
	make_contract,
	make_filed_enterprise,
	make_record,
	make_test_community,
	setup_credit,
	use_chinese,
)

LEGAL_REPRESENTATIVE = "法人代表甲某"
CONTACT_PERSON = "联系人乙某"
CONTACT_PHONE = "13800138000"
CONTENT_PHONE = "13912345678"
CONTENT_ID = "650102198506120017"


def text_of(value) -> str:
	return json.dumps(value, ensure_ascii=False, default=str)


class TestCompoundPages(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		cls.community = make_test_community("居民页测试社区")
		cls.other_community = make_test_community("居民页另一社区", OTHER_AREA)
		cls.enterprise = make_filed_enterprise(
			"居民页测试物业有限公司",
			legal_representative=LEGAL_REPRESENTATIVE,
			contact_person=CONTACT_PERSON,
			contact_phone=CONTACT_PHONE,
		)
		cls.compound = make_compound("居民页测试花园", cls.community)
		make_compound("居民页测试50%苑", cls.other_community)
		make_contract(
			cls.compound,
			cls.enterprise,
			status="Expired",
			fee_standard=0.9,
			start_date=add_days(today(), -900),
			end_date=add_days(today(), -200),
		)
		make_contract(cls.compound, cls.enterprise, fee_standard=1.35)
		cls.committee = make_committee(cls.compound, "Filed")

	def setUp(self):
		use_chinese()

	def test_find_by_community_name_and_area(self):
		found = compounds.find_compounds(community=self.community)
		self.assertEqual([r["name"] for r in found["compounds"]], [self.compound])
		self.assertEqual(found["compounds"][0]["enterprise"], "居民页测试物业有限公司")
		by_area = compounds.find_compounds(area=AREA, query="居民页测试")
		self.assertIn(self.compound, [r["name"] for r in by_area["compounds"]])
		self.assertNotIn("居民页测试50%苑", [r["compound_name"] for r in by_area["compounds"]])
		# LIKE's wildcards are no wildcards here
		everything = compounds.find_compounds()["total"]
		self.assertEqual(compounds.find_compounds(query="%")["total"], everything)
		self.assertEqual(compounds.find_compounds(query="_")["total"], everything)
		self.assertIn(
			"居民页测试50%苑",
			[r["compound_name"] for r in compounds.find_compounds(query="测试50%")["compounds"]],
		)

	def test_bad_filters_are_refused_in_the_readers_language(self):
		for kwargs, message in (
			({"community": "没有这个社区"}, "Please choose a community from the list."),
			({"area": self.community}, "Please choose an area committee or subdistrict from the list."),
			(
				{"area": OTHER_AREA, "community": self.community},
				"The community chosen does not belong to the area chosen.",
			),
			({"query": "长" * 41}, "Please type at most {0} characters of the compound's name."),
			({"page": "abc"}, "This page of the list does not exist."),
			({"page": "0"}, "This page of the list does not exist."),
		):
			with self.subTest(kwargs=kwargs):
				with self.assertRaises(compounds.PublicPageError) as caught:
					compounds.find_compounds(**kwargs)
				self.assertIn(_(message).split("{0}")[0], str(caught.exception))
				self.assertNotEqual(_(message), message)  # there is a Chinese translation

	def test_compound_page_shows_public_facts_only(self):
		frappe.get_doc(
			{
				"doctype": "Publicity Record",
				"compound": self.compound,
				"publicity_type": "Fees",
				"published_on": add_days(today(), -5),
				"publicity_location": "小区大门公告栏",
				"content": f"<p>物业费 1.35 元/㎡·月，咨询电话 {CONTENT_PHONE}，经理身份证 {CONTENT_ID}</p>",
			}
		).insert()
		page = compounds.get_compound(self.compound)
		self.assertEqual(page["compound_name"], "居民页测试花园")
		self.assertEqual(page["area"], AREA)
		self.assertEqual(page["contract"]["fee_standard"], "1.35")
		self.assertEqual(page["contract"]["contract_type"], _("Selected by Owners Assembly"))
		self.assertEqual(page["enterprise"]["enterprise_name"], "居民页测试物业有限公司")
		self.assertIn("1.35 元/㎡·月", page["publicity"]["fees"]["content"])
		self.assertIn("***", page["publicity"]["fees"]["content"])
		self.assertIsNone(page["publicity"]["income_and_expenses"])
		self.assertTrue(page["complaint_url"].startswith("/complaint?compound="))
		# the committee's state by its meaning, its term; nobody on it
		self.assertEqual(page["committee"]["filed"], 1)
		self.assertEqual(page["committee"]["state"], _("Filed with the community"))
		self.assertEqual(page["committee"]["term_start"], str(getdate(self.committee.term_start)))
		members = frappe.get_all(
			"Owners Committee Member",
			filters={"parent": self.committee.name},
			fields=["member_name", "phone"],
		)
		text = text_of(page)
		for secret in (
			LEGAL_REPRESENTATIVE,
			CONTACT_PERSON,
			CONTACT_PHONE,
			CONTENT_PHONE,
			CONTENT_ID,
			"Administrator",
			*(m.member_name for m in members),
			*(m.phone for m in members if m.phone),
		):
			self.assertNotIn(secret, text)

	def test_publicity_overdue_follows_the_compliance_rule(self):
		frappe.db.set_value(
			"Residential Compound",
			self.compound,
			{"management_mode": "Professional Enterprise", "managed_since": add_months(today(), -30)},
		)
		page = compounds.get_compound(self.compound)
		self.assertEqual(page["publicity_status"]["status"], "overdue")
		self.assertEqual(page["publicity_status"]["overdue"], 1)
		from property_supervision.registry.doctype.publicity_record.publicity_record import (
			get_required_period,
		)

		start, end = get_required_period()
		record = frappe.get_doc(
			{
				"doctype": "Publicity Record",
				"compound": self.compound,
				"publicity_type": "Public Income and Expenses",
				"period_start": start,
				"period_end": end,
				"published_on": today(),
				"lines": [
					{"direction": "Income", "item": "停车费", "amount": 1000},
					{"direction": "Expense", "item": f"保洁 {CONTENT_PHONE}", "amount": 400},
				],
			}
		).insert()
		page = compounds.get_compound(self.compound)
		self.assertEqual(page["publicity_status"]["status"], "compliant")
		latest = page["publicity"]["income_and_expenses"]
		self.assertEqual(latest["name"], record.name)
		self.assertEqual(latest["balance"], "600.00")
		self.assertNotIn(CONTENT_PHONE, text_of(latest))

	def test_unknown_compound_is_a_clear_not_found(self):
		for name in ("XQ-99999", "", None, "x" * 200, ["XQ-1"]):
			with self.subTest(name=name):
				with self.assertRaises(compounds.NotFound) as caught:
					compounds.get_compound(name)
				self.assertIn(
					_("This compound was not found. Please find it in the list."), str(caught.exception)
				)


class TestCreditDisclosure(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		setup_credit()
		frappe.db.set_single_value(
			"Credit Settings",
			{
				"public_disclosure": 1,
				"public_show_score": 0,
				"public_show_key_supervision": 1,
				"public_show_lists": 1,
				"public_show_records": 1,
				"public_record_months": 12,
			},
		)
		frappe.clear_document_cache("Credit Settings", "Credit Settings")
		community = make_test_community("信用公示测试社区")
		cls.good = make_filed_enterprise(
			"信用公示优秀物业有限公司", legal_representative=LEGAL_REPRESENTATIVE
		)
		cls.bad = make_filed_enterprise("信用公示失信物业有限公司")
		cls.draft = make_filed_enterprise("信用公示未备案物业有限公司")
		frappe.db.set_value("Property Enterprise", cls.draft, "workflow_state", "Draft")
		make_contract(make_compound("信用公示测试小区", community), cls.good)
		# good: 70 + 5 + 5 + 1 = 81 → AA (a second good record and a small one)
		cls.shown = make_confirmed_record(cls.good, GOOD_RULE, evidence=f"表彰文件 {CONTENT_PHONE}")
		make_confirmed_record(cls.good, GOOD_RULE, occurred_on=add_days(today(), -20))
		make_confirmed_record(cls.good, SMALL_GOOD_RULE, occurred_on=add_days(today(), -30))
		cls.draft_record = make_record(cls.good, BAD_RULE)
		cls.expired = make_confirmed_record(cls.good, BAD_RULE, occurred_on=add_days(today(), -500))
		# bad: 70 − 5 − 5 − 5 = 55 → C, key supervision; one record under objection
		make_confirmed_record(cls.bad, BAD_RULE)
		make_confirmed_record(cls.bad, BAD_RULE, occurred_on=add_days(today(), -15))
		cls.objected = make_confirmed_record(cls.bad, BAD_RULE, occurred_on=add_days(today(), -25))
		cls.objected.objection = "该记录事实有误"
		cls.objected.save()

	def setUp(self):
		use_chinese()

	def row(self, result, enterprise):
		return next((r for r in result["enterprises"] if r["name"] == enterprise), None)

	def test_filed_enterprises_with_grade_band_and_lists(self):
		result = credit.get_disclosure()
		self.assertEqual(result["as_of"], today())
		good, bad = self.row(result, self.good), self.row(result, self.bad)
		self.assertIsNone(self.row(result, self.draft))
		self.assertEqual(good["grade"], "AA")
		self.assertEqual(good["band"], _("{0} to under {1} points").format("80", "85"))
		self.assertNotIn("score", good)  # bands only, as set
		self.assertEqual(bad["grade"], "C")
		self.assertEqual(bad["key_supervision"], 1)
		self.assertIn(self.bad, [r["name"] for r in result["black_list"]])
		self.assertNotIn(self.good, [r["name"] for r in result["black_list"]])
		self.assertNotIn(self.good, [r["name"] for r in result["red_list"]])

	def test_records_confirmed_in_force_and_not_objected(self):
		result = credit.get_disclosure(enterprise=self.good)
		records = self.row(result, self.good)["records"]
		self.assertEqual(len(records), 3)  # not the draft, not the expired one
		self.assertEqual(records[0]["points"], "+5")
		self.assertTrue(records[0]["good"])
		self.assertEqual(records[0]["rule"], frappe.db.get_value("Credit Rule", GOOD_RULE, "description"))
		bad = self.row(credit.get_disclosure(enterprise=self.bad), self.bad)["records"]
		self.assertEqual(len(bad), 2)  # the one under objection is left out until decided
		self.assertNotIn(str(getdate(self.objected.occurred_on)), [r["date"] for r in bad])
		text = text_of(credit.get_disclosure())
		for secret in (
			LEGAL_REPRESENTATIVE,
			CONTENT_PHONE,
			"该记录事实有误",
			self.shown.name,
			"Administrator",
		):
			self.assertNotIn(secret, text)

	def test_records_shown_again_once_the_objection_is_dismissed(self):
		# runs after test_records_confirmed_in_force_and_not_objected (alphabetical order)
		self.objected.reload()
		self.objected.objection_decision = "Dismissed"
		self.objected.objection_note = "经复核，记录属实"
		self.objected.save()
		bad = self.row(credit.get_disclosure(enterprise=self.bad), self.bad)["records"]
		self.assertEqual(len(bad), 3)

	def test_filters_by_grade_and_area(self):
		self.assertEqual(
			[r["name"] for r in credit.get_disclosure(grade="AA", enterprise=self.good)["enterprises"]],
			[self.good],
		)
		self.assertEqual(credit.get_disclosure(grade="C", enterprise=self.good)["enterprises"], [])
		in_area = [r["name"] for r in credit.get_disclosure(area=AREA)["enterprises"]]
		self.assertIn(self.good, in_area)
		self.assertNotIn(self.bad, in_area)

	def test_a_past_date_reads_the_score_log(self):
		day = add_days(today(), -40)
		frappe.get_doc(
			{
				"doctype": "Credit Score Log",
				"enterprise": self.bad,
				"log_date": day,
				"score": 86,
				"grade": "AAA",
				"key_supervision": 0,
			}
		).insert(ignore_permissions=True)
		result = credit.get_disclosure(as_of=day, enterprise=self.bad)
		self.assertEqual(self.row(result, self.bad)["grade"], "AAA")
		self.assertIn(self.bad, [r["name"] for r in result["red_list"]])
		# records of that day only: none of today's had occurred
		self.assertEqual(self.row(result, self.bad)["records"], [])

	def test_bad_input_is_refused(self):
		for kwargs, message in (
			({"as_of": "2026-13-45"}, "Please enter the date as year-month-day, for example 2026-06-30."),
			({"as_of": "not a date"}, "Please enter the date as year-month-day, for example 2026-06-30."),
			({"as_of": add_days(today(), 1)}, "The date cannot be in the future."),
			({"grade": "D"}, "Please choose a grade from the list."),
			({"area": "没有这个片区"}, "Please choose an area committee or subdistrict from the list."),
			({"enterprise": "91650105XXXXXXXXXX"}, "This enterprise is not in the credit disclosure."),
		):
			with self.subTest(kwargs=kwargs):
				with self.assertRaises(compounds.PublicPageError) as caught:
					credit.get_disclosure(**kwargs)
				self.assertIn(_(message), str(caught.exception))

	def test_the_settings_decide_what_is_public(self):
		try:
			frappe.db.set_single_value(
				"Credit Settings",
				{
					"public_show_score": 1,
					"public_show_records": 0,
					"public_show_lists": 0,
					"public_show_key_supervision": 0,
				},
			)
			frappe.clear_document_cache("Credit Settings", "Credit Settings")
			result = credit.get_disclosure(enterprise=self.bad)
			row = self.row(result, self.bad)
			self.assertEqual(row["score"], "55")
			self.assertNotIn("records", row)
			self.assertNotIn("key_supervision", row)
			self.assertIsNone(result["red_list"])
			frappe.db.set_single_value("Credit Settings", "public_disclosure", 0)
			frappe.clear_document_cache("Credit Settings", "Credit Settings")
			with self.assertRaises(credit.DisclosureClosed):
				credit.get_disclosure()
		finally:
			frappe.db.set_single_value(
				"Credit Settings",
				{
					"public_disclosure": 1,
					"public_show_score": 0,
					"public_show_records": 1,
					"public_show_lists": 1,
					"public_show_key_supervision": 1,
				},
			)
			frappe.clear_document_cache("Credit Settings", "Credit Settings")

	def test_defaults_for_existing_sites_keep_the_administrators_choice(self):
		frappe.db.set_single_value("Credit Settings", "public_disclosure", 0)
		frappe.db.sql(
			"delete from `tabSingles` where doctype = 'Credit Settings' and field = 'public_record_months'"
		)
		try:
			self.assertTrue(credit.create_public_disclosure_defaults())
			self.assertEqual(frappe.db.get_single_value("Credit Settings", "public_disclosure"), 0)
			self.assertEqual(frappe.db.get_single_value("Credit Settings", "public_record_months"), 12)
		finally:
			frappe.db.set_single_value("Credit Settings", "public_disclosure", 1)
			frappe.clear_document_cache("Credit Settings", "Credit Settings")


class TestResidentLanguage(FrappeTestCase):
	def test_languages_are_normalised(self):
		self.assertEqual(normalise("ug-CN"), "ug")
		self.assertEqual(normalise("UG_cn"), "ug")
		self.assertEqual(normalise("zh-Hans"), "zh")
		self.assertIsNone(normalise("en"))
		self.assertIsNone(normalise(["ug"]))
		self.assertTrue(frappe.db.exists("Language", "ug"))

	def test_the_complaint_keeps_the_language_of_its_intake(self):
		community = make_test_community("语言测试社区")
		compound = make_compound("语言测试小区", community)
		category = frappe.get_all("Complaint Category", filters={"is_active": 1}, pluck="name", limit=1)[0]
		frappe.local.lang = "ug"
		try:
			result = complaint_api.submit_complaint(
				phone="13912340001",
				description="楼道灯坏了",
				category=category,
				compound=compound,
				complainant_name="测试居民",
			)
		finally:
			use_chinese()
		language = frappe.db.get_value("Complaint", {"tracking_key": result["tracking_number"]}, "language")
		self.assertEqual(language, "ug")
