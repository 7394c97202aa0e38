// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// Credit Score History on the Property Enterprise form (registered through doctype_js in
// hooks.py): the enterprise's Credit Score Log, read with the user's permissions.

frappe.ui.form.on("Property Enterprise", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_read("Credit Score Log")) {
			return;
		}
		frappe.db
			.get_list("Credit Score Log", {
				filters: { enterprise: frm.doc.name },
				fields: ["log_date", "score", "grade", "key_supervision", "reason", "creation"],
				order_by: "creation desc",
				limit: 20,
			})
			.then((rows) => render_credit_history(frm, rows.reverse()));
	},
});

function render_credit_history(frm, rows) {
	if (!rows.length) {
		return;
	}
	const section = frm.dashboard.add_section("", __("Credit Score History"));
	const chart_area = $("<div>").appendTo(section);
	new frappe.Chart(chart_area[0], {
		type: "line",
		height: 180,
		data: {
			labels: rows.map((row) => frappe.datetime.str_to_user(row.log_date)),
			datasets: [{ name: __("Credit Score"), values: rows.map((row) => row.score) }],
		},
		lineOptions: { regionFill: 1 },
		colors: ["#5e64ff"],
	});
	const body = rows
		.slice()
		.reverse()
		.map(
			(row) => `<tr>
				<td>${frappe.datetime.str_to_user(row.log_date)}</td>
				<td>${format_number(row.score, null, 1)}</td>
				<td>${frappe.utils.escape_html(row.grade || "")}</td>
				<td>${row.key_supervision ? __("Yes") : __("No")}</td>
				<td>${frappe.utils.escape_html(row.reason || "")}</td>
			</tr>`
		)
		.join("");
	$(`<table class="table table-bordered table-condensed small">
		<thead><tr>
			<th>${__("Date")}</th><th>${__("Credit Score")}</th><th>${__("Credit Grade")}</th>
			<th>${__("Key Supervision")}</th><th>${__("Reason")}</th>
		</tr></thead>
		<tbody>${body}</tbody>
	</table>`).appendTo(section);
	frm.dashboard.show();
}
