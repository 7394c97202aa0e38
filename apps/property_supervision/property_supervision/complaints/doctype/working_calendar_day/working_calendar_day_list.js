// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// Bulk entry of the working calendar and a year view (api/working_calendar.py).
frappe.listview_settings["Working Calendar Day"] = {
	add_fields: ["day_type", "is_regional"],
	get_indicator(doc) {
		if (doc.day_type === "Working Day") {
			return [__("Working Day"), "blue", "day_type,=,Working Day"];
		}
		return [__("Holiday"), doc.is_regional ? "orange" : "red", "day_type,=,Holiday"];
	},
	onload(listview) {
		if (frappe.model.can_create("Working Calendar Day")) {
			listview.page.add_inner_button(__("Add Holiday Range"), () => add_holiday_range(listview));
			listview.page.add_inner_button(__("Add Make-up Working Days"), () =>
				add_make_up_days(listview)
			);
		}
		listview.page.add_inner_button(__("Year View"), () => show_year(new Date().getFullYear()));
	},
};

function add_holiday_range(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("Add Holiday Range"),
		fields: [
			{ fieldname: "from_date", fieldtype: "Date", label: __("First Day"), reqd: 1 },
			{ fieldname: "to_date", fieldtype: "Date", label: __("Last Day"), reqd: 1 },
			{
				fieldname: "description",
				fieldtype: "Data",
				label: __("Day Description"),
				reqd: 1,
				description: __("e.g. 春节, 国庆节"),
			},
			{ fieldname: "is_regional", fieldtype: "Check", label: __("Regional Holiday") },
			{
				fieldname: "region",
				fieldtype: "Data",
				label: __("Region"),
				depends_on: "is_regional",
				default: "新疆维吾尔自治区",
			},
			{ fieldname: "source", fieldtype: "Data", label: __("Official Notice") },
		],
		primary_action_label: __("Add"),
		primary_action(values) {
			frappe
				.call({
					method: "property_supervision.api.working_calendar.add_holiday_range",
					args: values,
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					frappe.show_alert({
						message: __("{0} days added to the working calendar.", [r.message.created]),
						indicator: "green",
					});
					listview.refresh();
				});
		},
	});
	dialog.show();
}

function add_make_up_days(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("Add Make-up Working Days"),
		fields: [
			{ fieldname: "first", fieldtype: "Date", label: __("Make-up Working Day"), reqd: 1 },
			{ fieldname: "second", fieldtype: "Date", label: __("Second Make-up Working Day") },
			{
				fieldname: "description",
				fieldtype: "Data",
				label: __("Day Description"),
				reqd: 1,
				default: "调休上班",
			},
			{ fieldname: "source", fieldtype: "Data", label: __("Official Notice") },
		],
		primary_action_label: __("Add"),
		primary_action(values) {
			const dates = [values.first, values.second].filter(Boolean);
			frappe
				.call({
					method: "property_supervision.api.working_calendar.add_make_up_days",
					args: { dates: dates, description: values.description, source: values.source },
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					frappe.show_alert({
						message: __("{0} days added to the working calendar.", [r.message.created]),
						indicator: "green",
					});
					listview.refresh();
				});
		},
	});
	dialog.show();
}

function show_year(year) {
	frappe
		.call({ method: "property_supervision.api.working_calendar.get_year", args: { year: year } })
		.then((r) => {
			const data = r.message;
			const by_date = {};
			data.rows.forEach((row) => (by_date[row.calendar_date] = row));
			const dialog = new frappe.ui.Dialog({
				title: __("Working Calendar {0}", [String(year)]),
				size: "extra-large",
				fields: [{ fieldname: "grid", fieldtype: "HTML" }],
				primary_action_label: __("Next Year"),
				primary_action() {
					dialog.hide();
					show_year(year + 1);
				},
				secondary_action_label: __("Previous Year"),
				secondary_action() {
					dialog.hide();
					show_year(year - 1);
				},
			});
			dialog.fields_dict.grid.$wrapper.html(year_html(year, by_date, data.covered));
			dialog.show();
		});
}

function pad(n) {
	return String(n).padStart(2, "0");
}

function year_html(year, by_date, covered) {
	const weekdays = ["一", "二", "三", "四", "五", "六", "日"];
	let html = covered
		? ""
		: `<div class="alert alert-warning">${__(
				"The working calendar for {0} is missing: its time limits are counted over weekends only.",
				[String(year)]
		  )}</div>`;
	html += `<div class="small text-muted mb-2">
		<span style="background:#ffd6d6;padding:0 6px">${__("Holiday")}</span>
		<span style="background:#ffe8c2;padding:0 6px">${__("Regional Holiday")}</span>
		<span style="background:#d6e6ff;padding:0 6px">${__("Working Day")}</span></div>`;
	html += '<div style="display:grid;grid-template-columns:repeat(4,1fr);gap:12px">';
	for (let month = 0; month < 12; month++) {
		html += `<div><b>${year}-${pad(month + 1)}</b><table class="table table-sm table-bordered"
			style="font-size:11px;text-align:center;margin:0"><tr>${weekdays
				.map((d) => `<th style="padding:1px">${d}</th>`)
				.join("")}</tr><tr>`;
		const first = new Date(year, month, 1);
		const offset = (first.getDay() + 6) % 7;
		for (let i = 0; i < offset; i++) html += "<td></td>";
		const days = new Date(year, month + 1, 0).getDate();
		for (let day = 1; day <= days; day++) {
			const key = `${year}-${pad(month + 1)}-${pad(day)}`;
			const row = by_date[key];
			const weekend = (offset + day - 1) % 7 >= 5;
			let style = weekend ? "color:#999;" : "";
			if (row) {
				style =
					row.day_type === "Working Day"
						? "background:#d6e6ff;"
						: row.is_regional
						? "background:#ffe8c2;"
						: "background:#ffd6d6;";
			}
			const title = row ? frappe.utils.escape_html(row.description) : "";
			html += `<td style="padding:1px;${style}" title="${title}">${day}</td>`;
			if ((offset + day) % 7 === 0 && day < days) html += "</tr><tr>";
		}
		html += "</tr></table></div>";
	}
	return html + "</div>";
}
