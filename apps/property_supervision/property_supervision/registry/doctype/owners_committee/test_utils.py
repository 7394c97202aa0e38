"""Factories for tests of owners' committees and handover inspections."""

import io
import unicodedata

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_months, add_years, getdate, nowdate

from property_supervision.tests.utils import make_community

MEMBER_NAMES = (
	"王建国",
	"李海燕",
	"张志强",
	"刘丽娟",
	"陈伟",
	"杨秀英",
	"赵军",
	"黄敏",
	"周磊",
	"吴静",
	"徐明",
	"孙芳",
	"马强",
)


def make_compound(compound_name: str, community: str, area: str = "七纺片区管委会", **fields) -> str:
	"""A compound in `community` (created under `area` if needed); returns its name."""
	make_community(community, area)
	existing = frappe.db.get_value("Residential Compound", {"compound_name": compound_name}, "name")
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Residential Compound",
				"compound_name": compound_name,
				"jurisdiction": community,
				**fields,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def make_members(count: int = 5, directors: int = 1) -> list[dict]:
	members = []
	for i in range(count):
		role = "Director" if i < directors else ("Deputy Director" if i == directors else "Member")
		members.append(
			{
				"member_name": MEMBER_NAMES[i % len(MEMBER_NAMES)],
				"member_role": role,
				"phone": f"139{i:04d}5678",
				"building_unit": f"{i + 1}号楼{i % 3 + 1}单元",
			}
		)
	return members


def committee_dict(compound: str, election_date=None, members: int | None = 5, **fields) -> dict:
	"""A committee elected on `election_date` (default: 10 days ago) for a five-year term."""
	election_date = getdate(election_date or add_days(nowdate(), -10))
	return {
		"doctype": "Owners Committee",
		"compound": compound,
		"assembly_established_on": add_months(election_date, -1),
		"election_date": election_date,
		"term_start": election_date,
		"term_end": add_days(add_years(election_date, 5), -1),
		"members": make_members(members) if members else [],
		**fields,
	}


def make_committee(compound: str, state: str = "Preparing", **fields):
	"""Insert a committee as Administrator and move it through the workflow to `state`."""
	doc = frappe.get_doc(committee_dict(compound, **fields)).insert()
	path = {"Preparing": [], "Elected": ["Record Election"], "Filed": ["Record Election", "Approve Filing"]}
	path["Term Expired"] = [*path["Filed"], "Expire Term"]
	for action in path[state]:
		doc = apply_workflow(doc, action)
	return doc


# Noto CJK shares some glyphs between an ideograph and a radical, and PDF text extraction may
# return the radical: NFKC folds the Kangxi radicals (⼩ → 小), this table the supplement's.
_RADICALS = str.maketrans("⻅⻓⻔⻋⻛⻜⻢⻥⻦⻚⻩⻬⻰⻆⻄⻉⻙", "见长门车风飞马鱼鸟页黄齐龙角西贝韦")


def normalize_text(text: str) -> str:
	"""Text compared with what a PDF yields: folded radicals and full-width forms, no blanks."""
	return "".join(unicodedata.normalize("NFKC", text.translate(_RADICALS)).split())


def pdf_text(pdf: bytes) -> str:
	"""The normalised text of all pages of a PDF (raises if `pdf` is not one)."""
	from pypdf import PdfReader

	if not pdf.startswith(b"%PDF"):
		raise ValueError("not a PDF")
	return normalize_text("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
