// Filing status as the list's indicator: the workflow's state, coloured by what it means
// (public/js/workflow_meanings.js), so renamed and added states keep their colour.
const FILING_COLOURS = {
	DRAFT: "gray",
	UNDER_REVIEW: "orange",
	FILED: "green",
	RETURNED: "red",
	REVOKED: "darkgrey",
};

frappe.listview_settings["Property Enterprise"] = {
	add_fields: ["workflow_state", "key_supervision", "credit_grade"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const meanings = property_supervision.meanings;
		const state = doc.workflow_state || meanings.states("Property Enterprise", meanings.DRAFT)[0] || "";
		const meaning = meanings.meaning_of("Property Enterprise", state);
		const key = Object.keys(FILING_COLOURS).find((name) => meanings[name] === meaning);
		return [__(state), (key && FILING_COLOURS[key]) || "gray", `workflow_state,=,${state}`];
	},
	// the title column is set as text (the list escapes it): plain text, no markup
	formatters: {
		enterprise_name(value, df, doc) {
			const name = value || "";
			return doc.key_supervision ? `${name}（${__("Key Supervision")}）` : name;
		},
	},
};
