from frappe import _


def get_data():
	return {
		"fieldname": "compound",
		"transactions": [{"label": _("Management"), "items": ["Service Contract", "Takeover Plan"]}],
	}
