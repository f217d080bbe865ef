"""Input 9.3.2 e) of the management review: how effective the actions taken to address
risks and opportunities were — the rows treated in the period, their rating before and
after treatment, and the actions with their status. Frozen into the review record when
the review is prepared (``audits/review/services.py``)."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from risks.models import Band, Risk, RiskScale


def treatment_effectiveness_input(start: date, end: date) -> dict:
    scale = RiskScale.current()
    labels = dict(Band.choices)
    treated = (
        Risk.objects.exclude(treatment=Risk.Treatment.ACCEPT)
        .filter(
            Q(reviews__reviewed_on__range=(start, end))
            | Q(actions__added_at__date__range=(start, end))
            | Q(identified_on__range=(start, end))
        )
        .distinct()
        .select_related("department")
        .prefetch_related(
            "actions__plan_action__objective",
            "actions__corrective_action",
            "actions__change_request__document",
        )
        .order_by("department__order", "number")
    )

    def rating(score):
        band = scale.band_of(score)
        return f"{score} ({labels[band]})" if score else "—"

    rows, lowered, actions, finished = [], 0, 0, 0
    for risk in treated:
        states = []
        for link in risk.actions.all():
            state, done = link.status(end)
            states.append(f"{link.label()[:60]} — {state}")
            actions += 1
            finished += done
        if risk.residual_score is not None and risk.residual_score < risk.score:
            lowered += 1
        rows.append(
            [
                risk.number,
                risk.department.code,
                risk.get_kind_display(),
                risk.description[:120],
                risk.get_treatment_display(),
                rating(risk.score),
                rating(risk.residual_score),
                "; ".join(states) or "—",
            ]
        )
    return {
        "summary": _(
            "%(total)d risks and opportunities treated in the period; %(lowered)d rated lower "
            "after treatment; %(finished)d of %(actions)d linked actions finished."
        )
        % {"total": len(rows), "lowered": lowered, "finished": finished, "actions": actions},
        "columns": [
            _("Number"),
            _("Department"),
            _("Kind"),
            _("Description"),
            _("Treatment"),
            _("Rating before"),
            _("Rating after"),
            _("Actions and their status"),
        ],
        "rows": rows,
    }
