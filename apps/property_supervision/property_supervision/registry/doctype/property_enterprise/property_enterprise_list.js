// Filing status as the list's indicator (the workflow's state, with the district's colours).
const FILING_INDICATORS = {
	Draft: "gray",
	"Pending Review": "orange",
	Filed: "green",
	Returned: "red",
	Revoked: "darkgrey",
};

frappe.listview_settings["Property Enterprise"] = {
	add_fields: ["workflow_state", "key_supervision", "credit_grade"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const state = doc.workflow_state || "Draft";
		return [__(state), FILING_INDICATORS[state] || "gray", `workflow_state,=,${state}`];
	},
	// the title column is set as text (the list escapes it): plain text, no markup
	formatters: {
		enterprise_name(value, df, doc) {
			const name = value || "";
			return doc.key_supervision ? `${name}（${__("Key Supervision")}）` : name;
		},
	},
};
