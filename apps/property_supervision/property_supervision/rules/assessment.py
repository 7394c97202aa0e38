"""Scoring rules of the three-level annual assessment (三级考核, SPEC §3 Assessment): criteria that
total 100, totals from the row scores, grades from configurable bands, the 一票否决 veto that caps
the grade at 不合格, and the ranking of assessed units."""

from collections.abc import Iterable

from property_supervision.rules.figures import percentage

EXCELLENT = "Excellent"  # 优秀
GOOD = "Good"  # 良好
PASS = "Pass"  # 合格
FAIL = "Fail"  # 不合格
GRADES = (EXCELLENT, GOOD, PASS, FAIL)

# the maximum scores of a template's criteria add up to exactly this
CRITERIA_TOTAL = 100.0
# scores carry one decimal; totals are compared with this tolerance
TOLERANCE = 0.05


def round_score(value: float | None) -> float:
	return round(float(value or 0), 1)


def criteria_total(max_scores: Iterable[float | None]) -> float:
	"""The sum of the criteria's maximum scores, to one decimal."""
	return round_score(sum(float(m or 0) for m in max_scores))


def criteria_total_is_valid(max_scores: Iterable[float | None]) -> bool:
	return abs(criteria_total(max_scores) - CRITERIA_TOTAL) < TOLERANCE


def max_score_is_valid(max_score: float | None, is_veto: bool = False) -> bool:
	"""An ordinary criterion carries points; a veto item (一票否决) may carry none."""
	value = float(max_score or 0)
	return value >= 0 if is_veto else value > 0


def score_in_range(score: float | None, max_score: float | None) -> bool:
	"""A score lies between 0 and the criterion's maximum (never above it)."""
	value = float(score or 0)
	return 0 <= value <= float(max_score or 0) + 1e-9


def bands_are_valid(excellent_min: float, good_min: float, pass_min: float) -> bool:
	"""The grade bands lie within 0–100 and descend: excellent > good > pass."""
	excellent_min, good_min, pass_min = float(excellent_min), float(good_min), float(pass_min)
	return CRITERIA_TOTAL >= excellent_min > good_min > pass_min >= 0


def total_score(scores: Iterable[float | None]) -> float:
	return round_score(sum(float(s or 0) for s in scores))


def grade_for(
	total: float, excellent_min: float, good_min: float, pass_min: float, veto: bool = False
) -> str:
	"""The grade of a total under the bands; a triggered veto caps the grade at Fail (不合格)."""
	if veto:
		return FAIL
	total = round_score(total)
	if total >= float(excellent_min):
		return EXCELLENT
	if total >= float(good_min):
		return GOOD
	if total >= float(pass_min):
		return PASS
	return FAIL


def rank(rows: list[dict], score_key: str = "total_score", veto_key: str = "veto_triggered") -> list[dict]:
	"""Order rows best first and number them (1, 2, 2, 4 for a tie). A unit whose veto was
	triggered ranks below every unit without one, whatever its points."""
	ordered = sorted(rows, key=lambda r: (bool(r.get(veto_key)), -round_score(r.get(score_key))))
	previous = None
	for position, row in enumerate(ordered, start=1):
		key = (bool(row.get(veto_key)), round_score(row.get(score_key)))
		if key != previous:
			current_rank = position
			previous = key
		row["rank"] = current_rank
	return ordered


def rate_text(part: int, whole: int) -> str:
	"""How an indicator rate reads on the score sheet: "92.5% (37/40)"; "0/0" when there is
	nothing to count (no complaints, no compounds, no sessions)."""
	part, whole = int(part or 0), int(whole or 0)
	if not whole:
		return "0/0"
	return f"{percentage(part, whole)}% ({part}/{whole})"


def performance_outcome(grade: str | None, veto: bool, by_grade: dict[str, dict], on_veto: dict) -> dict:
	"""The reward or deduction a yearly performance result earns (绩效奖惩): the settings' row of
	its grade, or the fixed outcome of a triggered veto (一票否决), whatever the grade.
	Returns {"reward_amount", "performance_points", "outcome"}; nothing configured: zeros."""
	chosen = on_veto if veto else (by_grade.get(grade or "") or {})
	return {
		"reward_amount": round(float(chosen.get("reward_amount") or 0), 2),
		"performance_points": round(float(chosen.get("performance_points") or 0), 1),
		"outcome": chosen.get("outcome") or "",
	}


def rank_results(rows: list[dict]) -> list[dict]:
	"""Rank the yearly performance results of one target type (rank(): best first, ties share a
	rank, a vetoed unit below every other) and say how many were ranked (`ranked_among`). Rows
	of equal standing keep the order of their target names, so a tie reads the same every time."""
	ordered = rank(sorted(rows, key=lambda r: r.get("target_name") or ""))
	for row in ordered:
		row["ranked_among"] = len(ordered)
	return ordered
