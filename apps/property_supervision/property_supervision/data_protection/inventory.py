"""The inventory of what a client can call: every whitelisted method of every installed app, with
its parameters, and Frappe's REST routes. The system test tests/test_data_protection_http.py reads
it (`bench --site … execute property_supervision.data_protection.inventory.print_inventory`) and
probes each entry from the outsiders' side, so a method added by a framework update or by this app
is probed without anyone listing it."""

import importlib
import inspect
import json
import pkgutil

import frappe

# modules that are not importable outside their own context (tests, patches, commands, builds)
_SKIPPED_PARTS = ("tests", "test_", "patches", "commands", "_build", "boilerplate", "setup_wizard", "demo")


def import_app_modules(app: str):
	package = importlib.import_module(app)
	for module in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
		if any(part.startswith(_SKIPPED_PARTS) for part in module.name.split(".")[1:]):
			continue
		try:
			importlib.import_module(module.name)
		except Exception:
			continue  # a module that cannot be imported cannot be called either


def whitelisted_methods() -> list[dict]:
	for app in frappe.get_installed_apps():
		import_app_modules(app)
	overrides = frappe.get_hooks("override_whitelisted_methods", {})
	methods = []
	for fn in list(frappe.whitelisted):
		path = f"{fn.__module__}.{fn.__qualname__}"
		if "." in fn.__qualname__:
			continue  # a document method: reached through run_doc_method on a readable document
		try:
			params = list(inspect.signature(inspect.unwrap(fn)).parameters)
		except (TypeError, ValueError):
			params = []
		methods.append(
			{
				"method": path,
				"params": params,
				"allow_guest": fn in frappe.guest_methods,
				"overridden_by": (overrides.get(path) or [None])[-1],
			}
		)
	return sorted(methods, key=lambda m: m["method"])


def rest_routes() -> list[str]:
	from frappe.api import API_URL_MAP

	return sorted({rule.rule for rule in API_URL_MAP.iter_rules()})


def print_inventory():
	print(json.dumps({"methods": whitelisted_methods(), "rest_routes": rest_routes()}))
