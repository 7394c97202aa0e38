"""The shipped notices: Notification records (and Email Templates for the long wording), created
once per site (setup/defaults.py keys, after install and after every migrate; the patch
patches/notices.py for existing sites). A record that exists is never touched again: an
administrator's wording, recipients and switch-off survive `bench migrate`, and a deleted one
stays deleted.

SMS notices are shipped switched off: they need the SMS gateway in SMS Settings first (README,
"Notices").
"""

import frappe

from property_supervision import notices
from property_supervision import workflow_meanings as meanings
from property_supervision.notices import recipients as r
from property_supervision.roles import AREA_OFFICER, COMMUNITY_OFFICER, DISTRICT_SUPERVISOR, SUPERVISION_ADMIN


def notice_custom_fields() -> dict:
	return {
		"Notification Recipient": [
			{
				"fieldname": "ps_audience",
				"label": "Recipient Audience",
				"fieldtype": "Select",
				"options": "\n" + "\n".join(r.AUDIENCES),
				"insert_after": "receiver_by_role",
				"in_list_view": 1,
				"columns": 2,
				"translatable": 0,
				"description": "Who of the document's people receive it (property_supervision/notices/"
				"recipients.py). Role in the Jurisdiction: users of the role above whose User Permission "
				"covers the document's jurisdiction. With another audience a role narrows it down.",
			}
		],
		"Notification": [
			{
				"fieldname": "ps_email_template",
				"label": "Wording from Email Template",
				"fieldtype": "Link",
				"options": "Email Template",
				"insert_after": "subject",
				"description": "When set, the subject and message come from this Email Template.",
			},
			{
				"fieldname": "ps_also_sms",
				"label": "Also by SMS",
				"fieldtype": "Check",
				"default": "0",
				"insert_after": "send_system_notification",
				"description": "Besides the e-mail and the desk notice, an SMS with the subject to each "
				"recipient's mobile number (their user's Mobile No; SMS Settings must name a gateway).",
			},
			{
				"fieldname": "ps_state_meaning",
				"label": "Only While the State Means",
				"fieldtype": "Select",
				"options": "\n" + "\n".join(meanings.STATE_MEANING_OPTIONS),
				"insert_after": "condition",
				"translatable": 0,
				"description": "Send only while the document's workflow state has this meaning "
				"(a renamed state keeps it).",
			},
		],
	}


def create_notice_fields() -> bool:
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(notice_custom_fields(), ignore_validate=True, update=True)
	return True


def _row(audience=None, role=None, field=None):
	return {"ps_audience": audience, "receiver_by_role": role, "receiver_by_document_field": field}


SIGNATURE = "水磨沟区物业服务监管平台"
COMPLAINT_LINE = (
	"<p>投诉编号：{{ doc.name }}<br>小区：{{ doc.compound_name or doc.compound }}<br>"
	"类别：{{ _(doc.category) if doc.category else '' }}<br>"
	"办理期限：{{ frappe.utils.formatdate(doc.deadline) if doc.deadline else '' }}</p>"
	"<p>{{ doc.description | e }}</p>"
)

EMAIL_TEMPLATES = [
	{
		"name": "信用记录告知",
		"subject": "信用记录告知：{{ doc.enterprise_name or doc.enterprise }}（{{ doc.name }}）",
		"response_html": (
			"<p>{{ doc.enterprise_name or doc.enterprise }}：</p>"
			"<p>区物业监督管理办公室已对贵单位拟记录一条信用信息（编号 {{ doc.name }}），"
			"记分 {{ doc.points }} 分，发生日期 {{ frappe.utils.formatdate(doc.occurred_on) }}。</p>"
			"<p>依据：{{ (doc.evidence or '') | e }}</p>"
			"<p>记录确认后，贵单位可在确认之日起 15 日内（约 "
			"{{ frappe.utils.formatdate(frappe.utils.add_days(frappe.utils.nowdate(), 15)) }} 前）"
			"在系统中对该记录提出异议。</p>"
			f"<p>{SIGNATURE}</p>"
		),
	},
	{
		"name": "信用记录确认告知",
		"subject": "信用记录已确认：{{ doc.enterprise_name or doc.enterprise }}（{{ doc.name }}）",
		"response_html": (
			"<p>{{ doc.enterprise_name or doc.enterprise }}：</p>"
			"<p>贵单位的信用记录 {{ doc.name }}（记分 {{ doc.points }} 分）已确认，"
			"有效期至 {{ frappe.utils.formatdate(doc.expires_on) if doc.expires_on else '' }}。</p>"
			"<p>如有异议，请于 "
			"{{ frappe.utils.formatdate(frappe.utils.add_days(frappe.utils.nowdate(), 15)) }} 前"
			"在系统中打开该记录填写异议并说明理由，区物业监督管理办公室将作出处理决定。</p>"
			f"<p>{SIGNATURE}</p>"
		),
	},
	{
		"name": "培训通知",
		"subject": "培训通知：{{ doc.title }}",
		"response_html": (
			"<p>各参训单位：</p>"
			"<p>定于 {{ frappe.utils.format_datetime(doc.start, 'yyyy年M月d日 HH:mm') }} 在 "
			"{{ (doc.location or '') | e }} 举办培训“{{ doc.title }}”"
			"{% if doc.trainer %}，主讲：{{ doc.trainer | e }}{% endif %}。</p>"
			"<p>培训内容：{{ (doc.topic or '') | e }}</p>"
			"{% if doc.is_mandatory %}<p>本次培训为必训项目，缺席将按规定记入信用记录。</p>{% endif %}"
			"<p>请按时参加并签到。</p>"
			f"<p>{SIGNATURE}</p>"
		),
	},
]

# every shipped notice: name, DocType, event, recipients and wording (README "Notices")
# a mainland mobile number (stored as its 11 digits, rules/phone.py)
RESOLUTION_SMS_MOBILE = (
	"doc.complainant_phone and doc.complainant_phone.isdigit() and doc.complainant_phone.startswith('1')"
)
# the resolution SMS in Chinese: for every complainant who did not file in Uyghur
RESOLUTION_SMS_CONDITION = RESOLUTION_SMS_MOBILE + " and doc.language != 'ug'"
# the condition shipped before the Uyghur message existed (patches/uyghur_resolution_sms.py)
RESOLUTION_SMS_CONDITION_BEFORE = (
	"doc.complainant_phone and doc.complainant_phone.isdigit() and doc.complainant_phone.startswith('1')"
)

NOTICES = [
	{
		"name": "新投诉待社区受理",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.state_event(meanings.RECEIVED),
		"recipients": [_row(r.HANDLING_LEVEL)],
		"subject": "新投诉 {{ doc.name }}（{{ doc.compound_name or doc.compound }}）待受理",
		"message": "<p>收到一件新投诉，请及时受理。</p>" + COMPLAINT_LINE,
	},
	{
		"name": "投诉转入本级办理",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.COMPLAINT_NEW_LEVEL,
		"recipients": [_row(r.HANDLING_LEVEL)],
		"subject": "投诉 {{ doc.name }} 已转入本级办理，期限 {{ frappe.utils.formatdate(doc.deadline) }}",
		"message": "<p>投诉已转入本级（{{ _(doc.current_level) }}）办理，承办单位："
		"{{ doc.handling_unit or '' }}。</p>" + COMPLAINT_LINE,
	},
	{
		"name": "投诉重新办理",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.COMPLAINT_REOPENED,
		"recipients": [_row(r.HANDLING_LEVEL)],
		"subject": "投诉 {{ doc.name }} 已重新办理：投诉人对办理结果不满意",
		"message": "<p>投诉人对办理结果不满意，投诉已退回本级重新办理，期限 "
		"{{ frappe.utils.formatdate(doc.deadline) }}。</p>" + COMPLAINT_LINE,
	},
	{
		"name": "投诉不满意但无法重新办理",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.COMPLAINT_NOT_REOPENED,
		"recipients": [_row(role=DISTRICT_SUPERVISOR)],
		"subject": "投诉 {{ doc.name }} 被评价为不满意，但工作流中没有重新办理的操作",
		"message": "<p>投诉人对投诉 {{ doc.name }} 的办理结果不满意，工作流中没有可重新办理的操作，请区级核查处理。</p>"
		+ COMPLAINT_LINE,
	},
	{
		"name": "企业收到投诉",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.state_event(meanings.RECEIVED),
		"condition": "doc.enterprise",
		"recipients": [_row(r.ENTERPRISE)],
		"subject": "贵单位服务的小区有一件新投诉：{{ doc.name }}",
		"message": "<p>居民对贵单位服务的小区提出投诉，请在办理期限内核实处理并在系统中答复。</p>"
		+ COMPLAINT_LINE,
	},
	{
		"name": "企业收到投诉（短信）",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.state_event(meanings.RECEIVED),
		"condition": "doc.enterprise",
		"channel": "SMS",
		"recipients": [_row(r.ENTERPRISE)],
		"subject": "企业收到投诉（短信）",
		"message": "【物业监管】贵单位服务的{{ doc.compound_name or '' }}有新投诉{{ doc.name }}，"
		"请于{{ frappe.utils.formatdate(doc.deadline) }}前在系统中答复。",
	},
	{
		"name": "投诉即将到期",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.COMPLAINT_DUE_SOON,
		"recipients": [_row(r.HANDLING_LEVEL), _row(r.ENTERPRISE)],
		"subject": "投诉 {{ doc.name }} 将于 {{ frappe.utils.formatdate(doc.deadline) }} 到期",
		"message": "<p>以下投诉即将到达办理期限，请抓紧办理。</p>" + COMPLAINT_LINE,
	},
	{
		"name": "投诉已超期",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.COMPLAINT_OVERDUE,
		"recipients": [_row(r.HANDLING_LEVEL), _row(r.ENTERPRISE)],
		"subject": "投诉 {{ doc.name }} 已超期：办理期限为 {{ frappe.utils.formatdate(doc.deadline) }}",
		"message": "<p>以下投诉已超过办理期限仍未办结，请立即办理。</p>" + COMPLAINT_LINE,
	},
	{
		"name": "投诉已升级",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.COMPLAINT_ESCALATED,
		"recipients": [_row(r.PREVIOUS_LEVEL), _row(r.ENTERPRISE)],
		"subject": "投诉 {{ doc.name }} 已升级至{{ _(doc.current_level) }}办理",
		"message": "<p>以下投诉已升级，由{{ doc.handling_unit or '' }}办理。</p>" + COMPLAINT_LINE,
	},
	{
		"name": "投诉办理结果短信",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.state_event(meanings.RESOLVED),
		# a mainland mobile number (stored as its 11 digits, rules/phone.py): a landline gets no SMS;
		# a complainant who filed in Uyghur gets the Uyghur message below instead
		"condition": RESOLUTION_SMS_CONDITION,
		"channel": "SMS",
		"recipients": [_row(field="complainant_phone")],
		"subject": "投诉办理结果短信",
		"message": "【物业监管】您反映的问题（编号{{ doc.name }}）已办结：{{ (doc.resolution or '')[:60].rstrip('。') }}。"
		"可凭编号和手机号在网站查询并评价。",
	},
	{
		# SMS to a resident goes in the language they used (Complaint.language, set by /complaint)
		"name": "投诉办理结果短信（维吾尔文）",
		"document_type": "Complaint",
		"event": "Method",
		"method": notices.state_event(meanings.RESOLVED),
		"condition": RESOLUTION_SMS_MOBILE + " and doc.language == 'ug'",
		"channel": "SMS",
		"recipients": [_row(field="complainant_phone")],
		"subject": "投诉办理结果短信（维吾尔文）",
		"message": "【مۈلۈك مۇلازىمىتى نازارىتى】سىز ئىنكاس قىلغان مەسىلە (نومۇرى {{ doc.name }}) بىر تەرەپ قىلىندى: "
		"{{ (doc.resolution or '')[:60].rstrip('。') }}. نومۇر ۋە يانفون نومۇرىڭىز بىلەن تور بېكەتتە كۆرۈپ باھا بېرەلەيسىز.",
	},
	{
		"name": "信用记录待确认",
		"document_type": "Credit Record",
		"event": "Method",
		"method": notices.state_event(meanings.DRAFT),
		"recipients": [_row(r.ENTERPRISE)],
		"email_template": "信用记录告知",
	},
	{
		"name": "信用记录已确认",
		"document_type": "Credit Record",
		"event": "Method",
		"method": notices.state_event(meanings.CONFIRMED),
		"recipients": [_row(r.ENTERPRISE)],
		"email_template": "信用记录确认告知",
	},
	{
		"name": "信用记录已确认（短信）",
		"document_type": "Credit Record",
		"event": "Method",
		"method": notices.state_event(meanings.CONFIRMED),
		"channel": "SMS",
		"recipients": [_row(r.ENTERPRISE)],
		"subject": "信用记录已确认（短信）",
		"message": "【物业监管】贵单位信用记录{{ doc.name }}（{{ doc.points }}分）已确认，"
		"如有异议请于{{ frappe.utils.formatdate(frappe.utils.add_days(frappe.utils.nowdate(), 15)) }}"
		"前在系统中提出。",
	},
	{
		"name": "信用记录已撤销",
		"document_type": "Credit Record",
		"event": "Method",
		"method": notices.state_event(meanings.REVOKED),
		"recipients": [_row(r.ENTERPRISE)],
		"subject": "信用记录 {{ doc.name }} 已撤销",
		"message": "<p>{{ doc.enterprise_name or doc.enterprise }}：贵单位的信用记录 {{ doc.name }}"
		"（{{ doc.points }} 分）已撤销，不再计入信用分。</p>"
		"<p>撤销原因：{{ (doc.revocation_reason or doc.objection_note or '') | e }}</p>",
	},
	{
		"name": "信用异议处理结果",
		"document_type": "Credit Record",
		"event": "Value Change",
		"value_changed": "objection_decision",
		"condition": "doc.objection_decision",
		"recipients": [_row(r.ENTERPRISE)],
		"subject": "信用记录 {{ doc.name }} 的异议处理结果：{{ _(doc.objection_decision) }}",
		"message": "<p>{{ doc.enterprise_name or doc.enterprise }}：贵单位对信用记录 {{ doc.name }} 提出的异议"
		"已处理，结果：{{ _(doc.objection_decision) }}。</p><p>处理意见：{{ (doc.objection_note or '') | e }}</p>",
	},
	{
		"name": "业主委员会任期即将届满",
		"document_type": "Owners Committee",
		"event": "Method",
		"method": notices.COMMITTEE_TERM_ENDING,
		"recipients": [
			_row(r.ROLE_IN_JURISDICTION, COMMUNITY_OFFICER),
			_row(r.ROLE_IN_JURISDICTION, AREA_OFFICER),
		],
		"subject": "换届提醒：{{ doc.compound_name or doc.compound }}业主委员会任期将于 "
		"{{ frappe.utils.formatdate(doc.term_end) }} 届满",
		"message": "<p>{{ doc.compound_name or doc.compound }}业主委员会任期将于 "
		"{{ frappe.utils.formatdate(doc.term_end) }} 届满，请指导业主大会做好换届选举的公告和筹备。</p>",
	},
	{
		"name": "业主委员会逾期未备案",
		"document_type": "Owners Committee",
		"event": "Method",
		"method": notices.COMMITTEE_FILING_LATE,
		"recipients": [
			_row(r.ROLE_IN_JURISDICTION, COMMUNITY_OFFICER),
			_row(r.ROLE_IN_JURISDICTION, AREA_OFFICER),
		],
		"subject": "{{ doc.compound_name or doc.compound }}业主委员会逾期未备案",
		"message": "<p>{{ doc.compound_name or doc.compound }}业主委员会选举后应于 "
		"{{ frappe.utils.formatdate(doc.filing_due_date) }} 前备案，至今未备案，请督促办理。</p>",
	},
	{
		"name": "公共收益公示逾期",
		"document_type": "Residential Compound",
		"event": "Method",
		"method": notices.PUBLICITY_OVERDUE,
		"recipients": [_row(r.ENTERPRISE), _row(r.ROLE_IN_JURISDICTION, COMMUNITY_OFFICER)],
		"subject": "公共收益收支公示逾期：{{ doc.compound_name }}",
		"message": "<p>{{ doc.compound_name }}未按期公示公共收益收支情况。请服务企业在小区显著位置张贴公示，"
		"并在系统中登记公示记录；社区请督促落实。</p>",
	},
	{
		"name": "培训通知",
		"document_type": "Training Session",
		"event": "Method",
		"method": notices.state_event(meanings.PUBLISHED),
		"recipients": [_row(r.INVITEES)],
		"email_template": "培训通知",
	},
	{
		"name": "培训开始提醒",
		"document_type": "Training Session",
		"event": "Days Before",
		"date_changed": "start",
		"days_in_advance": 1,
		"state_meaning": meanings.PUBLISHED,
		"recipients": [_row(r.INVITEES)],
		"subject": "培训提醒：{{ doc.title }} 将于 {{ frappe.utils.format_datetime(doc.start, 'M月d日 HH:mm') }} 开始",
		"message": "<p>培训“{{ doc.title }}”将于 {{ frappe.utils.format_datetime(doc.start, 'M月d日 HH:mm') }} "
		"在 {{ (doc.location or '') | e }} 举行，请准时参加并签到。</p>",
	},
	{
		"name": "联席会议通知",
		"document_type": "Joint Meeting",
		"event": "New",
		"recipients": [_row(r.PARTICIPANTS)],
		"subject": "联席会议通知：{{ doc.topic or doc.name }}（{{ frappe.utils.formatdate(doc.meeting_date) }}）",
		"message": "<p>定于 {{ frappe.utils.formatdate(doc.meeting_date) }} 在 {{ (doc.location or '') | e }} "
		"召开联席会议，议题：{{ (doc.topic or '') | e }}，召集单位：{{ doc.convener }}。请各成员单位派员参加。</p>",
	},
	{
		"name": "考核自评通知",
		"document_type": "Assessment",
		"event": "Method",
		"method": notices.state_event(meanings.SELF_ASSESSMENT),
		"recipients": [_row(r.TARGET)],
		"subject": "{{ doc.assessment_year }} 年度考核已开始自评：{{ doc.target_name }}",
		"message": "<p>{{ doc.assessment_year }} 年度考核（{{ doc.template }}）已开启，请在系统中完成自评并提交。"
		"</p><p>考核单位：{{ doc.assessor_unit or '' }}</p>",
	},
	{
		"name": "考核结果公布",
		"document_type": "Assessment",
		"event": "Method",
		"method": notices.state_event(meanings.PUBLISHED),
		"recipients": [_row(r.TARGET)],
		"subject": "{{ doc.assessment_year }} 年度考核结果已公布：{{ doc.target_name }}",
		"message": "<p>{{ doc.target_name }} {{ doc.assessment_year }} 年度考核结果已公布：总分 "
		"{{ doc.total_score }}，等次 {{ _(doc.grade) if doc.grade else '' }}。</p>",
	},
]


NOTICES.append(
	{
		"name": "工作日历缺失提醒",
		"document_type": "Complaint Settings",
		"event": "Method",
		"method": notices.CALENDAR_MISSING,
		"recipients": [_row(role=SUPERVISION_ADMIN)],
		"subject": "{{ values.year }} 年的工作日历尚未录入",
		"message": "<p>{{ values.year }} 年的工作日历尚未录入。"
		"请在新年度开始前录入法定节假日和调休上班日，否则该年度的办理期限只按周末计算。</p>",
	}
)

# owners' assemblies (registry/doctype/owners_assembly): the notice and the result, to the
# community's and the area's officers, who guide the assembly (SPEC §14)
NOTICES += [
	{
		"name": "业主大会会议公告",
		"document_type": "Owners Assembly",
		"event": "Method",
		"method": notices.state_event(meanings.NOTICE_PUBLISHED),
		"recipients": [
			_row(r.ROLE_IN_JURISDICTION, COMMUNITY_OFFICER),
			_row(r.ROLE_IN_JURISDICTION, AREA_OFFICER),
		],
		"subject": "{{ doc.compound_name or doc.compound }}业主大会定于 {{ frappe.utils.formatdate(doc.meeting_date) }} 召开",
		"message": "<p>{{ doc.compound_name or doc.compound }}业主大会会议已于 "
		"{{ frappe.utils.formatdate(doc.notice_published_on) }} 公告，定于 "
		"{{ frappe.utils.formatdate(doc.meeting_date) }} 在 {{ doc.meeting_place or '' }} 召开。</p>"
		"<p>议题：{{ (doc.agenda or '') | e }}</p><p>请社区、街道（片区）派员列席指导。</p>",
	},
	{
		"name": "业主大会表决结果公示",
		"document_type": "Owners Assembly",
		"event": "Method",
		"method": notices.state_event(meanings.PUBLISHED),
		"recipients": [
			_row(r.ROLE_IN_JURISDICTION, COMMUNITY_OFFICER),
			_row(r.ROLE_IN_JURISDICTION, AREA_OFFICER),
		],
		"subject": "{{ doc.compound_name or doc.compound }}业主大会表决结果已公示",
		"message": "<p>{{ doc.compound_name or doc.compound }}业主大会（{{ frappe.utils.formatdate(doc.meeting_date) }}）"
		"表决结果已于 {{ frappe.utils.formatdate(doc.result_published_on) }} 公示：参与表决业主 "
		"{{ doc.owners_present }} / {{ doc.total_owners }} 户，专有部分面积 {{ doc.area_present }} / "
		"{{ doc.total_area }} ㎡。{% if doc.election_passed %}业主委员会选举获得通过，请指导其在规定期限内备案。{% endif %}</p>"
		"{% for row in doc.resolutions %}<p>{{ row.idx }}. {{ row.title | e }}：{{ '通过' if row.passed else '未通过' }}</p>{% endfor %}",
	},
]


def create_email_template(definition: dict) -> bool:
	if not frappe.db.exists("Email Template", definition["name"]):
		frappe.get_doc(
			{
				"doctype": "Email Template",
				"name": definition["name"],
				"subject": definition["subject"],
				"use_html": 1,
				"response_html": definition["response_html"],
			}
		).insert(ignore_permissions=True)
	return True


def notification_doc(definition: dict) -> dict:
	channel = definition.get("channel", "Email")
	doc = {
		"doctype": "Notification",
		"name": definition["name"],
		"subject": definition.get("subject") or definition["name"],
		"document_type": definition["document_type"],
		"event": definition["event"],
		"method": definition.get("method"),
		"value_changed": definition.get("value_changed"),
		"date_changed": definition.get("date_changed"),
		"days_in_advance": definition.get("days_in_advance") or 0,
		"condition": definition.get("condition"),
		"ps_state_meaning": definition.get("state_meaning"),
		"ps_email_template": definition.get("email_template"),
		"channel": channel,
		"send_system_notification": 1 if channel == "Email" else 0,
		# SMS needs a gateway in SMS Settings first: the administrator switches it on
		"enabled": 0 if channel == "SMS" else 1,
		"message_type": "HTML" if channel != "SMS" else "Plain Text",
		"message": definition.get("message") or "",
		"recipients": definition["recipients"],
	}
	template = definition.get("email_template")
	if template and not doc["message"]:
		found = next(t for t in EMAIL_TEMPLATES if t["name"] == template)
		doc["subject"] = found["subject"]
		doc["message"] = found["response_html"]
	return doc


def create_notification(definition: dict) -> bool:
	"""Create one shipped notice unless a Notification of its name exists (an administrator's
	edited or duplicated record is kept as it is)."""
	if not frappe.db.exists("DocType", definition["document_type"]):
		return False
	if frappe.db.exists("Notification", definition["name"]):
		return True
	if definition.get("email_template"):
		create_email_template(next(t for t in EMAIL_TEMPLATES if t["name"] == definition["email_template"]))
	doc = frappe.get_doc(notification_doc(definition))
	doc.insert(ignore_permissions=True)
	return True


def default_creators() -> dict:
	"""key -> creator, for setup/defaults.py (created once, never overwritten)."""
	creators = {"Custom Fields:notices": create_notice_fields}
	for template in EMAIL_TEMPLATES:
		creators[f"Email Template:{template['name']}"] = lambda t=template: create_email_template(t)
	for definition in NOTICES:
		creators[f"Notification:{definition['name']}"] = lambda d=definition: create_notification(d)
	return creators


def create_missing_notices() -> list[str]:
	"""For the patch: the notices' defaults this site has never received (keys as in setup/defaults.py,
	so the next after_migrate knows them)."""
	import json

	from property_supervision.setup.defaults import INSTALLED_KEY, installed_keys

	installed = installed_keys()
	created = []
	for key, create in default_creators().items():
		if key not in installed and create():
			installed.add(key)
			created.append(key)
	if created:
		frappe.db.set_default(INSTALLED_KEY, json.dumps(sorted(installed)))
	return created


# rectification notices (supervision/): issued → the enterprise; answered → the officers who
# re-inspect; overdue (the daily job) → the area's officers and the district
RECTIFICATION_LINE = (
	"<p>通知书编号：{{ doc.name }}<br>被检查单位：{{ doc.enterprise_name or doc.enterprise }}<br>"
	"小区：{{ doc.compound_name or doc.compound or '' }}<br>"
	"整改期限：{{ frappe.utils.formatdate(doc.deadline) if doc.deadline else '' }}</p>"
	"<p>问题：{{ (doc.finding or '') | e }}</p>"
)
NOTICES += [
	{
		"name": "责令限期整改通知书已下达",
		"document_type": "Rectification Notice",
		"event": "Method",
		"method": notices.state_event(meanings.ISSUED),
		"recipients": [_row(r.ENTERPRISE)],
		"subject": "责令限期整改通知书 {{ doc.name }}：请于 {{ frappe.utils.formatdate(doc.deadline) }} 前整改",
		"message": "<p>{{ doc.enterprise_name or doc.enterprise }}：监督检查发现贵单位存在以下问题，"
		"请在整改期限内整改完毕，并在系统中打开通知书填写整改情况后提交答复。逾期不整改或拒不整改的，"
		"将记入企业信用记录。</p>" + RECTIFICATION_LINE + f"<p>{SIGNATURE}</p>",
	},
	{
		"name": "整改通知书企业已答复",
		"document_type": "Rectification Notice",
		"event": "Method",
		"method": notices.state_event(meanings.ANSWERED),
		"recipients": [_row(r.ROLE_IN_JURISDICTION, AREA_OFFICER), _row(role=DISTRICT_SUPERVISOR)],
		"subject": "{{ doc.enterprise_name or doc.enterprise }}已答复整改通知书 {{ doc.name }}，请复查",
		"message": "<p>企业已提交整改情况，请组织复查并在通知书中登记复查结果。</p>"
		"<p>整改情况：{{ (doc.answer or '') | e }}</p>" + RECTIFICATION_LINE,
	},
	{
		"name": "整改通知书已逾期",
		"document_type": "Rectification Notice",
		"event": "Method",
		"method": "ps_rectification_overdue",  # supervision/rectification.py RECTIFICATION_OVERDUE
		"recipients": [
			_row(r.ROLE_IN_JURISDICTION, AREA_OFFICER),
			_row(role=DISTRICT_SUPERVISOR),
			_row(r.ENTERPRISE),
		],
		"subject": "整改通知书 {{ doc.name }} 已逾期：{{ doc.enterprise_name or doc.enterprise }}未在期限内整改",
		"message": "<p>以下责令限期整改通知书已超过整改期限仍未办结，将按规定记入企业信用记录，请督促整改。</p>"
		+ RECTIFICATION_LINE,
	},
]  # the rectification notices


# facility work (SPEC §14, registry/facilities.py): an item past its target date, to its lead unit
NOTICES.append(
	{
		"name": "设施整改项目已逾期",
		"document_type": "Facility Rectification Item",
		"event": "Method",
		"method": "ps_facility_item_overdue",
		"recipients": [_row(r.LEAD_UNIT)],
		"subject": "设施整改项目已逾期：{{ doc.compound_name or doc.compound }}（{{ _(doc.issue_type) }}）",
		"message": "<p>{{ doc.compound_name or doc.compound }}的配套设施整改项目（{{ _(doc.issue_type) }}）"
		"目标完成日期为 {{ frappe.utils.formatdate(doc.target_date) }}，至今未完成（进度 "
		"{{ frappe.utils.flt(doc.progress, 0) }}%）。请牵头单位抓紧推进，并在系统中更新进度。</p>"
		"<p>{{ (doc.description or '') | e }}</p>",
	}
)

# performance results and accountability (assessment/performance.py, SPEC §14)
NOTICES += [
	{
		"name": "绩效结果已公布",
		"document_type": "Performance Result",
		"event": "Method",
		"method": "ps_performance_published",
		"recipients": [_row(r.TARGET)],
		"subject": "{{ doc.assessment_year }} 年度绩效结果：{{ doc.target_name }} 第 {{ doc.unit_rank }} 名",
		"message": "<p>{{ doc.target_name }} {{ doc.assessment_year }} 年度考核结果已公布：总分 {{ doc.total_score }}，"
		"等次 {{ _(doc.grade) if doc.grade else '' }}，在 {{ doc.ranked_among }} 个同类单位中排名第 {{ doc.unit_rank }}。"
		"{% if doc.veto_triggered %}一票否决项适用。{% endif %}</p>"
		"<p>绩效奖惩：{{ doc.outcome or '' }}（绩效分 {{ doc.performance_points }}，金额 {{ doc.reward_amount }} 元）。</p>",
	},
	{
		"name": "问责事项已立案",
		"document_type": "Accountability Record",
		"event": "New",
		"recipients": [_row(role=DISTRICT_SUPERVISOR)],
		"subject": "问责事项 {{ doc.name }}：{{ doc.subject_unit }}（{{ _(doc.cause) }}）",
		"message": "<p>已对 {{ doc.subject_unit }} 启动问责（事由：{{ _(doc.cause) }}"
		"{% if doc.reference_name %}，依据 {{ _(doc.reference_doctype) }} {{ doc.reference_name }}{% endif %}），"
		"请审查并作出决定。</p>",
	},
]
