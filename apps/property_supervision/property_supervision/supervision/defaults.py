"""The Supervision module's shipped defaults, created once per site (setup/defaults.py keys, after
install and after every migrate; patches/supervision_defaults.py for existing sites) and then the
administrators': two inspection templates and the Supervision Settings record (the credit rule of
overdue or refused rectification: BL-07 拒不执行整改 when the site has it)."""

import frappe

ROUTINE_TEMPLATE = "物业服务日常检查表"
KEY_SUPERVISION_TEMPLATE = "重点监管企业检查表"
# the credit rule shipped for ignoring a rectification notice (credit/defaults.py)
REFUSED_RECTIFICATION_RULE = "BL-07"

TEMPLATES = [
	{
		"template_name": ROUTINE_TEMPLATE,
		"inspection_type": "",
		"description": "日常巡查、投诉核查和专项检查通用的物业服务检查项目。",
		"items": [
			("在小区显著位置公示服务内容、服务标准、收费项目和收费标准", "Service Standards", 1, 1),
			("项目负责人及客服人员在岗，24 小时报修电话畅通", "Service Standards", 1, 1),
			("消防通道畅通，消防设施设备完好有效", "Safety", 2, 1),
			("电梯维护保养记录齐全，年检合格标志在有效期内", "Safety", 2, 1),
			("公共区域保洁到位，生活垃圾日产日清", "Sanitation and Greening", 1, 1),
			("绿化养护到位，无毁绿占绿", "Sanitation and Greening", 1, 0),
			("共用设施设备运行正常，有巡检记录", "Facilities and Equipment", 1, 1),
			("二次供水设施定期清洗消毒，水质检测报告公示", "Facilities and Equipment", 1, 0),
			("门岗值守到位，车辆停放有序", "Order and Security", 1, 1),
			("装饰装修登记和巡查到位", "Order and Security", 1, 0),
			("公共收益收支按期公示", "Fees and Publicity", 2, 1),
			("业主投诉、报修办理及时，有台账和回访记录", "Other", 1, 1),
		],
	},
	{
		"template_name": KEY_SUPERVISION_TEMPLATE,
		"inspection_type": "Key Supervision",
		"description": "诚信等级低、群众反映问题多的重点监管企业的定期检查项目。",
		"items": [
			("前次责令限期整改通知书所列问题已整改到位", "Other", 3, 1),
			("物业服务合同约定的服务事项履行到位", "Service Standards", 2, 1),
			("项目负责人在岗，从业人员登记在册", "Service Standards", 1, 1),
			("消防安全和电梯安全管理落实", "Safety", 2, 1),
			("公共收益收支按期公示", "Fees and Publicity", 2, 1),
			("投诉办理台账完整，属实投诉已整改", "Other", 2, 1),
			("信用不良记录涉及的问题已整改", "Other", 1, 1),
		],
	},
]


def create_default_templates() -> bool:
	if not frappe.db.exists("DocType", "Inspection Template"):
		return False
	for definition in TEMPLATES:
		if frappe.db.exists("Inspection Template", definition["template_name"]):
			continue
		frappe.get_doc(
			{
				"doctype": "Inspection Template",
				"template_name": definition["template_name"],
				"inspection_type": definition["inspection_type"],
				"description": definition["description"],
				"is_active": 1,
				"items": [
					{"item": item, "category": category, "weight": weight, "is_required": required}
					for item, category, weight, required in definition["items"]
				],
			}
		).insert(ignore_permissions=True)
	return True


def create_supervision_settings() -> bool:
	"""Once per site (its key in setup/defaults.py): the shipped credit rule and template where the
	record has none (Frappe writes a new single DocType's plain defaults itself, so the record may
	exist already); needs the credit rules and the templates first."""
	if not frappe.db.exists("DocType", "Supervision Settings"):
		return False
	settings = frappe.get_doc("Supervision Settings")
	if frappe.db.exists("Credit Rule", REFUSED_RECTIFICATION_RULE):
		settings.overdue_credit_rule = settings.overdue_credit_rule or REFUSED_RECTIFICATION_RULE
		settings.refused_credit_rule = settings.refused_credit_rule or REFUSED_RECTIFICATION_RULE
	if frappe.db.exists("Inspection Template", KEY_SUPERVISION_TEMPLATE):
		settings.key_inspection_template = settings.key_inspection_template or KEY_SUPERVISION_TEMPLATE
	settings.save(ignore_permissions=True)
	return True


def default_creators() -> dict:
	"""key -> creator, for setup/defaults.py (after the credit rules)."""
	return {
		"Inspection Templates": create_default_templates,
		"Settings:Supervision Settings": create_supervision_settings,
	}


def _lacks_meanings(doctype: str, fieldname: str) -> bool:
	from property_supervision.workflow_meanings import STATE_MEANING_OPTIONS

	field = frappe.get_meta(doctype).get_field(fieldname)
	return not field or not set(STATE_MEANING_OPTIONS) <= set((field.options or "").split("\n"))


def create_missing_defaults() -> list[str]:
	"""For the patch: the meaning fields learn the new meanings (Issued, Answered …) where they lack
	them, then the site receives every default it has never had (setup/defaults.py, the same keys)."""
	from property_supervision.notices.defaults import create_notice_fields
	from property_supervision.setup.defaults import install_defaults
	from property_supervision.workflow_meanings import clear_cache, create_meaning_fields

	if _lacks_meanings("Workflow Document State", "ps_meaning"):
		create_meaning_fields()
	if _lacks_meanings("Notification", "ps_state_meaning"):
		create_notice_fields()
	clear_cache()
	created = install_defaults()
	# the new workflows' drawing in the Workflow Builder (the sites' layout key is older than they)
	from property_supervision.setup.workflow_layout import lay_out_workflows

	lay_out_workflows()
	return created
