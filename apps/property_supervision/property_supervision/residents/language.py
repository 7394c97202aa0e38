"""The language of the residents' pages (/complaint, /complaint-status, /compounds, /credit).

Residents read Chinese or Uyghur. The choice follows Frappe's own website language handling
(frappe.translate.get_language): an explicit `?_lang=` wins and is remembered in the
`preferred_language` cookie (the cookie Frappe's website language picker writes); then that
cookie; then, for a signed-in user, their own language; then the browser's Accept-Language; then
the site's language. Only the residents' languages are offered; anything else falls back to the
site's language (Chinese on the demo site).

Frappe v15 settles a guest's language before it knows the session and then falls back to the
site default, so pages and guest endpoints call `use_resident_language()` themselves.

Uyghur is written right to left: pages in a language of RTL_LANGUAGES get `dir="rtl"` on
<html> (templates/residents_base.html) and the right-to-left build of the website styles.
The translations are in translations/ug.csv, like the Chinese ones in zh.csv.
"""

import frappe

# code -> the language's own name (shown in the switcher, never translated)
RESIDENT_LANGUAGES = {"zh": "中文", "ug": "ئۇيغۇرچە"}
DEFAULT_LANGUAGE = "zh"
RTL_LANGUAGES = frozenset({"ug", "ar", "he", "fa", "ps", "ur"})
COOKIE = "preferred_language"
COOKIE_DAYS = 365

# the Language record Frappe lacks (frappe/geo/languages.json has no Uyghur)
UYGHUR = {"language_code": "ug", "language_name": "ئۇيغۇرچە"}


def normalise(code) -> str | None:
	"""'ug', 'ug-CN', 'UG_cn' -> 'ug'; 'zh-CN', 'zh-Hans' -> 'zh'; anything else -> None."""
	if not code or not isinstance(code, str):
		return None
	base = code.strip().replace("_", "-").split("-")[0].lower()
	return base if base in RESIDENT_LANGUAGES else None


def site_language() -> str:
	language = normalise(frappe.db.get_single_value("System Settings", "language"))
	return language or DEFAULT_LANGUAGE


def chosen_language() -> tuple[str, bool]:
	"""(language, explicitly chosen in this request)."""
	explicit = normalise(frappe.form_dict.get("_lang"))
	if explicit:
		return explicit, True
	request = getattr(frappe.local, "request", None)
	if request is not None:
		remembered = normalise(request.cookies.get(COOKIE))
		if remembered:
			return remembered, False
	if frappe.session and frappe.session.user not in (None, "Guest"):
		own = normalise(frappe.db.get_value("User", frappe.session.user, "language"))
		if own:
			return own, False
	if request is not None:
		for code in request.accept_languages.values():
			accepted = normalise(code)
			if accepted:
				return accepted, False
	return site_language(), False


def use_resident_language() -> str:
	"""Set frappe.local.lang for a residents' page or endpoint and remember an explicit choice.
	Returns the language."""
	if not getattr(frappe.local, "request", None):
		return frappe.local.lang
	language, explicit = chosen_language()
	if explicit and getattr(frappe.local, "cookie_manager", None):
		frappe.local.cookie_manager.set_cookie(COOKIE, language, max_age=COOKIE_DAYS * 24 * 60 * 60)
	frappe.local.lang = language
	return language


def is_rtl(language: str | None = None) -> bool:
	return (language or frappe.local.lang) in RTL_LANGUAGES


def switch_links(language: str) -> list[dict]:
	"""The language switcher: the current address with `_lang` of each language."""
	from urllib.parse import urlencode

	request = getattr(frappe.local, "request", None)
	path = request.path if request is not None else "/"
	args = [
		(k, v) for k, v in (request.args.items(multi=True) if request is not None else []) if k != "_lang"
	]
	return [
		{
			"code": code,
			"label": label,
			"current": code == language,
			"dir": "rtl" if code in RTL_LANGUAGES else "ltr",
			"url": f"{path}?{urlencode([*args, ('_lang', code)])}",
		}
		for code, label in RESIDENT_LANGUAGES.items()
	]


def prepare_context(context) -> str:
	"""What every residents' page template needs: the language, its direction, the switcher,
	and the residents' base template (templates/residents_base.html) that writes them."""
	language = use_resident_language()
	if context.get("boot") is not None:
		context.boot["lang"] = language
	context.lang = language
	context.text_direction = "rtl" if is_rtl(language) else "ltr"
	context.language_links = switch_links(language)
	context.base_template_path = "templates/residents_base.html"
	context.show_sidebar = False
	context.no_breadcrumbs = True
	return language


def create_uyghur_language() -> bool:
	"""The Language record `ug` (once; an administrator's edits to it stay)."""
	if not frappe.db.exists("Language", UYGHUR["language_code"]):
		frappe.get_doc({"doctype": "Language", "enabled": 1, **UYGHUR}).insert(ignore_permissions=True)
	return True
