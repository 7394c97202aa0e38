# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""建管分离 findings for the district: contracts with an enterprise affiliated with the developer
(Service Contract.developer_affiliated), active ones by default, each with the credit record it
earned and whether its enterprise is under key supervision.

Rows are read with frappe.get_list: an area or community officer sees only the contracts of their
own subtree, an enterprise user only its own; the credit records and enterprises shown are those of
the contracts listed."""

import frappe
from frappe import _
from frappe.utils import cint
from frappe.utils.nestedset import get_descendants_of

from property_supervision.registry.doctype.service_contract.service_contract import separation_key
from property_supervision.rules.management import ACTIVE


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_data(filters: frappe._dict) -> list[dict]:
	conditions = [["developer_affiliated", "=", 1]]
	if not cint(filters.get("include_ended")):
		conditions.append(["status", "=", ACTIVE])
	if filters.get("jurisdiction"):
		scope = [filters.jurisdiction, *get_descendants_of("Jurisdiction", filters.jurisdiction)]
		conditions.append(["jurisdiction", "in", scope])
	rows = frappe.get_list(
		"Service Contract",
		filters=conditions,
		fields=[
			"name as contract",
			"compound",
			"compound_name",
			"jurisdiction",
			"enterprise",
			"enterprise_name",
			"contract_type",
			"status",
			"start_date",
		],
		order_by="start_date desc, name asc",
		limit_page_length=0,
	)
	if not rows:
		return []
	keys = {separation_key(row.contract): row for row in rows}
	records = {
		r.auto_key: r
		for r in frappe.get_all(
			"Credit Record",
			filters={"auto_key": ("in", list(keys))},
			fields=["name", "auto_key", "points"],
		)
	}
	key_supervised = set(
		frappe.get_all(
			"Property Enterprise",
			filters={"name": ("in", list({row.enterprise for row in rows})), "key_supervision": 1},
			pluck="name",
		)
	)
	for key, row in keys.items():
		record = records.get(key)
		row.credit_record = record.name if record else None
		row.points = record.points if record else None
		row.key_supervision = int(row.enterprise in key_supervised)
		row.contract_type = _(row.contract_type, context="Service Contract") if row.contract_type else ""
		row.status = _(row.status, context="Service Contract") if row.status else ""
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "contract",
			"label": _("Service Contract"),
			"fieldtype": "Link",
			"options": "Service Contract",
			"width": 130,
		},
		{"fieldname": "compound_name", "label": _("Compound Name"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "jurisdiction",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 130,
		},
		{
			"fieldname": "enterprise",
			"label": _("Property Enterprise"),
			"fieldtype": "Link",
			"options": "Property Enterprise",
			"width": 130,
		},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "contract_type", "label": _("Contract Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 80},
		{"fieldname": "start_date", "label": _("Start Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "credit_record",
			"label": _("Credit Record"),
			"fieldtype": "Link",
			"options": "Credit Record",
			"width": 130,
		},
		{"fieldname": "points", "label": _("Points"), "fieldtype": "Float", "width": 70},
		{"fieldname": "key_supervision", "label": _("Key Supervision"), "fieldtype": "Check", "width": 90},
	]
