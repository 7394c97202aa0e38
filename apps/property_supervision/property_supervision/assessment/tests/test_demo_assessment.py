# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Demo assessments: last year's cycle for the three templates, published through the workflow
with a spread of grades; loading again creates and changes nothing."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.assessment.cycle import get_targets
from property_supervision.assessment.tests import data
from property_supervision.demo.assessment import make_assessments


class TestDemoAssessments(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		data.load("khd", ())

	def test_published_with_a_spread_of_grades_and_idempotent(self):
		first = make_assessments(random.Random("2015:make_assessments"), {})
		made = frappe.get_all(
			"Assessment",
			filters={"assessment_year": data.YEAR, "template": ("in", list(data_templates()))},
			fields=[
				"name",
				"target_type",
				"target_name",
				"workflow_state",
				"grade",
				"total_score",
				"modified",
			],
		)
		self.assertGreaterEqual(first["Assessment"], 0)
		for target_type in ("Area Committee or Subdistrict", "Community", "Property Enterprise"):
			self.assertEqual(
				{a.target_name for a in made if a.target_type == target_type}, set(get_targets(target_type))
			)
		self.assertTrue(all(a.workflow_state == "Published" for a in made))
		self.assertTrue(all(a.grade for a in made))
		self.assertGreaterEqual(len({a.grade for a in made}), 2)

		again = make_assessments(random.Random("2015:make_assessments"), {})
		self.assertEqual(again, {"Assessment": 0})
		after = {
			a.name: a.modified
			for a in frappe.get_all(
				"Assessment", filters={"name": ("in", [a.name for a in made])}, fields=["name", "modified"]
			)
		}
		self.assertEqual(after, {a.name: a.modified for a in made})


def data_templates():
	from property_supervision.assessment.defaults import DEFAULT_TEMPLATES

	return [t["template_name"] for t in DEFAULT_TEMPLATES]
