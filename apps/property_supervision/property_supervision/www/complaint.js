// The residents' complaint form: area → community → compound, checks before sending, and the
// tracking number afterwards. Every text shown comes from the page (translated on the server)
// and is inserted with textContent, never as HTML.
(function () {
	"use strict";

	const SUBMIT = "/api/method/property_supervision.complaints.api.submit_complaint";
	const COMPOUNDS = "/api/method/property_supervision.complaints.api.get_compounds";
	const NOT_LISTED = "__typed__";
	// the server checks again (rules/phone.py); this only saves a round trip
	const MOBILE = /^1[3-9]\d{9}$/;
	const LANDLINE = /^(0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?|[2-9]\d{6,7}|[48]00-?\d{3}-?\d{4})$/;

	function start() {
		const form = document.getElementById("complaint-form");
		const configNode = document.getElementById("complaint-config");
		if (!form || !configNode) return;
		const config = JSON.parse(configNode.textContent);
		const msg = config.messages;
		const $ = (id) => document.getElementById(id);
		const area = $("area");
		const community = $("community");
		const compound = $("compound");
		const compoundNameGroup = $("compound-name-group");
		const errorBox = $("complaint-error");
		const button = $("complaint-submit");

		function option(value, label) {
			const node = document.createElement("option");
			node.value = value;
			node.textContent = label;
			return node;
		}

		function reset(select, disabled) {
			select.replaceChildren(option("", msg.choose));
			select.disabled = disabled;
		}

		function showError(text) {
			errorBox.textContent = text;
			errorBox.hidden = !text;
			if (text) errorBox.scrollIntoView({ block: "center", behavior: "smooth" });
		}

		area.addEventListener("change", () => {
			reset(community, !area.value);
			reset(compound, true);
			compoundNameGroup.hidden = true;
			const chosen = config.areas.find((a) => a.name === area.value);
			(chosen ? chosen.communities : []).forEach((name) => community.appendChild(option(name, name)));
		});

		community.addEventListener("change", () => loadCompounds());

		async function loadCompounds() {
			reset(compound, true);
			compoundNameGroup.hidden = true;
			if (!community.value) return;
			compound.replaceChildren(option("", msg.loading));
			let rows = [];
			try {
				const response = await fetch(`${COMPOUNDS}?community=${encodeURIComponent(community.value)}`, {
					headers: { Accept: "application/json" },
				});
				if (response.ok) rows = (await response.json()).message || [];
			} catch (e) {
				rows = [];
			}
			reset(compound, false);
			rows.forEach((row) => compound.appendChild(option(row.name, row.compound_name)));
			compound.appendChild(option(NOT_LISTED, msg.not_listed));
			if (!rows.length) {
				compound.value = NOT_LISTED;
				compoundNameGroup.hidden = false;
				showError("");
			}
		}

		// a compound chosen on its public page (/complaint?compound=…) comes preselected
		async function preselect(choice) {
			if (!choice || !choice.area) return;
			area.value = choice.area;
			area.dispatchEvent(new Event("change"));
			community.value = choice.community;
			await loadCompounds();
			compound.value = choice.compound;
			compoundNameGroup.hidden = true;
		}
		preselect(config.preselect);

		// a message about a field goes away once the resident changes something
		form.addEventListener("input", () => {
			if (!errorBox.hidden) showError("");
		});

		compound.addEventListener("change", () => {
			compoundNameGroup.hidden = compound.value !== NOT_LISTED;
		});

		$("is_anonymous").addEventListener("change", (event) => {
			$("complainant_name").disabled = event.target.checked;
		});

		$("description").addEventListener("input", (event) => {
			$("description-count").textContent = String(event.target.value.length);
		});

		function check() {
			const anonymous = $("is_anonymous").checked;
			if (!anonymous && !$("complainant_name").value.trim()) return msg.name_required;
			const phone = $("phone")
				.value.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
				.replace(/－/g, "-")
				.replace(/[\s()（）]/g, "")
				.replace(/^(\+86|0086)-?/, "");
			if (!phone) return msg.phone_required;
			if (!MOBILE.test(phone.replace(/\D/g, "")) && !LANDLINE.test(phone)) return msg.phone_invalid;
			if (!compound.value || (compound.value === NOT_LISTED && !$("compound_name").value.trim())) {
				return msg.compound_required;
			}
			if (!$("category").value) return msg.category_required;
			const description = $("description").value.trim();
			if (!description) return msg.description_required;
			if (description.length > config.max_description) return msg.description_too_long;
			const file = $("attachment").files[0];
			if (file) {
				const extension = (file.name.split(".").pop() || "").toLowerCase();
				if (!file.name.includes(".") || !config.types.includes(extension)) return msg.file_type;
				if (file.size > config.max_bytes) return msg.file_too_large;
			}
			return "";
		}

		function serverMessage(body) {
			try {
				const messages = JSON.parse(body._server_messages || "[]");
				const first = messages.length ? JSON.parse(messages[0]) : null;
				// shown with textContent: any markup in it stays text
				if (first && first.message) return String(first.message);
			} catch (e) {
				/* fall through */
			}
			return "";
		}

		form.addEventListener("submit", async (event) => {
			event.preventDefault();
			const problem = check();
			if (problem) {
				showError(problem);
				return;
			}
			showError("");
			const data = new FormData();
			const anonymous = $("is_anonymous").checked;
			data.append("is_anonymous", anonymous ? "1" : "0");
			if (!anonymous) data.append("complainant_name", $("complainant_name").value.trim());
			data.append("phone", $("phone").value.trim());
			data.append("community", community.value);
			if (compound.value === NOT_LISTED) data.append("compound_name", $("compound_name").value.trim());
			else data.append("compound", compound.value);
			data.append("category", $("category").value);
			data.append("description", $("description").value.trim());
			const file = $("attachment").files[0];
			if (file) data.append("attachment", file, file.name);

			button.disabled = true;
			button.textContent = msg.sending;
			try {
				const headers = { Accept: "application/json" };
				if (window.frappe && frappe.csrf_token && frappe.csrf_token !== "None") {
					headers["X-Frappe-CSRF-Token"] = frappe.csrf_token;
				}
				const response = await fetch(SUBMIT, { method: "POST", body: data, headers });
				let body = {};
				try {
					body = await response.json();
				} catch (e) {
					body = {};
				}
				if (response.ok && body.message && body.message.tracking_number) {
					done(body.message);
					return;
				}
				if (response.status === 429) showError(msg.too_many);
				else if (response.status === 413) showError(msg.file_too_large);
				else showError(serverMessage(body) || msg.network);
			} catch (e) {
				showError(msg.network);
			} finally {
				button.disabled = false;
				button.textContent = msg.submit;
			}
		});

		function done(result) {
			form.hidden = true;
			$("tracking-number").textContent = result.tracking_number;
			$("received-on").textContent = result.received_on;
			$("status-link").href = `/complaint-status?number=${encodeURIComponent(result.tracking_number)}`;
			$("complaint-done").hidden = false;
			window.scrollTo({ top: 0 });
		}
	}

	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
	else start();
})();
