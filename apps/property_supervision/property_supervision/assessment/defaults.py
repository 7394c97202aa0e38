"""The default assessment templates (三级考核, seed: 水政办〔2015〕72号 §4(二) and §5(三)).

Created once per site through setup.defaults (key "Assessment Templates"); from then on they
belong to the administrators, who edit them in the desk. The criteria follow the seed: the
district assesses the area committees and subdistrict offices (辖区物业管理混乱、环境秩序差、老旧小区
管理服务覆盖率不达标，或造成不良影响、酿成重大事件的，与绩效挂钩), the areas assess the communities
(住宅小区物业管理工作实施情况及矛盾纠纷的处理情况), and the supervision office assesses the
enterprises (诚信、公示、投诉、培训)."""

import frappe

from property_supervision.assessment.doctype.assessment_template.assessment_template import (
	AREA_TARGET,
	COMMUNITY_TARGET,
	DEPARTMENT_TARGET,
	ENTERPRISE_TARGET,
)

AREA_TEMPLATE = "片区管委会（街道办事处）物业管理年度考核"
COMMUNITY_TEMPLATE = "社区物业管理年度考核"
ENTERPRISE_TEMPLATE = "物业服务企业年度考核"
DEPARTMENT_TEMPLATE = "区属职能部门物业服务管理工作年度考核"

COVERAGE = "Old Compound Coverage Rate"
RESOLUTION = "Complaint Resolution Rate"
OVERDUE = "Complaint Overdue Rate"
PUBLICITY = "Publicity Compliance Rate"
TRAINING = "Training Attendance Rate"
CREDIT = "Credit Grade"


def criterion(
	name: str, max_score: float, indicator: str = "", guidance: str = "", veto: bool = False
) -> dict:
	return {
		"criterion": name,
		"max_score": max_score,
		"indicator_key": indicator,
		"guidance": guidance,
		"is_veto": int(veto),
	}


DEFAULT_TEMPLATES = (
	{
		"template_name": AREA_TEMPLATE,
		"target_type": AREA_TARGET,
		"description": "区综合考核工作领导小组办公室会同相关部门对片区管委会（街道办事处）进行年度考核，结果与绩效挂钩。",
		"criteria": [
			criterion(
				"辖区物业管理秩序",
				20,
				guidance="辖区物业管理混乱、环境秩序差的，视情节扣分。",
			),
			criterion(
				"老旧小区管理服务覆盖率",
				20,
				COVERAGE,
				"按年末辖区无物业老旧小区纳入管理服务的比例计分；覆盖率不达标的扣分。",
			),
			criterion(
				"投诉办结率",
				15,
				RESOLUTION,
				"按年度辖区受理投诉的办结比例计分。",
			),
			criterion(
				"投诉超期率",
				10,
				OVERDUE,
				"按年度辖区投诉超过办理时限的比例扣分。",
			),
			criterion(
				"公共收益公示合规率",
				10,
				PUBLICITY,
				"按辖区小区至少每半年公示公共收益收支情况的比例计分。",
			),
			criterion(
				"业主委员会培训",
				10,
				TRAINING,
				"按辖区业主委员会成员参加培训的比例计分。",
			),
			criterion(
				"联席会议制度落实",
				15,
				guidance="重大、复杂的物业矛盾纠纷通过联席会议协调处理的情况。",
			),
			criterion(
				"发生重大物业管理事件或造成不良影响",
				0,
				guidance="一票否决：辖区酿成重大事件或造成不良影响的，考核等级为不合格。",
				veto=True,
			),
		],
	},
	{
		"template_name": COMMUNITY_TEMPLATE,
		"target_type": COMMUNITY_TARGET,
		"description": "片区管委会（街道办事处）对各社区的住宅小区物业管理工作实施情况及矛盾纠纷的处理情况进行年度检查考核。",
		"criteria": [
			criterion(
				"矛盾纠纷化解在社区",
				20,
				RESOLUTION,
				"小事不出社区：按年度社区受理投诉的办结比例计分。",
			),
			criterion(
				"投诉按期办理",
				10,
				OVERDUE,
				"按年度社区投诉超过办理时限的比例扣分。",
			),
			criterion(
				"诚信信息采集上报",
				15,
				guidance="及时采集、汇总、上报物业服务企业诚信信息的情况。",
			),
			criterion(
				"老旧小区管理服务覆盖率",
				15,
				COVERAGE,
				"按社区无物业老旧小区纳入管理服务的比例计分。",
			),
			criterion(
				"公共收益公示监督",
				15,
				PUBLICITY,
				"监督辖区小区至少每半年公示公共收益收支情况，按公示合规比例计分。",
			),
			criterion(
				"业主大会、业主委员会组建指导",
				10,
				guidance="指导业主依法成立业主大会、选举业主委员会并按时备案的情况。",
			),
			criterion(
				"参加物业政策法规培训",
				5,
				TRAINING,
				"按社区工作人员参加区级培训的比例计分。",
			),
			criterion(
				"小区环境秩序",
				10,
				guidance="小区环境卫生、公共秩序和配套设施问题的督促整改情况。",
			),
			criterion(
				"发生重大物业管理事件或造成不良影响",
				0,
				guidance="一票否决：社区酿成重大事件或造成不良影响的，考核等级为不合格。",
				veto=True,
			),
		],
	},
	{
		"template_name": ENTERPRISE_TEMPLATE,
		"target_type": ENTERPRISE_TARGET,
		"description": "区建设局物业监督管理办公室对备案的物业服务企业进行年度考核，结果计入企业诚信档案。",
		"criteria": [
			criterion(
				"诚信等级",
				20,
				CREDIT,
				"按年末诚信等级计分：AAA 20分，AA 17分，A 14分，B 8分，C 0分。",
			),
			criterion(
				"服务内容、标准及收费公示",
				10,
				guidance="按规定公示物业服务内容、服务标准及相关收费标准的情况。",
			),
			criterion(
				"公共收益收支公示",
				15,
				PUBLICITY,
				"至少每半年公示小区公共收益收支情况，按公示合规比例计分。",
			),
			criterion(
				"投诉办结",
				20,
				RESOLUTION,
				"按年度针对本企业投诉的办结比例计分。",
			),
			criterion(
				"投诉按期处理",
				10,
				OVERDUE,
				"按年度针对本企业投诉超过办理时限的比例扣分。",
			),
			criterion(
				"培训参加",
				10,
				TRAINING,
				"按参加区级物业法规培训的比例计分。",
			),
			criterion(
				"服务质量与业主满意度",
				15,
				guidance="服务质量检查和业主满意度情况。",
			),
			criterion(
				"发生重大安全责任事故",
				0,
				guidance="一票否决：发生重大安全责任事故的，考核等级为不合格。",
				veto=True,
			),
		],
	},
)


# 区属相关职能部门 (seed §5(三)3): their share of the work is the facility and 四到户 rectification
# they lead, the complaints and joint-meeting matters passed to them, and their co-operation
DEPARTMENT_TEMPLATE_DEFINITION = {
	"template_name": DEPARTMENT_TEMPLATE,
	"target_type": DEPARTMENT_TARGET,
	"description": "将区属相关职能部门物业服务管理工作纳入绩效考评范围，考核结果作为绩效奖惩的重要依据。",
	"criteria": [
		criterion(
			"牵头整改任务落实",
			30,
			guidance="牵头的配套设施整改、“四到户”改造任务按计划目标和期限完成的情况。",
		),
		criterion(
			"交办投诉及联席会议事项办理",
			25,
			guidance="联席会议议定事项和转办投诉按期办结的情况。",
		),
		criterion(
			"联席会议参加与协作配合",
			15,
			guidance="按时参加物业管理联席会议、配合片区管委会（街道办事处）化解矛盾纠纷的情况。",
		),
		criterion(
			"职责范围内执法与监管",
			20,
			guidance="依职责查处物业管理区域内违法违规行为的情况。",
		),
		criterion(
			"政策法规宣传与培训",
			10,
			guidance="开展物业管理政策法规宣传、参加和组织培训的情况。",
		),
		criterion(
			"履职不力酿成重大事件或造成不良影响",
			0,
			guidance="一票否决：因履职不力酿成重大事件或造成不良影响的，考核等级为不合格。",
			veto=True,
		),
	],
}


def create_department_template() -> bool:
	"""The departments' template, a default of its own (sites that had the other templates
	before departments were assessed receive it with their next migrate)."""
	if not frappe.db.exists("DocType", "Assessment Template"):
		return False
	definition = DEPARTMENT_TEMPLATE_DEFINITION
	if not frappe.db.exists("Assessment Template", definition["template_name"]):
		frappe.get_doc({"doctype": "Assessment Template", "is_active": 1, **definition}).insert(
			ignore_permissions=True
		)
	return True


def create_default_templates() -> bool:
	"""Create the default templates that do not exist yet. Returns True once they all exist."""
	if not frappe.db.exists("DocType", "Assessment Template"):
		return False
	for template in DEFAULT_TEMPLATES:
		if frappe.db.exists("Assessment Template", template["template_name"]):
			continue
		frappe.get_doc({"doctype": "Assessment Template", "is_active": 1, **template}).insert(
			ignore_permissions=True
		)
	return True
