"""The app's Notification (hooks.py override_doctype_class): Frappe's Notification, with

- recipient rows that name an *audience* (Notification Recipient `ps_audience`, answered by
  notices/recipients.py) besides Frappe's role / document field rows;
- wording from an Email Template when the record names one (`ps_email_template`);
- an optional "only while the state means …" (`ps_state_meaning`), so a reminder never needs a
  state's name in its condition;
- delivery in an RQ worker after commit (notices/delivery.py), each channel on its own: a failed
  e-mail never stops the desk notice, SMS attempts are retried and logged;
- refusal, in Chinese, of a recipient row naming an unknown role and of an enabled SMS notice
  while SMS Settings has no gateway URL.

The records stay plain Notification records: administrators edit, duplicate and switch them off
in the desk.
"""

import frappe
from frappe import _
from frappe.email.doctype.notification.notification import Notification

from property_supervision import workflow_meanings as meanings
from property_supervision.notices import muted, recipients
from property_supervision.rules.phone import canonical_phone, is_valid_mobile


class PropertySupervisionNotification(Notification):
	def _validate_links(self):
		# before Frappe's own link check, so an unknown role gets a clear Chinese message
		self.validate_recipient_rules()
		super()._validate_links()

	def validate(self):
		self.validate_recipient_rules()
		self.validate_sms_gateway()
		super().validate()

	# --- validation -----------------------------------------------------------------------------

	def validate_recipient_rules(self):
		for row in self.recipients:
			role = (row.receiver_by_role or "").strip()
			if role and not frappe.db.exists("Role", role):
				frappe.throw(
					_("Recipient row {0}: there is no role named {1}. Choose an existing role.").format(
						row.idx, frappe.bold(role)
					),
					title=_("Recipients"),
				)
			audience = row.get("ps_audience")
			if audience and audience not in recipients.AUDIENCES:
				frappe.throw(
					_("Recipient row {0}: {1} is not a known audience.").format(
						row.idx, frappe.bold(audience)
					),
					title=_("Recipients"),
				)
			if audience in recipients.AUDIENCES_NEEDING_ROLE and not role:
				frappe.throw(
					_("Recipient row {0}: the audience {1} needs a role (Receiver By Role).").format(
						row.idx, _(audience)
					),
					title=_("Recipients"),
				)

	def validate_sms_gateway(self):
		sends_sms = self.channel == "SMS" or (self.channel == "Email" and self.get("ps_also_sms"))
		if sends_sms and self.enabled and not sms_gateway_configured():
			frappe.throw(
				_(
					"SMS Settings has no SMS gateway URL: enter the gateway of your SMS provider in SMS "
					"Settings before switching on an SMS notification."
				),
				title=_("SMS Settings"),
			)

	# --- when and to whom ---------------------------------------------------------------------

	def in_wanted_state(self, doc) -> bool:
		wanted = self.get("ps_state_meaning")
		return not wanted or meanings.is_state(doc.doctype, doc.get("workflow_state"), wanted)

	def send(self, doc):
		"""Frappe calls this when the event happens (a request, the scheduler): queue the delivery."""
		if frappe.flags.ps_delivering_notice:
			return self.deliver(doc, doc.flags.notice_values)
		if muted() or not self.in_wanted_state(doc):
			return
		from property_supervision.notices.delivery import queue_delivery

		queue_delivery(self.name, doc, doc.flags.notice_values)

	def get_list_of_recipients(self, doc, context):
		to, cc, bcc = self._with_standard_rows(super().get_list_of_recipients, doc, context)
		to = list(dict.fromkeys([*to, *recipients.contact_of(self.audience_users(doc, context), "email")]))
		return to, cc, bcc

	def get_receiver_list(self, doc, context):
		numbers = self._with_standard_rows(super().get_receiver_list, doc, context)
		numbers = [*numbers, *recipients.contact_of(self.audience_users(doc, context), "mobile_no")]
		return list(dict.fromkeys(n for n in numbers if n))

	def _with_standard_rows(self, method, doc, context):
		"""Frappe's own recipient rules, for the rows that name no audience (a row with an audience
		uses its role to narrow the audience, never to address every user of the role)."""
		rows = self.recipients
		self.recipients = [r for r in rows if not r.get("ps_audience")]
		try:
			return method(doc, context)
		finally:
			self.recipients = rows

	def audience_users(self, doc, context) -> list[str]:
		users = set()
		for row in self.recipients:
			if not row.get("ps_audience"):
				continue
			if row.condition and not frappe.safe_eval(row.condition, None, context):
				continue
			users.update(recipients.audience(row.ps_audience, doc, role=row.receiver_by_role or None))
		return sorted(users)

	# --- delivery (in the worker) ---------------------------------------------------------------

	def apply_email_template(self):
		name = self.get("ps_email_template")
		if not name or not frappe.db.exists("Email Template", name):
			return
		template = frappe.get_doc("Email Template", name)
		self.subject = template.subject or self.subject
		self.message = (template.response_html if template.use_html else template.response) or self.message
		self.message_type = "HTML"

	def deliver(self, doc, values: dict | None = None):
		"""Each channel on its own, so one failing never stops another; failures are logged."""
		from property_supervision.notices.delivery import email_configured, send_sms_now

		self.apply_email_template()
		context = {"doc": doc, "alert": self, "comments": None, "values": frappe._dict(values or {})}
		sent = []
		if self.channel == "Email" and email_configured():
			self._attempt("email", self.send_an_email, doc, context)
			sent.append("email")
		if self.channel == "SMS":
			numbers = self.get_receiver_list(doc, context)
			if numbers:
				send_sms_now(numbers, frappe.render_template(self.message, context), self, doc)
				sent.append("sms")
		if self.channel == "Email" and self.get("ps_also_sms"):
			numbers = [n for n in self.get_receiver_list(doc, context) if is_valid_mobile(canonical_phone(n))]
			if numbers:
				text = "【{}】{}".format(
					_("Property Supervision"), frappe.render_template(self.subject, context)
				)
				send_sms_now(numbers, text, self, doc)
				sent.append("sms")
		if self.channel == "System Notification" or self.send_system_notification:
			self._attempt("desk", self.create_system_notification, doc, context)
			sent.append("desk")
		return sent

	def _attempt(self, channel, method, doc, context):
		try:
			method(doc, context)
		except Exception:
			frappe.log_error(
				title=_("Notification {0} could not be sent ({1})").format(self.name, channel),
				reference_doctype=doc.doctype,
				reference_name=doc.name,
			)


def sms_gateway_configured() -> bool:
	return bool((frappe.db.get_single_value("SMS Settings", "sms_gateway_url") or "").strip())


def validate_sms_settings(doc, method=None):
	"""SMS Settings.validate (hooks.py): no gateway URL while an SMS notification is switched on."""
	if (doc.sms_gateway_url or "").strip():
		return
	enabled = frappe.get_all("Notification", filters={"channel": "SMS", "enabled": 1}, pluck="name")
	if frappe.db.has_column("Notification", "ps_also_sms"):
		enabled += frappe.get_all(
			"Notification", filters={"channel": "Email", "ps_also_sms": 1, "enabled": 1}, pluck="name"
		)
	if enabled:
		frappe.throw(
			_(
				"Enter the SMS gateway URL: these SMS notifications are switched on and need it: {0}. "
				"Switch them off first to remove the gateway."
			).format("、".join(enabled)),
			title=_("SMS Settings"),
		)
