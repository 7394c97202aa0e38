"""Demo supervision inspections and rectification notices (see demo/__init__.py).

About a dozen compounds served by an enterprise are inspected over the last months, with the
routine checklist, a finding or two with a rectification notice each; the notices end in a mix of
states: closed after the re-inspection, answered and waiting for it, refused, and still issued
past their deadline (the daily job then marks them overdue and makes their credit records). The
enterprises under key supervision get their scheduled inspection. Running it again creates nothing
new: a compound that has an inspection is left alone."""

import random

import frappe
from frappe.utils import add_days, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.supervision.defaults import ROUTINE_TEMPLATE
from property_supervision.supervision.rectification import (
	mark_overdue_notices,
	notice_values,
	schedule_key_inspections,
)

INSPECTIONS = 12
FINDINGS = (
	("消防通道堆放杂物，影响疏散", "Serious", "立即清理消防通道，建立每日巡查制度"),
	("电梯年检合格标志过期", "Serious", "联系检验机构完成年检并张贴合格标志"),
	("公共收益收支未按期公示", "Moderate", "在小区显著位置公示上半年公共收益收支情况"),
	("垃圾分类投放点清运不及时", "Moderate", "增加清运频次，做到日产日清"),
	("绿化带有毁绿种菜现象", "Minor", "恢复绿化并劝导业主"),
	("二次供水设施清洗消毒记录缺失", "Moderate", "完成清洗消毒并公示水质检测报告"),
)
INSPECTORS = ("王建国", "李红", "张海峰", "刘芳", "马晓军", "阿依古丽")
# the meaning a demo notice ends in -> weight
OUTCOMES = {meanings.CLOSED: 4, meanings.ANSWERED: 2, meanings.ISSUED: 3, meanings.REFUSED: 1}


def make_supervision(rng: random.Random, names: dict) -> dict[str, int]:
	compounds = frappe.get_all(
		"Residential Compound",
		filters={"current_enterprise": ("is", "set")},
		fields=["name", "current_enterprise"],
		order_by="name",
	)
	if not compounds or not frappe.db.exists("Inspection Template", ROUTINE_TEMPLATE):
		return {"Supervision Inspection": 0, "Rectification Notice": 0}
	inspected = set(frappe.get_all("Supervision Inspection", pluck="compound", distinct=True))
	chosen = [c for c in rng.sample(compounds, min(INSPECTIONS, len(compounds))) if c.name not in inspected]
	unit = frappe.db.get_value("Supervision Unit", {}, "name", order_by="name asc")
	inspections = notices = 0
	for compound in chosen:
		inspected_on = add_days(today(), -rng.randint(5, 120))
		doc = frappe.get_doc(
			{
				"doctype": "Supervision Inspection",
				"inspection_type": rng.choice(("Routine", "Routine", "Special Campaign")),
				"campaign": "物业服务质量提升专项行动",
				"compound": compound.name,
				"inspection_date": inspected_on,
				"template": ROUTINE_TEMPLATE,
				"inspectors": [{"inspector_name": name, "unit": unit} for name in rng.sample(INSPECTORS, 2)],
				"conclusion": "现场检查发现问题已当场告知企业负责人，责令限期整改。",
			}
		)
		doc.insert(ignore_permissions=True)
		findings = rng.sample(FINDINGS, rng.randint(1, 2))
		for row in doc.checklist:
			row.result = "Fail" if rng.random() < 0.15 else "Pass"
		for description, severity, requirement in findings:
			doc.append(
				"findings",
				{
					"description": description,
					"severity": severity,
					"requires_rectification": 1,
					"requirement": requirement,
				},
			)
		doc.save(ignore_permissions=True)
		meanings.advance(doc, meanings.COMPLETED)
		doc.reload()
		inspections += 1
		for row in doc.findings:
			notice = frappe.get_doc({**notice_values(doc, row), "issued_on": inspected_on}).insert(
				ignore_permissions=True
			)
			notices += 1
			_finish(rng, notice)
	# the overdue ones marked and recorded as the daily job would; key-supervision inspections planned
	mark_overdue_notices()
	schedule_key_inspections()
	return {"Supervision Inspection": inspections, "Rectification Notice": notices}


def _finish(rng: random.Random, notice):
	outcome = rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
	if outcome == meanings.ISSUED:
		return
	if outcome == meanings.REFUSED:
		notice.refusal_note = "企业负责人拒绝签收并表示不予整改"
		notice.save(ignore_permissions=True)
		meanings.advance(notice, meanings.REFUSED)  # its credit record at once (on_notice_update)
		return
	notice.answer = "已按要求完成整改，整改前后照片及台账已上传。"
	notice.save(ignore_permissions=True)
	meanings.advance(notice, meanings.ANSWERED)
	if outcome == meanings.CLOSED:
		notice = frappe.get_doc(notice.doctype, notice.name)
		notice.reinspection_date = min(add_days(notice.deadline, -1), getdate(today()))
		notice.reinspection_result = "Rectified"
		notice.reinspection_remark = "复查合格"
		notice.save(ignore_permissions=True)
		meanings.advance(notice, meanings.CLOSED)
