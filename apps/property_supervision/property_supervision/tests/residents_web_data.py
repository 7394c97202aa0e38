"""The records tests/test_residents_web.py (the residents' pages in Chromium) looks at, created
and removed through `bench --site SITE execute` with the app's own test factories:

- a compound managed by an enterprise graded AAA (three confirmed good records; also an expired
  bad record and a draft one that must not show), with an active contract, its latest public income
  and expenses with the posted notice's photo (a private file), an older statement that must not
  show, a fee publicity, and a filed owners' committee whose members have names and phones;
- a compound of an enterprise graded C under key supervision (two confirmed bad records and one
  under an objection not decided yet), whose income and expense publicity is overdue.
"""

import json

import frappe
from frappe.utils import add_days, today

from property_supervision.registry.doctype.publicity_record.publicity_record import get_required_period
from property_supervision.rules.publicity import previous_period
from property_supervision.tests.factories import (
	make_committee,
	make_compound,
	make_confirmed_record,
	make_contract,
	make_filed_enterprise,
	make_record,
	make_test_community,
)

AREA = "七纺片区管委会"
# the smallest valid PNG (1×1)
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
	"0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def _photo(record) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"notice-{record.name}.png",
			"attached_to_doctype": "Publicity Record",
			"attached_to_name": record.name,
			"attached_to_field": "notice_photo",
			"is_private": 1,
			"content": PNG,
		}
	).insert(ignore_permissions=True)
	record.db_set("notice_photo", file.file_url, update_modified=False)
	return file.file_url


def _income(compound: str, period, published_on, marker: str):
	record = frappe.get_doc(
		{
			"doctype": "Publicity Record",
			"compound": compound,
			"publicity_type": "Public Income and Expenses",
			"period_start": period[0],
			"period_end": period[1],
			"published_on": published_on,
			"publicity_location": "小区大门公告栏",
			"lines": [
				{"direction": "Income", "item": f"停车费{marker}", "amount": 12000},
				{"direction": "Expense", "item": "楼道粉刷", "amount": 4500},
			],
		}
	).insert()
	_photo(record)
	return record


def create(run: str) -> None:
	"""Print the names of what was made, as JSON."""
	frappe.set_user("Administrator")
	frappe.local.lang = "zh"
	community = make_test_community(f"居民页系统测试社区{run}", AREA)
	good = make_filed_enterprise(
		f"居民页红榜物业{run}有限公司",
		legal_representative=f"法人甲{run}",
		contact_person=f"联系人乙{run}",
		contact_phone="13800138000",
	)
	bad = make_filed_enterprise(f"居民页黑榜物业{run}有限公司", legal_representative=f"法人丙{run}")
	compound = make_compound(f"居民页系统测试花园{run}", community)
	overdue = make_compound(f"居民页逾期小区{run}", community)
	make_contract(
		compound, good, fee_standard=1.35, start_date=add_days(today(), -900), end_date=add_days(today(), 300)
	)
	make_contract(
		overdue, bad, fee_standard=0.95, start_date=add_days(today(), -900), end_date=add_days(today(), 300)
	)

	period = get_required_period()
	latest = _income(compound, period, today(), f"最新{run}")
	older = _income(compound, previous_period(period, 6), add_days(period[0], 3), f"旧账{run}")
	frappe.get_doc(
		{
			"doctype": "Publicity Record",
			"compound": compound,
			"publicity_type": "Fees",
			"published_on": add_days(today(), -3),
			"content": "住宅物业服务费 1.35 元/㎡·月；咨询电话 13912345678",
		}
	).insert()
	committee = make_committee(compound, "Filed")

	for days in (5, 15, 25):
		make_confirmed_record(good, "LH-03", occurred_on=add_days(today(), -days))
	expired = make_confirmed_record(good, "BL-09", occurred_on=add_days(today(), -500))
	draft = make_record(good, "BL-07")
	for days in (6, 16):
		make_confirmed_record(bad, "BL-08", occurred_on=add_days(today(), -days))
	objected = make_confirmed_record(bad, "BL-13", occurred_on=add_days(today(), -26), evidence=f"证据{run}")
	objected.objection = f"异议理由{run}"
	objected.save()
	frappe.db.commit()

	members = frappe.get_all(
		"Owners Committee Member", filters={"parent": committee.name}, fields=["member_name", "phone"]
	)
	print(
		json.dumps(
			{
				"community": community,
				"compound": compound,
				"compound_name": frappe.db.get_value("Residential Compound", compound, "compound_name"),
				"overdue_compound": overdue,
				"good": good,
				"bad": bad,
				"latest_publicity": latest.name,
				"older_publicity": older.name,
				"committee": committee.name,
				"records": {"expired": expired.name, "draft": draft.name, "objected": objected.name},
				"secrets": [
					f"法人甲{run}",
					f"联系人乙{run}",
					f"法人丙{run}",
					"13800138000",
					"13912345678",
					f"异议理由{run}",
					f"证据{run}",
					f"旧账{run}",
					*(m.member_name for m in members),
					*(m.phone for m in members if m.phone),
				],
			},
			ensure_ascii=False,
		)
	)


def _wipe(doctype: str, name: str) -> None:
	"""Delete a test row and its child rows outright (an active contract refuses a normal delete)."""
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parent": name, "parenttype": doctype})
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
	frappe.db.delete(doctype, name)


def remove(names: str) -> None:
	"""Delete what create() made (names: its JSON)."""
	names = json.loads(names)
	frappe.set_user("Administrator")
	for enterprise in (names["good"], names["bad"]):
		for record in frappe.get_all("Credit Record", filters={"enterprise": enterprise}, pluck="name"):
			_wipe("Credit Record", record)
		frappe.db.delete("Credit Score Log", {"enterprise": enterprise})
	for compound in (names["compound"], names["overdue_compound"]):
		for doctype in ("Publicity Record", "Owners Committee", "Service Contract", "Complaint"):
			for name in frappe.get_all(doctype, filters={"compound": compound}, pluck="name"):
				_wipe(doctype, name)
		for file in frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Publicity Record", "file_name": ("like", "notice-%")},
			fields=["name", "attached_to_name"],
		):
			if not frappe.db.exists("Publicity Record", file.attached_to_name):
				frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
		_wipe("Residential Compound", compound)
	for enterprise in (names["good"], names["bad"]):
		_wipe("Property Enterprise", enterprise)
	for unit in frappe.get_all(
		"Supervision Unit", filters={"jurisdiction": names["community"]}, pluck="name"
	):
		frappe.delete_doc("Supervision Unit", unit, force=True, ignore_permissions=True)
	frappe.delete_doc("Jurisdiction", names["community"], force=True, ignore_permissions=True)
	frappe.db.commit()
