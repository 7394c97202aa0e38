"""The default credit rules a district office starts with (SPEC: Credit Rule).

Drawn from the good- and bad-conduct lists of published property-service credit schemes
(national regulations as their basis, provincial 物业服务企业信用评价 schemes for the points)
and from the district's plan (水政办〔2015〕72号: half-yearly publicity of public income,
training, annual assessment, 建管分离). Codes: LH (良好行为) good conduct, BL (不良行为) bad
conduct. The descriptions are data, in Chinese, as an office writes them.

Created once per site through setup.defaults (key "Credit Rules"); from then on they belong to
the administrators, who edit, deactivate or add rules in the desk, and migrate never touches
them again.
"""

import frappe

from property_supervision.credit.doctype.credit_rule.credit_rule import get_automatic_rule

MANUAL = "Manual"
RATINGS_RULE_CODE = "BL-HF"

DEFAULT_CREDIT_RULES = (
	# good conduct
	{
		"rule_code": "LH-01",
		"description": "获得国家级物业管理相关表彰或荣誉称号",
		"points": 8,
		"validity_months": 24,
		"basis": "良好行为：国家有关部门的表彰、奖励",
	},
	{
		"rule_code": "LH-02",
		"description": "获得自治区（省）级物业管理相关表彰或荣誉称号",
		"points": 6,
		"validity_months": 24,
		"basis": "良好行为：自治区（省）有关部门的表彰、奖励",
	},
	{
		"rule_code": "LH-03",
		"description": "获得市级物业管理相关表彰或荣誉称号",
		"points": 5,
		"validity_months": 12,
		"basis": "良好行为：市级有关部门的表彰、奖励",
	},
	{
		"rule_code": "LH-04",
		"description": "获得区级物业管理相关表彰或荣誉称号",
		"points": 3,
		"validity_months": 12,
		"basis": "良好行为：区级有关部门的表彰、奖励",
	},
	{
		"rule_code": "LH-05",
		"description": "按规定公示服务内容、收费标准及公共收益收支情况，经社区核实规范完整",
		"points": 2,
		"validity_months": 12,
		"basis": "《民法典》第九百四十三条；水政办〔2015〕72号（每半年公示公共收益收支）",
	},
	{
		"rule_code": "LH-06",
		"description": "参加主管部门组织的培训，考核成绩优秀",
		"points": 1,
		"validity_months": 12,
		"basis": "水政办〔2015〕72号（分级培训）",
	},
	{
		"rule_code": "LH-07",
		"description": "承接无物业老旧小区物业服务或托底管理服务",
		"points": 3,
		"validity_months": 12,
		"basis": "水政办〔2015〕72号（无物业老旧小区单独引进、就近代管、连片打包、托底管理）",
	},
	{
		"rule_code": "LH-08",
		"description": "在突发事件应急处置、防汛除雪等工作中表现突出，受到主管部门通报表扬",
		"points": 3,
		"validity_months": 12,
		"basis": "良好行为：主管部门通报表扬",
	},
	{
		"rule_code": "LH-09",
		"description": "年度考核结果为优秀",
		"points": 3,
		"validity_months": 12,
		"source": "Assessment Result",
		"basis": "水政办〔2015〕72号（年度考核）",
	},
	{
		"rule_code": "LH-10",
		"description": "业主满意度测评达到90%以上",
		"points": 2,
		"validity_months": 12,
		"basis": "良好行为：业主满意度测评",
	},
	# bad conduct
	{
		"rule_code": "BL-01",
		"description": "被投诉，经查属实",
		"points": -2,
		"validity_months": 12,
		"source": "Complaint Upheld",
		"basis": "不良行为：有效投诉",
	},
	{
		"rule_code": "BL-02",
		"description": "投诉未在规定时限内处理",
		"points": -1,
		"validity_months": 12,
		"source": "Complaint Overdue",
		"basis": "不良行为：投诉处理逾期",
	},
	{
		"rule_code": "BL-03",
		"description": "未按规定每半年公示公共收益收支情况",
		"points": -3,
		"validity_months": 12,
		"source": "Publicity Overdue",
		"basis": "《民法典》第二百八十二条、第九百四十三条；水政办〔2015〕72号",
	},
	{
		"rule_code": "BL-04",
		"description": "年度考核结果为不合格",
		"points": -5,
		"validity_months": 12,
		"source": "Assessment Result",
		"basis": "水政办〔2015〕72号（年度考核）",
	},
	{
		"rule_code": "BL-05",
		"description": "无故缺席主管部门组织的必修培训",
		"points": -1,
		"validity_months": 12,
		"source": "Training Absence",
		"basis": "水政办〔2015〕72号（分级培训）",
	},
	{
		"rule_code": "BL-06",
		"description": "违反建管分离规定，由建设单位关联企业承接前期物业服务",
		"points": -5,
		"validity_months": 24,
		"basis": "《物业管理条例》第二十四条（建设单位与物业服务企业相分离）；水政办〔2015〕72号",
	},
	{
		"rule_code": "BL-07",
		"description": "拒不执行主管部门责令限期整改通知",
		"points": -5,
		"validity_months": 12,
		"basis": "不良行为：拒不整改",
	},
	{
		"rule_code": "BL-08",
		"description": "管理区域内发生重大安全责任事故",
		"points": -10,
		"validity_months": 36,
		"basis": "不良行为：安全责任事故",
	},
	{
		"rule_code": "BL-09",
		"description": "擅自提高收费标准、超出合同约定收费或强制收取费用",
		"points": -3,
		"validity_months": 12,
		"basis": "《物业管理条例》；物业服务收费管理规定",
	},
	{
		"rule_code": "BL-10",
		"description": "挪用、侵占业主共有部分经营收益或专项维修资金",
		"points": -10,
		"validity_months": 36,
		"basis": "《民法典》第二百八十二条；住宅专项维修资金管理规定",
	},
	{
		"rule_code": "BL-11",
		"description": "承接物业时未按规定进行承接查验或未移交相关资料",
		"points": -3,
		"validity_months": 12,
		"basis": "《物业管理条例》第二十八条、第二十九条；建房〔2010〕165号",
	},
	{
		"rule_code": "BL-12",
		"description": "服务合同终止后拒不退出，拒不移交物业服务用房和相关资料",
		"points": -8,
		"validity_months": 24,
		"basis": "《民法典》第九百四十九条",
	},
	{
		"rule_code": "BL-13",
		"description": "未按规定报送信用信息，或报送虚假信息、材料",
		"points": -3,
		"validity_months": 12,
		"basis": "不良行为：信用信息报送",
	},
	{
		"rule_code": "BL-14",
		"description": "因物业服务活动违法违规受到行政处罚",
		"points": -5,
		"validity_months": 24,
		"basis": "不良行为：行政处罚",
	},
	# the residents' ratings of complaint handling (回访, complaints/rating.py), judged per half-year
	{
		"rule_code": RATINGS_RULE_CODE,
		"description": "居民对投诉处理的回访评价中不满意比例过高（半年内不满意评价占30%以上，且评价不少于5件）",
		"points": -2,
		"validity_months": 12,
		"source": "Dissatisfied Ratings",
		"dissatisfied_share": 30,
		"rating_period_months": 6,
		"minimum_ratings": 5,
		"basis": "不良行为：业主满意度低；水政办〔2015〕72号（投诉处理、回访）",
	},
)


def create_default_credit_rules(codes: tuple[str, ...] | None = None) -> bool:
	"""Create the default rules the site does not have (only those of `codes` when given: a patch
	bringing one new default). True once the rules exist."""
	if not frappe.db.exists("DocType", "Credit Rule"):
		return False
	for rule in DEFAULT_CREDIT_RULES:
		if codes is not None and rule["rule_code"] not in codes:
			continue
		if frappe.db.exists("Credit Rule", rule["rule_code"]):
			continue
		doc = frappe.get_doc({"doctype": "Credit Rule", "source": MANUAL, "is_active": 1, **rule})
		if doc.source != MANUAL and get_automatic_rule(doc.source, good=doc.points > 0):
			# the office already has its own rule for this fact: ship ours switched off
			doc.is_active = 0
		doc.insert(ignore_permissions=True)
	return True
