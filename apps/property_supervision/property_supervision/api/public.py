"""The residents' public endpoints under the names of SPEC §11 (guest, rate-limited): filing a
complaint, looking it up, and rating its handling (回访). They are the functions behind
/complaint and /complaint-status (complaints/api.py), whose older names
`property_supervision.complaints.api.*` keep working; the rating rule is complaints/rating.py."""

from property_supervision.complaints.api import get_complaint_status, rate_complaint, submit_complaint

__all__ = ["get_complaint_status", "rate_complaint", "submit_complaint"]
