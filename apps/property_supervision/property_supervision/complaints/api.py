"""Guest endpoints behind the residents' pages /complaint and /complaint-status.

Everything here runs for Guest. The endpoints therefore
- validate every input themselves and answer with a message a resident understands, before
  anything is written (a refused submission stores nothing: no complaint, no file);
- return only what is public: names of jurisdictions and compounds, the resident's own
  tracking number, and for a status lookup the public progress of that one complaint;
- are rate-limited per client address (Complaint Settings.web_form_rate_limit per hour).
"""

import base64
import binascii
import hmac
import random
import re
import time

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, flt, format_datetime, formatdate, now_datetime

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints.doctype.complaint.complaint import FREE_TEXT_LIMITS
from property_supervision.rules.phone import canonical_phone, is_valid_phone, normalize_phone
from property_supervision.rules.text import plain_text as to_plain_text
from property_supervision.rules.tracking import is_well_formed, normalize_tracking_key

# the controller's limits: the same for the desk, this form, imports and the hotline
MAX_DESCRIPTION_LENGTH = FREE_TEXT_LIMITS["description"]
MAX_NAME_LENGTH = FREE_TEXT_LIMITS["complainant_name"]
MAX_COMPOUND_NAME_LENGTH = 140
HOUR = 60 * 60

# extension -> content type, and how a file of that type starts: the content decides, not the name
ATTACHMENT_TYPES = {
	"jpg": "image/jpeg",
	"jpeg": "image/jpeg",
	"png": "image/png",
	"pdf": "application/pdf",
}
_SIGNATURES = {
	"image/jpeg": (b"\xff\xd8\xff",),
	"image/png": (b"\x89PNG\r\n\x1a\n",),
	"application/pdf": (b"%PDF-",),
}


# --- language -------------------------------------------------------------------------------


def use_site_language() -> str:
	"""Residents read Chinese or Uyghur: the language they chose (`?_lang=`, remembered in the
	preferred_language cookie), else the browser's, else the site's. The rule lives in
	residents/language.py; this name stays for the endpoints that call it."""
	from property_supervision.residents.language import use_resident_language

	return use_resident_language()


# --- rate limits ------------------------------------------------------------------------------


def submission_limit() -> int:
	"""Submissions per client address and hour (Complaint Settings, default 10)."""
	return cint(frappe.db.get_single_value("Complaint Settings", "web_form_rate_limit")) or 10


def lookup_limit() -> int:
	"""Status lookups per client address and hour: a resident looks more often than they file."""
	return 3 * submission_limit()


def tracking_lookup_limit() -> int:
	"""Status lookups per tracking number and hour, from all addresses together (as many as one
	address may make): guessing the phone that opens one complaint cannot be spread over many
	clients."""
	return lookup_limit()


def count_lookup_of(key: str):
	"""Count a lookup of this (normalised) tracking number; refuse past the hourly limit. Every
	number is counted, existing or not, so the refusal tells nothing about existence."""
	if not key:
		return
	cache_key = frappe.cache.make_key(f"ps:status-lookups:{key}")
	count = frappe.cache.incrby(cache_key, 1)
	if count == 1:
		frappe.cache.expire(cache_key, HOUR)
	if count > tracking_lookup_limit():
		frappe.throw(
			_("This tracking number has been looked up too often. Please try again in an hour."),
			frappe.RateLimitExceededError,
			title=_("Too Many Requests"),
		)


def choice_limit() -> int:
	"""Compound lists per client address and hour: enough to browse, too few to scrape."""
	return 30 * submission_limit()


def max_attachment_mb() -> float:
	"""Largest attachment in MB (Complaint Settings, default 5)."""
	return flt(frappe.db.get_single_value("Complaint Settings", "max_attachment_mb")) or 5


def max_attachment_bytes() -> int:
	return int(max_attachment_mb() * 1024 * 1024)


# --- public choices ---------------------------------------------------------------------------


def get_area_choices() -> list[dict]:
	"""Area committees and subdistricts with their communities, in tree order (public names)."""
	areas = frappe.get_all(
		"Jurisdiction",
		filters={"jurisdiction_type": ("in", ("Area Committee", "Subdistrict"))},
		fields=["name", "lft"],
		order_by="lft asc",
	)
	communities = frappe.get_all(
		"Jurisdiction",
		filters={"jurisdiction_type": "Community"},
		fields=["name", "parent_jurisdiction"],
		order_by="lft asc",
	)
	by_area: dict[str, list[str]] = {}
	for community in communities:
		by_area.setdefault(community.parent_jurisdiction, []).append(community.name)
	return [{"name": area.name, "communities": by_area.get(area.name, [])} for area in areas]


def get_category_choices() -> list[dict]:
	"""Active complaint categories: the stored name as value, the translated name as label."""
	names = frappe.get_all(
		"Complaint Category", filters={"is_active": 1}, pluck="name", order_by="creation asc, name asc"
	)
	return [{"value": name, "label": _(name)} for name in names]


def compound_choice(compound) -> dict | None:
	"""{area, community, compound} of a compound named in the form's address, else None."""
	if not compound or not isinstance(compound, str) or len(compound) > 140:
		return None
	community = frappe.db.get_value("Residential Compound", compound.strip(), "jurisdiction")
	if not community:
		return None
	area = frappe.db.get_value("Jurisdiction", community, "parent_jurisdiction")
	if frappe.db.get_value("Jurisdiction", area, "jurisdiction_type") not in (
		"Area Committee",
		"Subdistrict",
	):
		return None
	return {"area": area, "community": community, "compound": compound.strip()}


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=choice_limit, seconds=HOUR)
def get_compounds(community: str | None = None) -> list[dict]:
	"""Names of the compounds in one community, nothing else: public information."""
	if not community or not isinstance(community, str):
		return []
	if frappe.db.get_value("Jurisdiction", community, "jurisdiction_type") != "Community":
		return []
	return frappe.get_all(
		"Residential Compound",
		filters={"jurisdiction": community},
		fields=["name", "compound_name"],
		order_by="compound_name asc",
	)


# --- filing a complaint -----------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=submission_limit, seconds=HOUR)
def submit_complaint(
	phone: str | None = None,
	description: str | None = None,
	category: str | None = None,
	compound: str | None = None,
	community: str | None = None,
	compound_name: str | None = None,
	complainant_name: str | None = None,
	is_anonymous: str | int | bool | None = 0,
	attachment_name: str | None = None,
	attachment_base64: str | None = None,
) -> dict:
	"""File a complaint from the public form; returns the tracking number and the received time.

	The attachment comes either as a multipart file named `attachment` or as
	`attachment_name` + `attachment_base64`.
	"""
	use_site_language()
	anonymous = _as_flag(is_anonymous)
	name = None if anonymous else validate_complainant_name(complainant_name)
	phone = validate_phone(phone)
	compound = resolve_compound(compound, community, compound_name)
	category = validate_category(category)
	description = validate_description(description)
	attachment = read_attachment(attachment_name, attachment_base64)

	complaint = insert_complaint(
		{
			"doctype": "Complaint",
			"complainant_name": name,
			"is_anonymous": 1 if anonymous else 0,
			"complainant_phone": phone,
			"compound": compound,
			"category": category,
			"description": description,
			"received_via": "Web Form",
			"received_on": now_datetime(),
			# notices to the complainant (SMS) go in the language the resident used
			"language": resident_language(),
		}
	)
	if attachment:
		attach_file(complaint, *attachment)

	return {
		"tracking_number": complaint.tracking_key,
		"received_on": format_datetime(complaint.received_on, "yyyy-MM-dd HH:mm"),
	}


def resident_language() -> str | None:
	"""The language of this request, as stored on the complaint (a Language record)."""
	from frappe.translate import get_all_languages

	language = frappe.local.lang
	# the enabled languages, cached by Frappe (forgotten when a Language is saved)
	return language if language and language in get_all_languages() else None


def insert_complaint(values: dict, attempts: int = 4):
	"""Insert as Guest. Concurrent first submissions of a year race to create the naming
	series' row (one gets a deadlock or a duplicate key): nothing else has been written in this
	request yet, so the loser rolls back and tries again instead of losing the complaint."""
	for attempt in range(1, attempts + 1):
		complaint = frappe.get_doc(dict(values))
		try:
			return complaint.insert(ignore_permissions=True)
		except Exception as error:
			if attempt == attempts or not _lost_a_race(error):
				raise
			frappe.db.rollback()
			time.sleep(random.uniform(0.05, 0.25) * attempt)


def _lost_a_race(error: Exception) -> bool:
	"""A deadlock, a lock wait timeout, or a duplicate key from the database itself."""
	if isinstance(error, frappe.QueryDeadlockError | frappe.QueryTimeoutError):
		return True
	code = error.args[0] if error.args else None
	return isinstance(code, int) and frappe.db.is_duplicate_entry(error)


def _as_flag(value) -> bool:
	if isinstance(value, str):
		return value.strip().lower() in ("1", "true", "on", "yes")
	return bool(value)


def validate_complainant_name(value: str | None) -> str:
	name = to_plain_text(value)
	if not name:
		frappe.throw(_("Please enter your name, or choose to complain anonymously."))
	if len(name) > MAX_NAME_LENGTH:
		frappe.throw(_("The name may be at most {0} characters.").format(MAX_NAME_LENGTH))
	return name


def validate_phone(value: str | None) -> str:
	phone = canonical_phone(str(value or ""))  # stored as the desk stores it (rules.phone)
	if not phone:
		frappe.throw(_("Please enter your phone number."))
	if not is_valid_phone(phone):
		frappe.throw(_("Please enter a valid mobile or landline number."))
	return phone


def _digits(value: str) -> str:
	return re.sub(r"\D", "", value)


def resolve_compound(compound: str | None, community: str | None, compound_name: str | None) -> str:
	"""The compound picked from the list, or the one typed by name within the chosen community."""
	community = (community or "").strip() if isinstance(community, str) else ""
	if compound and isinstance(compound, str):
		row = frappe.db.get_value(
			"Residential Compound", compound.strip(), ["name", "jurisdiction"], as_dict=True
		)
		if not row or (community and row.jurisdiction != community):
			frappe.throw(_("The compound was not found. Please choose it from the list."))
		return row.name

	typed = to_plain_text(compound_name)[:MAX_COMPOUND_NAME_LENGTH]
	if not typed:
		frappe.throw(_("Please choose the compound you are complaining about."))
	if not community or frappe.db.get_value("Jurisdiction", community, "jurisdiction_type") != "Community":
		frappe.throw(_("Please choose the community of the compound first."))
	matches = frappe.get_all(
		"Residential Compound",
		filters={"jurisdiction": community, "compound_name": typed},
		pluck="name",
		limit=2,
	)
	if len(matches) != 1:
		frappe.throw(_("The compound was not found in this community. Please choose it from the list."))
	return matches[0]


def validate_category(value: str | None) -> str:
	# the cached category (Frappe drops it when the category is saved or deleted)
	if (
		not value
		or not isinstance(value, str)
		or not frappe.get_cached_value("Complaint Category", value, "is_active")
	):
		frappe.throw(_("Please choose a complaint category."))
	return value


def validate_description(value: str | None) -> str:
	raw = str(value or "").replace("\r\n", "\n").strip()
	if len(raw) > MAX_DESCRIPTION_LENGTH:
		frappe.throw(_("The description may be at most {0} characters.").format(MAX_DESCRIPTION_LENGTH))
	description = to_plain_text(raw)
	if not description:
		frappe.throw(_("Please describe your complaint."))
	return description


# --- the attachment ---------------------------------------------------------------------------


def read_attachment(file_name: str | None, data_base64: str | None) -> tuple[str, bytes] | None:
	"""(extension, content) of a valid attachment, None without one; refuses anything else."""
	upload = frappe.request.files.get("attachment") if getattr(frappe, "request", None) else None
	if not (upload and upload.filename) and not data_base64:
		return None
	limit = max_attachment_bytes()  # a settings read only when there is something to measure
	if upload and upload.filename:
		file_name = upload.filename
		content = upload.stream.read(limit + 1)
	else:
		if data_base64.startswith("data:") and "," in data_base64[:100]:
			data_base64 = data_base64.split(",", 1)[1]
		# base64 is a third longer than the file: refuse before decoding a huge string
		if len(data_base64) > (limit + 3) * 4 // 3 + 4:
			_refuse_size()
		try:
			content = base64.b64decode(data_base64, validate=True)
		except (binascii.Error, ValueError):
			frappe.throw(_("The attachment could not be read. Please choose the file again."))

	if not content:
		frappe.throw(_("The attachment is empty. Please choose the file again."))
	if len(content) > limit:
		_refuse_size()
	extension = (file_name or "").rsplit(".", 1)[-1].lower() if "." in (file_name or "") else ""
	content_type = ATTACHMENT_TYPES.get(extension)
	if not content_type or not content.startswith(_SIGNATURES[content_type]):
		frappe.throw(_("Only pictures (JPG, PNG) and PDF files can be attached."))
	return extension, content


def _refuse_size():
	frappe.throw(_("The attachment may be at most {0} MB.").format(f"{max_attachment_mb():g}"))


def attach_file(complaint, extension: str, content: bytes) -> None:
	"""Keep the attachment as a private File of the complaint (officers only)."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{complaint.name}.{extension}",
			"attached_to_doctype": "Complaint",
			"attached_to_name": complaint.name,
			"attached_to_field": "attachment",
			"is_private": 1,
			"content": content,
		}
	)
	file.flags.ignore_permissions = True
	file.insert(ignore_permissions=True)
	complaint.db_set("attachment", file.file_url, update_modified=False)


# --- looking a complaint up -------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=lookup_limit, seconds=HOUR)
def get_complaint_status(tracking_number: str | None = None, phone: str | None = None) -> dict:
	"""The public progress of the one complaint with this tracking number and phone number.

	Any mismatch (unknown number, wrong phone, malformed input) gets the same answer, so the
	reply never tells whether a tracking number exists.
	"""
	use_site_language()
	return public_progress(find_complaint(tracking_number, phone))


def find_complaint(tracking_number: str | None, phone: str | None) -> str:
	"""The name of the complaint with this tracking number and phone number. Every lookup counts
	against the tracking number's hourly limit, and any mismatch gets the same answer."""
	key = normalize_tracking_key(str(tracking_number or ""))
	phone = _digits(normalize_phone(str(phone or "")))
	count_lookup_of(key)
	row = None
	if is_well_formed(key) and phone:
		row = frappe.db.get_value(
			"Complaint", {"tracking_key": key}, ["name", "complainant_phone"], as_dict=True
		)
	stored_phone = _digits(normalize_phone(row.complainant_phone or "")) if row else ""
	if not row or not hmac.compare_digest(stored_phone.encode(), phone.encode()):
		frappe.throw(
			_("No complaint matches this tracking number and phone number. Please check both."),
			frappe.DoesNotExistError,
			title=_("Not Found"),
		)
	return row.name


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=lookup_limit, seconds=HOUR)
def rate_complaint(
	tracking_number: str | None = None,
	phone: str | None = None,
	satisfaction: str | None = None,
	comment: str | None = None,
) -> dict:
	"""The resident rates the handling of their resolved complaint (回访), once per resolution:
	Satisfied / Basically Satisfied / Dissatisfied and an optional comment. Dissatisfied reopens
	it (complaints/rating.py). Returns the public progress after the rating."""
	from property_supervision.complaints.rating import RESIDENT, rate

	use_site_language()
	name = find_complaint(tracking_number, phone)
	rate(name, satisfaction, comment, RESIDENT)
	return public_progress(name)


LEVEL_LABELS = {
	"Community": "Community Level",
	"Area": "Area Committee or Subdistrict Level",
	"District": "District Level",
	"Joint Meeting": "Joint Meeting",
}


def public_progress(name: str) -> dict:
	"""What the complainant may see: no names, phones, enterprise, notes or other complaints."""
	complaint = frappe.get_doc("Complaint", name)
	state = complaint.workflow_state or meanings.state("Complaint", meanings.RECEIVED)
	# the resolution is final enough to show the resident in a resolved or closed state
	resolved = meanings.is_state("Complaint", state, *meanings.RESOLVED_COMPLAINT_MEANINGS)
	return {
		"tracking_number": complaint.tracking_key,
		"received_on": format_datetime(complaint.received_on or complaint.creation, "yyyy-MM-dd HH:mm"),
		"category": _(complaint.category) if complaint.category else "",
		"compound": frappe.db.get_value("Residential Compound", complaint.compound, "compound_name") or "",
		"status": _(state),
		"level": _level_label(complaint.current_level),
		"deadline": public_deadline(complaint) if complaint.deadline and not resolved else "",
		"progress": [
			{
				"date": format_datetime(row.log_time, "yyyy-MM-dd") if row.log_time else "",
				"action": _(row.action) if row.action else "",
				"level": _level_label(row.level),
			}
			for row in complaint.handling_log
		],
		"resolution": to_plain_text(complaint.resolution) if resolved else "",
		"resolved_on": format_datetime(complaint.resolved_on, "yyyy-MM-dd")
		if resolved and complaint.resolved_on
		else "",
		**public_rating(complaint),
	}


def public_rating(complaint) -> dict:
	"""The rating part of the status page (回访): whether it can be rated now, the last rating."""
	from property_supervision.complaints.rating import can_rate

	return {
		"can_rate": can_rate(complaint),
		"satisfaction": _(complaint.satisfaction) if complaint.satisfaction else "",
		"rated_on": format_datetime(complaint.rated_on, "yyyy-MM-dd") if complaint.rated_on else "",
		"reopened": cint(complaint.dissatisfied_count) > 0
		and meanings.complaint_level(complaint.workflow_state) is not None,
	}


def public_deadline(complaint) -> str:
	"""The level's deadline over the working calendar; marked when it is provisional (it reaches
	into a year whose calendar is not entered yet, so only weekends were counted)."""
	deadline = formatdate(complaint.deadline, "yyyy-MM-dd")
	if complaint.deadline_provisional:
		return _("{0} (provisional)").format(deadline)
	return deadline


def _level_label(level: str | None) -> str:
	return _(LEVEL_LABELS.get(level, level)) if level else ""


def prepare_public_page(context, title: str):
	"""What every residents' page needs: the resident's language with its direction and the
	language switcher (residents/language.py), the title, and no desk sidebar or breadcrumbs."""
	from property_supervision.residents.language import prepare_context

	prepare_context(context)
	context.title = str(title)  # _lt("…"): translated now that the resident's language is set
