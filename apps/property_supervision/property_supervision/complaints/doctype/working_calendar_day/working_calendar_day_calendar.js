// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// The calendar view of the working calendar (month view; the list's "Year View" shows a year).
frappe.views.calendar["Working Calendar Day"] = {
	field_map: {
		start: "calendar_date",
		end: "calendar_date",
		id: "name",
		title: "description",
		allDay: "allDay",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
