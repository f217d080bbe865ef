"""Competence as an input to the management review (9.3.2 d, adequacy of resources):
the trainings of the period, held or still planned, with their effectiveness, and
how many people have a gap to their position's requirements."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from competence import gap
from competence.models import Training


def collect(start: date, end: date) -> dict:
    trainings = list(
        Training.objects.filter(date__range=(start, end))
        .annotate(
            invited=Count("records"),
            attended=Count("records", filter=Q(records__attended=True)),
        )
        .order_by("date", "pk")
    )
    held = [t for t in trainings if t.attended]
    people = (
        get_user_model()
        .objects.filter(is_active=True, profile__position__isnull=False)
        .select_related("profile")
    )
    gaps = gap.gaps_for(people, end)
    with_gap = sum(1 for g in gaps if g.has_gap)

    def effective(t):
        if t.effective is None:
            return _("not evaluated yet")
        return _("effective") if t.effective else _("not effective")

    return {
        "summary": _(
            "%(held)d of %(planned)d trainings planned in the period were held; "
            "%(gap)d of %(people)d people have a gap to their position's requirements."
        )
        % {
            "held": len(held),
            "planned": len(trainings),
            "gap": with_gap,
            "people": len(gaps),
        },
        "columns": [_("Date"), _("Training"), _("Attended"), _("Effectiveness")],
        "rows": [
            [
                t.date.strftime("%d/%m/%Y"),
                t.title,
                f"{t.attended}/{t.invited}",
                effective(t),
            ]
            for t in trainings
        ],
    }
