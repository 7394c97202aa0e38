"""Every string the residents' pages can show has its Uyghur and its Chinese translation in the
app's translation files (residents/translations.py collects them as Frappe's extraction does).
A new label, message or error on /complaint, /complaint-status, /compounds or /credit without a
line in translations/ug.csv (or zh.csv) fails here, naming it."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.residents import translations

PLACEHOLDER = re.compile(r"\{\d+\}")


class TestResidentTranslations(FrappeTestCase):
	def test_the_collection_finds_the_pages_strings(self):
		strings = translations.resident_strings()
		# one from each kind of source: a template, a page module, an endpoint, the controller's
		# intake checks, a field label, a workflow state, a Select option, a credit rule
		for expected in (
			"Submit Complaint",
			"Complaint Progress",
			"Please enter a valid mobile or landline number.",
			"Describe the complaint.",
			"Complainant Name",
			"Community Handling",
			"Owner Self-managed",
			"Red List",
			"This compound was not found. Please find it in the list.",
			"被投诉，经查属实",
		):
			self.assertIn(expected, strings)
		self.assertGreater(len(strings), 200)

	def test_every_residents_string_has_a_uyghur_translation(self):
		missing = translations.missing_translations("ug")
		self.assertEqual(
			missing, [], "add these to translations/ug.csv:\n" + "\n".join(f"{m}," for m in missing)
		)

	def test_every_residents_string_has_a_chinese_translation(self):
		missing = translations.missing_translations("zh")
		self.assertEqual(
			missing, [], "add these to translations/zh.csv:\n" + "\n".join(f"{m}," for m in missing)
		)

	def test_uyghur_translations_keep_their_placeholders_and_script(self):
		ug = translations.app_translations("ug")
		arabic = re.compile("[\u0600-\u06ff]")
		for source in translations.resident_strings():
			target = ug.get(source)
			if not target:
				continue  # reported by the test above
			with self.subTest(source=source):
				self.assertEqual(set(PLACEHOLDER.findall(source)), set(PLACEHOLDER.findall(target)))
				self.assertRegex(target, arabic)

	def test_the_pages_speak_uyghur(self):
		frappe.local.lang = "ug"
		try:
			self.assertEqual(frappe._("Submit Complaint"), "شىكايەتنى يوللاش")
		finally:
			frappe.local.lang = "zh"
