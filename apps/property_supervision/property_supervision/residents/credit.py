"""The public credit disclosure /credit (SPEC §11; seed: 诚信等级评定, 重点监管).

Every filed enterprise (its workflow state means Filed) with its grade, the grade's score band
(or the exact score, if the administrators choose) and the key-supervision flag as of a date; the
红榜 (the top grade) and the 黑榜 (the lowest grade, and enterprises under key supervision);
filters by grade and by area (the enterprises managing a compound in the area); each enterprise's
confirmed records in words: the rule, the date and the points.

What is public is the administrators' choice (Credit Settings → Public Disclosure). Never shown:
people (legal representatives, contact persons, who decided), phones, the evidence, the
references (complaint numbers), and records that are not confirmed, expired on the date, or under
an objection not yet decided (异议). A date in the past reads the grades from the Credit Score Log
(the grade on that day); today's are the enterprises' current ones.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import add_months, cint, flt, formatdate, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.credit.scoring import grade_bands
from property_supervision.residents.compounds import AREA_TYPES, PublicPageError, clean_page, isolated
from property_supervision.rules.credit import GRADES, score_band

PAGE_LENGTH = 20
LIST_LENGTH = 50
TOP_GRADE, LOWEST_GRADE = GRADES[0], GRADES[-1]
EARLIEST_DATE = "2015-01-01"  # the district's plan; nothing was graded before it

DEFAULT_OBJECTION_NOTICE = (
	"An enterprise that disagrees with a confirmed record can object to it (异议): its user opens the "
	"record in the supervision system and writes the objection. While the objection is being decided "
	"the record is not shown here; an upheld objection revokes the record."
)


class DisclosureClosed(frappe.PermissionError):
	http_status_code = 403


def public_settings() -> frappe._dict:
	settings = frappe.get_cached_doc("Credit Settings")
	return frappe._dict(
		enabled=cint(settings.get("public_disclosure")),
		show_score=cint(settings.get("public_show_score")),
		show_key_supervision=cint(settings.get("public_show_key_supervision")),
		show_lists=cint(settings.get("public_show_lists")),
		show_records=cint(settings.get("public_show_records")),
		record_months=cint(settings.get("public_record_months")),
		objection_notice=(settings.get("public_objection_notice") or "").strip(),
		bands=grade_bands(settings),
		min_score=flt(settings.min_score),
		max_score=flt(settings.max_score) or 100,
	)


def clean_date(value) -> str:
	if value in (None, ""):
		return today()
	try:
		as_of = getdate(str(value)) if isinstance(value, str) and len(value) <= 10 else None
	except Exception:
		as_of = None
	if not as_of:
		frappe.throw(_("Please enter the date as year-month-day, for example 2026-06-30."), PublicPageError)
	if as_of > getdate(today()):
		frappe.throw(_("The date cannot be in the future."), PublicPageError)
	if as_of < getdate(EARLIEST_DATE):
		frappe.throw(_("There are no credit grades before {0}.").format(EARLIEST_DATE), PublicPageError)
	return as_of.isoformat()


def clean_grade(value) -> str:
	if value in (None, ""):
		return ""
	if value not in GRADES:
		frappe.throw(_("Please choose a grade from the list."), PublicPageError)
	return value


def clean_area(value) -> str:
	if value in (None, ""):
		return ""
	if (
		not isinstance(value, str)
		or len(value) > 140
		or frappe.db.get_value("Jurisdiction", value, "jurisdiction_type") not in AREA_TYPES
	):
		frappe.throw(_("Please choose an area committee or subdistrict from the list."), PublicPageError)
	return value


def band_text(grade: str, settings) -> str:
	low, high = score_band(grade, settings.bands, settings.min_score, settings.max_score)
	if grade == TOP_GRADE:
		return _("{0} points and above").format(f"{low:g}")
	return _("{0} to under {1} points").format(f"{low:g}", f"{high:g}")


def filed_enterprises(as_of: str) -> list[frappe._dict]:
	"""Enterprises in a state meaning Filed, filed on or before the date (when it is known)."""
	states = meanings.states("Property Enterprise", meanings.FILED)
	if not states:
		return []
	rows = frappe.get_all(
		"Property Enterprise",
		filters={"workflow_state": ("in", states)},
		fields=["name", "enterprise_name", "filed_on", "credit_score", "credit_grade", "key_supervision"],
		order_by="enterprise_name asc",
	)
	return [r for r in rows if not r.filed_on or getdate(r.filed_on) <= getdate(as_of)]


def grades_on(enterprises: list[frappe._dict], as_of: str) -> dict[str, frappe._dict]:
	"""enterprise -> (score, grade, key_supervision) on the date: today the current values, before
	today the last Credit Score Log row on or before the date (none: not graded yet)."""
	if getdate(as_of) >= getdate(today()):
		return {
			e.name: frappe._dict(score=flt(e.credit_score), grade=e.credit_grade, key=cint(e.key_supervision))
			for e in enterprises
			if e.credit_grade
		}
	names = [e.name for e in enterprises]
	if not names:
		return {}
	result = {}
	for row in frappe.get_all(
		"Credit Score Log",
		filters={"enterprise": ("in", names), "log_date": ("<=", as_of)},
		fields=["enterprise", "score", "grade", "key_supervision", "log_date", "creation"],
		order_by="log_date asc, creation asc",
	):
		if row.grade:
			result[row.enterprise] = frappe._dict(
				score=flt(row.score), grade=row.grade, key=cint(row.key_supervision)
			)
	return result


def public_records(enterprises: list[str], as_of: str, settings) -> dict[str, list[dict]]:
	"""enterprise -> its records that count on the date, in words: confirmed, occurred by then,
	not expired then, within the months the settings show, and not under an undecided objection."""
	states = meanings.states("Credit Record", meanings.CONFIRMED)
	if not enterprises or not states:
		return {}
	filters = [
		["enterprise", "in", enterprises],
		["workflow_state", "in", states],
		["occurred_on", "<=", as_of],
		["expires_on", ">=", as_of],
	]
	if settings.record_months:
		filters.append(["occurred_on", ">=", add_months(getdate(as_of), -settings.record_months)])
	rows = frappe.get_all(
		"Credit Record",
		filters=filters,
		fields=["enterprise", "rule", "points", "occurred_on", "objection", "objection_decision"],
		order_by="occurred_on desc, creation desc",
	)
	rules = {
		r.name: r
		for r in frappe.get_all(
			"Credit Rule",
			filters={"name": ("in", sorted({row.rule for row in rows if row.rule}))},
			fields=["name", "rule_code", "description"],
		)
	}
	result = defaultdict(list)
	for row in rows:
		if (row.objection or "").strip() and not row.objection_decision:
			continue  # under objection: not public until decided
		rule = rules.get(row.rule)
		points = flt(row.points)
		result[row.enterprise].append(
			{
				"rule_code": rule.rule_code if rule else "",
				"rule": _(rule.description) if rule and rule.description else "",
				"date": formatdate(row.occurred_on, "yyyy-MM-dd"),
				"points": f"{points:+g}",
				"good": points > 0,
			}
		)
	return result


def enterprises_in_area(area: str) -> set[str]:
	return set(
		frappe.get_all(
			"Residential Compound",
			filters={"jurisdiction": ("descendants of", area), "current_enterprise": ("is", "set")},
			pluck="current_enterprise",
			distinct=True,
		)
	)


def clean_enterprise(value) -> str:
	if value in (None, ""):
		return ""
	if not isinstance(value, str) or len(value) > 140 or not frappe.db.exists("Property Enterprise", value):
		frappe.throw(_("This enterprise is not in the credit disclosure."), PublicPageError)
	return value


def get_disclosure(as_of=None, grade=None, area=None, page=None, enterprise=None) -> dict:
	"""The /credit page's data (see the module's docstring). Bad input is refused with a message
	in the reader's language; a closed page raises DisclosureClosed."""
	settings = public_settings()
	if not settings.enabled:
		frappe.throw(_("The credit disclosure is not published at present."), DisclosureClosed)
	as_of = clean_date(as_of)
	grade = clean_grade(grade)
	area = clean_area(area)
	enterprise = clean_enterprise(enterprise)
	page = clean_page(page)

	enterprises = filed_enterprises(as_of)
	graded = grades_on(enterprises, as_of)

	def public_row(e) -> dict:
		g = graded[e.name]
		row = {
			"name": e.name,
			"enterprise_name": e.enterprise_name,
			"grade": g.grade,
			"band": band_text(g.grade, settings),
		}
		if settings.show_score:
			row["score"] = f"{g.score:g}"
		if settings.show_key_supervision:
			row["key_supervision"] = g.key
		return row

	rank = {g: i for i, g in enumerate(GRADES)}
	ranked = sorted(
		(e for e in enterprises if e.name in graded),
		key=lambda e: (rank.get(graded[e.name].grade, 99), -graded[e.name].score, e.enterprise_name or ""),
	)
	red = [public_row(e) for e in ranked if graded[e.name].grade == TOP_GRADE][:LIST_LENGTH]
	black = [
		public_row(e)
		for e in ranked
		if graded[e.name].grade == LOWEST_GRADE or (settings.show_key_supervision and graded[e.name].key)
	][:LIST_LENGTH]

	chosen = ranked
	if grade:
		chosen = [e for e in chosen if graded[e.name].grade == grade]
	if area:
		in_area = enterprises_in_area(area)
		chosen = [e for e in chosen if e.name in in_area]
	if enterprise:
		chosen = [e for e in chosen if e.name == enterprise]
	total = len(chosen)
	shown = [public_row(e) for e in chosen[(page - 1) * PAGE_LENGTH : page * PAGE_LENGTH]]
	if settings.show_records:
		records = public_records([r["name"] for r in shown], as_of, settings)
		for row in shown:
			row["records"] = records.get(row["name"], [])

	return {
		"as_of": as_of,
		"as_of_text": isolated(as_of),
		"grade": grade,
		"area": area,
		"enterprise": enterprise,
		"page": page,
		"pages": max(1, -(-total // PAGE_LENGTH)),
		"total": total,
		"enterprises": shown,
		"red_list": red if settings.show_lists else None,
		"black_list": black if settings.show_lists else None,
		"grades": [{"grade": g, "band": band_text(g, settings)} for g in GRADES],
		"shows": {
			"score": settings.show_score,
			"key_supervision": settings.show_key_supervision,
			"lists": settings.show_lists,
			"records": settings.show_records,
			"record_months": settings.record_months,
		},
		"objection_notice": _(settings.objection_notice or DEFAULT_OBJECTION_NOTICE),
	}


def create_public_disclosure_defaults() -> bool:
	"""Existing sites: the Public Disclosure fields of Credit Settings get their shipped defaults
	where the site has no value yet (an administrator's choice stays)."""
	if not frappe.db.exists("DocType", "Credit Settings"):
		return False
	meta = frappe.get_meta("Credit Settings")
	saved = {
		row[0] for row in frappe.db.sql("select field from `tabSingles` where doctype = 'Credit Settings'")
	}
	for field in meta.fields:
		if (
			field.fieldname.startswith("public_")
			and field.fieldname not in saved
			and field.default is not None
		):
			frappe.db.set_single_value("Credit Settings", field.fieldname, field.default)
	frappe.clear_document_cache("Credit Settings", "Credit Settings")
	return True
