from frappe import _


def get_data():
	"""The plan shows its items (each a document of its own, scoped by lead unit and area)."""
	return {
		"fieldname": "plan",
		"transactions": [{"label": _("Items"), "items": ["Facility Rectification Item"]}],
	}
