"""Guest endpoints of the public disclosure pages /compounds, /compounds/<compound> and /credit.

The pages (www/compounds, www/compound, www/credit) render on the server by calling these same
functions, so a page view and an API call are limited alike: every endpoint is rate-limited per
client address (frappe.rate_limiter, as the complaint pages' endpoints), answers in the reader's
language (residents/language.py), returns only the public fields the residents/ modules select,
and refuses bad input with a message that changes nothing.
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from property_supervision.complaints.api import HOUR, submission_limit
from property_supervision.residents import compounds, credit
from property_supervision.residents.language import use_resident_language

IMAGE_SIGNATURES = {
	"image/jpeg": (b"\xff\xd8\xff",),
	"image/png": (b"\x89PNG\r\n\x1a\n",),
	"image/gif": (b"GIF87a", b"GIF89a"),
	"image/webp": (b"RIFF",),
}


def page_view_limit() -> int:
	"""Disclosure page views and calls per client address and hour: 60 × the complaint
	submissions (Complaint Settings), 600 by default — enough to browse, too few to scrape."""
	return 60 * submission_limit()


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=page_view_limit, seconds=HOUR)
def find_compounds(
	area: str | None = None,
	community: str | None = None,
	query: str | None = None,
	page: str | int | None = None,
) -> dict:
	"""Compounds by area, community and a part of their name (public names only)."""
	use_resident_language()
	return compounds.find_compounds(area=area, community=community, query=query, page=page)


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=page_view_limit, seconds=HOUR)
def get_compound(compound: str | None = None) -> dict:
	"""One compound's public page: management, contract, fees, publicity, owners' committee."""
	use_resident_language()
	return compounds.get_compound(compound)


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=page_view_limit, seconds=HOUR)
def get_credit_disclosure(
	as_of: str | None = None,
	grade: str | None = None,
	area: str | None = None,
	page: str | int | None = None,
	enterprise: str | None = None,
) -> dict:
	"""The credit disclosure as Credit Settings → Public Disclosure allow."""
	use_resident_language()
	return credit.get_disclosure(as_of=as_of, grade=grade, area=area, page=page, enterprise=enterprise)


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=page_view_limit, seconds=HOUR)
def notice_photo(record: str | None = None):
	"""The photo of the posted notice of a publicity record the compound's page shows (the latest
	of its kind), even when the file is private; nothing else is served."""
	use_resident_language()
	missing = _("This photo is not available.")
	if not record or not isinstance(record, str) or len(record) > 140:
		frappe.throw(missing, compounds.NotFound)
	row = frappe.db.get_value(
		"Publicity Record", record, ["name", "compound", "publicity_type", "notice_photo"], as_dict=True
	)
	if not row or not row.notice_photo:
		frappe.throw(missing, compounds.NotFound)
	shown = compounds.latest_publicity(row.compound)
	if not any(p and p["name"] == row.name for p in shown.values()):
		frappe.throw(missing, compounds.NotFound)
	file_name = frappe.db.get_value(
		"File",
		{
			"file_url": row.notice_photo,
			"attached_to_doctype": "Publicity Record",
			"attached_to_name": row.name,
		},
		"name",
	) or frappe.db.get_value("File", {"file_url": row.notice_photo}, "name")
	if not file_name:
		frappe.throw(missing, compounds.NotFound)
	content = frappe.get_doc("File", file_name).get_content()
	if isinstance(content, str):
		content = content.encode()
	content_type = next(
		(kind for kind, signatures in IMAGE_SIGNATURES.items() if content.startswith(signatures)), None
	)
	if not content_type:
		frappe.throw(missing, compounds.NotFound)
	extension = content_type.split("/")[1].replace("jpeg", "jpg")
	frappe.local.response.update(
		{
			"type": "download",
			"filename": f"{row.name}.{extension}",
			"filecontent": content,
			"content_type": content_type,
			"display_content_as": "inline",
		}
	)
