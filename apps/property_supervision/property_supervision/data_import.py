"""Data Import that takes Select values as the desk shows them (issue 11).

An office fills an import file in Chinese: 专业物业企业, not `Professional Enterprise`. Frappe's
importer compares a Select cell with the stored option values only, so it drops the Chinese value
with a warning and the row is saved without it (or fails on the mandatory check). Here, before
Frappe parses the file, a cell of a Select column that equals the Chinese label of one of the
column's options is replaced by that option's value; a cell that matches no option is left to
Frappe, which reports it. Everything else (column mapping, preview, logs, retries) is Frappe's.

Wired through `override_doctype_class` for Data Import (hooks.py).
"""

import frappe
from frappe import _
from frappe.core.doctype.data_import.data_import import DataImport
from frappe.core.doctype.data_import.importer import Importer, ImportFile
from frappe.utils import cstr
from frappe.utils.background_jobs import enqueue, is_job_enqueued


def select_columns(doctype: str, header_row: list) -> dict[int, dict[str, str]]:
	"""Column index -> {label an office may type: option value} for the Select columns of `header_row`.

	A column is found by the heading Frappe's Data Import maps: the field's label, its translation
	or its fieldname."""
	meta = frappe.get_meta(doctype)
	by_heading = {}
	for df in meta.fields:
		if df.fieldtype != "Select" or not df.options:
			continue
		options = [o for o in df.options.split("\n") if o]
		labels = {}
		for option in options:
			for label in {_(option, context=doctype), _(option)}:
				if label and label != option:
					labels.setdefault(label, option)
		for heading in {df.label, _(df.label, context=doctype) if df.label else None, df.fieldname}:
			if heading:
				by_heading[heading] = labels
	return {
		index: by_heading[cstr(heading).strip()]
		for index, heading in enumerate(header_row or [])
		if cstr(heading).strip() in by_heading
	}


def translate_select_values(doctype: str, raw_data: list[list]) -> int:
	"""Replace Chinese Select labels by option values in the rows below the header. Returns the
	number of cells replaced."""
	if not raw_data:
		return 0
	columns = select_columns(doctype, raw_data[0])
	replaced = 0
	for row in raw_data[1:]:
		for index, labels in columns.items():
			if index < len(row) and isinstance(row[index], str):
				value = labels.get(row[index].strip())
				if value is not None:
					row[index] = value
					replaced += 1
	return replaced


class ChineseImportFile(ImportFile):
	def parse_data_from_template(self):
		translate_select_values(self.doctype, self.raw_data)
		super().parse_data_from_template()


class ChineseImporter(Importer):
	def __init__(self, doctype, data_import=None, file_path=None, import_type=None, console=False):
		# Frappe's Importer.__init__, with the import file read by ChineseImportFile
		self.doctype = doctype
		self.console = console
		self.data_import = data_import
		if not self.data_import:
			self.data_import = frappe.get_doc(doctype="Data Import")
			if import_type:
				self.data_import.import_type = import_type
		self.template_options = frappe.parse_json(self.data_import.template_options or "{}")
		self.import_type = self.data_import.import_type
		self.import_file = ChineseImportFile(
			doctype,
			file_path or self.data_import.google_sheets_url or self.data_import.import_file,
			self.template_options,
			self.import_type,
			console=self.console,
		)


class PropertySupervisionDataImport(DataImport):
	def get_importer(self):
		return ChineseImporter(self.reference_doctype, data_import=self)

	def start_import(self):
		from frappe.utils.scheduler import is_scheduler_inactive

		# Frappe's DataImport.start_import line for line (it enqueues its own job, which builds
		# Frappe's Importer, so the app enqueues the same job with the ChineseImporter): when the
		# framework runs an import at once (tests, developer mode), so does this one
		run_now = frappe.flags.in_test or frappe.conf.developer_mode
		if is_scheduler_inactive() and not run_now:
			frappe.throw(_("Scheduler is inactive. Cannot import data."), title=_("Scheduler Inactive"))

		job_id = f"data_import::{self.name}"
		if not is_job_enqueued(job_id):
			enqueue(
				start_import,
				queue="default",
				timeout=10000,
				event="data_import",
				job_id=job_id,
				data_import=self.name,
				now=run_now,
			)
			return True
		return False


def start_import(data_import):
	"""Frappe's background import job, with the ChineseImporter."""
	from rq.timeouts import JobTimeoutException

	data_import = frappe.get_doc("Data Import", data_import)
	try:
		data_import.get_importer().import_data()
	except JobTimeoutException:
		frappe.db.rollback()
		data_import.db_set("status", "Timed Out")
	except Exception:
		frappe.db.rollback()
		data_import.db_set("status", "Error")
		data_import.log_error("Data import failed")
	finally:
		frappe.flags.in_import = False

	frappe.publish_realtime("data_import_refresh", {"data_import": data_import.name})
