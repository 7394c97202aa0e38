frappe.treeview_settings["Jurisdiction"] = {
	breadcrumb: "Registry",
	title: __("Jurisdiction"),
	fields: [
		{ fieldtype: "Data", fieldname: "jurisdiction_name", label: __("Jurisdiction Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "jurisdiction_type",
			label: __("Jurisdiction Type"),
			options: "Area Committee\nSubdistrict\nCommunity",
			reqd: true,
		},
	],
	ignore_fields: ["parent_jurisdiction"],
};
