"""Factories for tests of handover inspections."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, nowdate


def inspection_dict(compound: str, enterprise: str, inspection_date=None, **fields) -> dict:
	"""An inspection held `inspection_date` (default: 20 days ago; "" for none yet) for a delivery
	20 days later."""
	if inspection_date is None:
		inspection_date = add_days(nowdate(), -20)
	return {
		"doctype": "Handover Inspection",
		"compound": compound,
		"enterprise": enterprise,
		"inspection_date": inspection_date or None,
		"delivery_date": add_days(inspection_date or nowdate(), 20),
		"team": [
			{"unit": "区建设局物业监督管理办公室", "attendee_name": "王建国", "team_role": "组长"},
			{"unit": "七纺片区管委会", "attendee_name": "李海燕", "team_role": "成员"},
		],
		"items": [
			{"item": "Common Parts", "item_details": "1-6号楼屋面、外墙", "result": "Passed"},
			{
				"item": "Equipment",
				"item_details": "3号楼电梯",
				"result": "Defect Found",
				"defect_description": "电梯年检标志过期",
			},
			{"item": "Drawings and Documents", "result": "Passed"},
		],
		**fields,
	}


def make_inspection(compound: str, enterprise: str, state: str = "Draft", **fields):
	doc = frappe.get_doc(inspection_dict(compound, enterprise, **fields)).insert()
	path = {
		"Draft": [],
		"In Progress": ["Begin Processing"],
		"Completed": ["Begin Processing", "Mark Completed"],
	}
	for action in path[state]:
		doc = apply_workflow(doc, action)
	return doc
