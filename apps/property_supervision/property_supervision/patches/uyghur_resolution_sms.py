"""The resolution SMS in the complainant's language (issue 13): sites that already have the
Chinese "投诉办理结果短信" get the Uyghur one beside it (created once, like every shipped notice),
and the Chinese one stops going to complainants who filed in Uyghur — unless an administrator has
changed its condition, which is then kept."""

import frappe

from property_supervision.notices.defaults import (
	RESOLUTION_SMS_CONDITION,
	RESOLUTION_SMS_CONDITION_BEFORE,
	create_missing_notices,
)

CHINESE = "投诉办理结果短信"


def execute():
	if frappe.db.get_value("Notification", CHINESE, "condition") == RESOLUTION_SMS_CONDITION_BEFORE:
		frappe.db.set_value("Notification", CHINESE, "condition", RESOLUTION_SMS_CONDITION)
	create_missing_notices()
