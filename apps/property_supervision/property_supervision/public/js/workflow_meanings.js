// What the workflow states mean (workflow_meanings.py), for the desk's forms and lists.
// The map comes with the boot (hooks.py extend_bootinfo → frappe.boot.ps_workflow_meanings):
// { meanings: {DRAFT: "Draft", …}, states: {doctype: {state: meaning}},
//   transitions: {doctype: [[state, action, next state], …]} }.
// Forms ask for states by meaning, never by name, so renamed and added states work.
frappe.provide("property_supervision");

property_supervision.meanings = (() => {
	const boot = () =>
		frappe.boot.ps_workflow_meanings || { meanings: {}, states: {}, transitions: {} };
	const api = {
		// the states of the doctype's workflow with one of the meanings, in the workflow's order
		states(doctype, ...wanted) {
			const map = boot().states[doctype] || {};
			return Object.keys(map).filter((state) => wanted.includes(map[state]));
		},
		// the same, never empty (a list filter "in []" would match everything or fail)
		filter_values(doctype, ...wanted) {
			const found = api.states(doctype, ...wanted);
			return found.length ? found : [""];
		},
		meaning_of(doctype, state) {
			return (boot().states[doctype] || {})[state] || null;
		},
		is_state(doctype, state, ...wanted) {
			return Boolean(state) && wanted.includes(api.meaning_of(doctype, state));
		},
		// the action, taken from the state, leads to a state of one of the meanings
		leads_to(doctype, state, action, ...wanted) {
			return ((boot().transitions || {})[doctype] || []).some(
				([from, name, next]) =>
					from === state && name === action && api.is_state(doctype, next, ...wanted)
			);
		},
	};
	// the meaning keys as constants: property_supervision.meanings.FILED, …
	return new Proxy(api, {
		get(target, key) {
			if (key in target) return target[key];
			const keys = boot().meanings;
			if (typeof key === "string" && key in keys) return keys[key];
			return undefined;
		},
	});
})();
