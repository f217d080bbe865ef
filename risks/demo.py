"""Demo register of risks and opportunities for the demo Sở GDĐT: about 25 rows over
the departments (admissions, the upper-secondary graduation exam, administrative
procedures, learners' data, finance, school buildings…), some treated with actions
linked to the demo's plan actions and corrective actions, a few reviewed, one residual
risk accepted by its owner, one review overdue. Idempotent: rows are keyed by number."""

from datetime import datetime, time, timedelta
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from audits.models import CorrectiveAction
from documents.history import acting_as
from ims.models import Department
from objectives.models import PlanAction
from risks.models import ResidualAcceptance, Risk, RiskAction, RiskReview, RiskScale
from risks.services import acceptance_meaning

DATA = Path(__file__).with_name("demo_risks.yaml")
User = get_user_model()


def _link_target(kind: str, department: Department):
    if kind == "ca":
        return CorrectiveAction.objects.filter(department=department).order_by("number").first()
    if kind == "plan":
        return (
            PlanAction.objects.filter(objective__department=department)
            .order_by("-objective__school_year__start_date", "due_on", "pk")
            .first()
        )
    return None


def load(stdout=None) -> None:
    today = timezone.localdate()
    specs = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    secretariat = User.objects.filter(username="secretariat").first()
    serial: dict[str, int] = {}
    links = reviews = 0
    with acting_as(secretariat), translation.override("vi"):
        if not RiskScale.objects.exists():
            RiskScale.objects.create()  # the default words and bands, on record
        for spec in specs:
            department = Department.objects.get(code=spec["dept"])
            serial[department.code] = serial.get(department.code, 0) + 1
            number = f"RR-{department.code}-{serial[department.code]:03d}"
            who = spec.get("owner", "head")
            owner = department.head if who == "head" else User.objects.get(username=who)
            reviewed = spec.get("reviewed", [])
            risk, _ = Risk.objects.update_or_create(
                number=number,
                defaults={
                    "department": department,
                    "process": spec["process"],
                    "kind": spec["kind"],
                    "description": spec["description"],
                    "cause": spec.get("cause", ""),
                    "consequence": spec.get("consequence", ""),
                    "likelihood": spec["l"],
                    "impact": spec["i"],
                    "owner": owner,
                    "treatment": spec["treatment"],
                    "treatment_plan": spec.get("plan", ""),
                    "residual_likelihood": spec.get("rl"),
                    "residual_impact": spec.get("ri"),
                    "identified_on": today - timedelta(days=max([*reviewed, 30]) + 30),
                    "review_due": today + timedelta(days=spec["review"]),
                    "created_by": secretariat,
                },
            )
            for days in reviewed:
                on = today - timedelta(days=days)
                RiskReview.objects.get_or_create(
                    risk=risk,
                    reviewed_on=on,
                    defaults={
                        "reviewed_by": owner,
                        "likelihood": spec["l"],
                        "impact": spec["i"],
                        "residual_likelihood": spec.get("rl"),
                        "residual_impact": spec.get("ri"),
                        "note": "Rà soát định kỳ: biện pháp xử lý đang được thực hiện, "
                        "chưa phát sinh sự cố.",
                        "next_review": on + timedelta(days=days + spec["review"]),
                    },
                )
                reviews += 1
            target = _link_target(spec.get("link", ""), department)
            if target is not None:
                field = "corrective_action" if spec["link"] == "ca" else "plan_action"
                RiskAction.objects.get_or_create(
                    risk=risk,
                    **{field: target},
                    defaults={
                        "kind": field,
                        "added_by": department.head,
                        "note": "Hành động xử lý rủi ro",
                    },
                )
                links += 1
            if spec.get("accepted") and not risk.acceptances.exists():
                ResidualAcceptance.objects.create(
                    risk=risk,
                    signed_by=owner,
                    signed_at=timezone.make_aware(
                        datetime.combine(today - timedelta(days=7), time(9, 30))
                    ),
                    residual_likelihood=risk.residual_likelihood,
                    residual_impact=risk.residual_impact,
                    meaning=acceptance_meaning(risk),
                    auth_method="password",
                )
    if stdout:
        stdout.write(
            f"  risks: {Risk.objects.count()} risks and opportunities, {links} linked actions, "
            f"{reviews} reviews"
        )
