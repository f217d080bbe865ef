"""Satisfaction figures.

Every index is computed from a distribution of scale answers ``[n1, n2, n3, n4, n5]``
(how many answered 1, 2, … 5):

* ``n``     — the number of answers;
* ``mean``  — (1·n1 + 2·n2 + 3·n3 + 4·n4 + 5·n5) / n;
* ``share`` — the satisfaction index of the Ministry's method: the share of
  answers at 4 (hài lòng) or 5 (rất hài lòng), in percent, (n4 + n5) / n · 100.

A dimension, a unit or a whole campaign pools the answers of its questions.
Stored figures keep only the distributions (integers), so indices are exact and
can be summed across campaigns, groups and years.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from surveys.models import Answer, Campaign, CampaignResult, Dimension, Question, Response

EMPTY = [0, 0, 0, 0, 0]


@dataclass(frozen=True)
class Index:
    n: int
    mean: float | None
    share: float | None
    responses: int | None = None

    @property
    def too_few(self) -> bool:
        count = self.responses if self.responses is not None else self.n
        return count < settings.SURVEYS_MIN_RESPONSES


def index_of(dist, responses: int | None = None) -> Index:
    n = sum(dist)
    if not n:
        return Index(0, None, None, responses)
    mean = sum((i + 1) * c for i, c in enumerate(dist)) / n
    share = (dist[3] + dist[4]) * 100 / n
    return Index(n, round(mean, 2), round(share, 1), responses)


def add(a, b):
    return [x + y for x, y in zip(a, b, strict=True)]


def compute_figures(campaign: Campaign) -> dict:
    """Distributions of a campaign's answers, per question, dimension, unit and day."""
    questions = list(
        Question.objects.filter(survey_id=campaign.survey_id)
        .select_related("section")
        .order_by("section__order", "section_id", "order", "pk")
    )
    counts = defaultdict(dict)
    for row in (
        Answer.objects.filter(campaign=campaign)
        .values("question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["question_id"]][row["value"]] = row["n"]

    per_question = []
    dimensions: dict[str, list[int]] = {}
    overall = list(EMPTY)
    for q in questions:
        got = counts.get(q.pk, {})
        item = {"id": q.pk, "key": q.key, "kind": q.kind, "dimension": q.dimension}
        if q.kind == Question.Kind.LIKERT:
            dist = [got.get(v, 0) for v in range(1, 6)]
            item["dist"] = dist
            overall = add(overall, dist)
            dimensions[q.dimension] = add(dimensions.get(q.dimension, EMPTY), dist)
        elif q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            item["options"] = [got.get(i, 0) for i in range(len(q.choices))]
        else:
            item["texts"] = got.get(None, 0)
        per_question.append(item)

    per_unit = defaultdict(lambda: list(EMPTY))
    for row in (
        Answer.objects.filter(
            campaign=campaign, question__kind=Question.Kind.LIKERT, response__unit__isnull=False
        )
        .values("response__unit_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if 1 <= row["value"] <= 5:
            per_unit[row["response__unit_id"]][row["value"] - 1] += row["n"]
    unit_responses = dict(
        Response.objects.filter(campaign=campaign, unit__isnull=False)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_day = [
        [day.isoformat(), n]
        for day, n in Response.objects.filter(campaign=campaign)
        .values_list("submitted_on")
        .annotate(n=Count("id"))
        .order_by("submitted_on")
    ]
    return {
        "responses": sum(n for _day, n in by_day),
        "overall": overall,
        "dimensions": dimensions,
        "questions": per_question,
        "units": {
            str(uid): {"dist": d, "responses": unit_responses.get(uid, 0)}
            for uid, d in per_unit.items()
        },
        "by_day": by_day,
    }


def dimension_label(code: str) -> str:
    return str(Dimension(code).label) if code in Dimension.values else code


def campaign_index(figures: dict) -> Index:
    return index_of(figures.get("overall", EMPTY), figures.get("responses", 0))


def delta(current: float | None, previous: float | None) -> float | None:
    if current is None or previous is None:
        return None
    return round(current - previous, 2)


def report(campaign: Campaign, figures: dict, previous_figures: dict | None = None) -> dict:
    """Figures ready to show: indices with labels, and the comparison when given."""
    from ims.models import Unit

    texts = {q.pk: q for q in Question.objects.filter(survey_id=campaign.survey_id)}
    previous_figures = previous_figures or {}
    prev_by_key = {q["key"]: q for q in previous_figures.get("questions", [])}
    prev_dims = previous_figures.get("dimensions", {})
    overall = campaign_index(figures)
    prev_overall = campaign_index(previous_figures) if previous_figures else None

    questions, choices, free_text = [], [], []
    for item in figures.get("questions", []):
        question = texts.get(item["id"])
        label = question.text if question else item["key"]
        if item["kind"] == Question.Kind.LIKERT:
            idx = index_of(item["dist"])
            prev = prev_by_key.get(item["key"])
            prev_idx = index_of(prev["dist"]) if prev and "dist" in prev else None
            questions.append(
                {
                    "key": item["key"],
                    "text": label,
                    "dimension": dimension_label(item["dimension"]),
                    "index": idx,
                    "dist": item["dist"],
                    "previous": prev_idx,
                    "change": delta(idx.share, prev_idx.share if prev_idx else None),
                }
            )
        elif "options" in item:
            total = sum(item["options"])
            options = question.choices if question else []
            choices.append(
                {
                    "text": label,
                    "kind": item["kind"],
                    "rows": [
                        (
                            options[i] if i < len(options) else str(i),
                            n,
                            round(n * 100 / total, 1) if total else None,
                        )
                        for i, n in enumerate(item["options"])
                    ],
                }
            )
        else:
            free_text.append({"id": item["id"], "text": label, "count": item["texts"]})

    dimensions = []
    # In the order of the instrument (JSON storage does not keep the keys' order).
    order = {code: i for i, code in enumerate(Dimension.values)}
    stored = sorted(figures.get("dimensions", {}).items(), key=lambda kv: order.get(kv[0], 99))
    # How many responded in a dimension: at least as many as answered its most
    # answered question (what "too few to read" is judged on, not the answer count).
    answered = {}
    for item in figures.get("questions", []):
        if "dist" in item:
            code = item["dimension"]
            answered[code] = max(answered.get(code, 0), sum(item["dist"]))
    for code, dist in stored:
        idx = index_of(dist, answered.get(code))
        prev_idx = index_of(prev_dims[code]) if code in prev_dims else None
        dimensions.append(
            {
                "code": code,
                "label": dimension_label(code),
                "index": idx,
                "previous": prev_idx,
                "change": delta(idx.share, prev_idx.share if prev_idx else None),
            }
        )

    unit_names = dict(
        Unit.objects.filter(pk__in=[int(k) for k in figures.get("units", {})]).values_list(
            "pk", "name"
        )
    )
    units = sorted(
        (
            {
                "name": unit_names.get(int(uid), uid),
                "index": index_of(row["dist"], row["responses"]),
            }
            for uid, row in figures.get("units", {}).items()
        ),
        key=lambda u: str(u["name"]),
    )
    return {
        "overall": overall,
        "previous_overall": prev_overall,
        "change": delta(overall.share, prev_overall.share if prev_overall else None),
        "change_mean": delta(overall.mean, prev_overall.mean if prev_overall else None),
        "dimensions": dimensions,
        "questions": questions,
        "choices": choices,
        "free_text": free_text,
        "units": units,
        "by_day": figures.get("by_day", []),
    }


def pooled(figures_list) -> Index:
    """One index over several campaigns (a group, a department, a year)."""
    dist, responses = list(EMPTY), 0
    for figures in figures_list:
        dist = add(dist, figures.get("overall", EMPTY))
        responses += figures.get("responses", 0)
    return index_of(dist, responses)


# --- stored figures -------------------------------------------------------------------


def refresh_lock(campaign_id) -> str:
    """The cache key held while a refresh of the campaign's figures is queued or running
    (``surveys.services.request_results`` takes it, :func:`refresh_results` drops it)."""
    return f"surveys:refresh:{campaign_id}"


def refresh_results(*, campaign: Campaign) -> CampaignResult:
    """Compute the campaign's figures from its answers and store them."""
    started = timezone.now()
    try:
        figures = compute_figures(campaign)
    finally:
        cache.delete(refresh_lock(campaign.pk))
    took = int((timezone.now() - started).total_seconds() * 1000)
    result, _created = CampaignResult.objects.update_or_create(
        campaign=campaign,
        defaults={
            "figures": figures,
            "responses": figures["responses"],
            "computed_at": started,
            "took_ms": took,
        },
    )
    return result
