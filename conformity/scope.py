"""The scope of the quality management system: the procedures in force, and how they
differ from the scope of the last announcement issued."""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Max, Min, Q
from django.utils import timezone

from conformity.models import Announcement
from documents.models import Document, Revision, SignOff


def current_scope() -> list[dict]:
    """The procedures in force, as an announcement's appendix lists them."""
    procedures = (
        Document.objects.effective()
        .filter(kind=Document.Kind.PROCEDURE)
        .select_related("department")
        .order_by("department__code", "code")
    )
    return [
        {
            "code": d.code,
            "title": d.title,
            "department": d.department.name,
            "tthc_code": d.tthc_code,
            "tthc_time_limit": d.tthc_time_limit,
        }
        for d in procedures
    ]


@dataclass
class ScopeChanges:
    """How the procedures in force differ from an issued announcement's scope."""

    since: Announcement | None
    added: list[dict] = field(default_factory=list)  # with "since": first effective date
    withdrawn: list[dict] = field(default_factory=list)  # with "since": date withdrawn
    changed: list[dict] = field(default_factory=list)  # title or administrative code changed

    def __bool__(self) -> bool:
        return bool(self.added or self.withdrawn or self.changed)

    @property
    def key(self) -> str:
        """The same changes give the same key (a reminder is sent once per key)."""
        parts = sorted(
            [f"+{r['code']}" for r in self.added]
            + [f"-{r['code']}" for r in self.withdrawn]
            + [f"~{r['code']}:{r['tthc_code']}:{r['title']}" for r in self.changed]
        )
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def scope_changes(since: Announcement | None = None, *, scope: list[dict] | None = None):
    """What changed in the scope since ``since`` (by default the last announcement
    issued); ``None`` when none was ever issued. Four queries whatever the size."""
    since = since if since is not None else Announcement.objects.latest_issued()
    if since is None:
        return None
    now = {row["code"]: row for row in (scope if scope is not None else current_scope())}
    then = {row["code"]: row for row in since.scope}
    changes = ScopeChanges(since=since)
    added = sorted(set(now) - set(then))
    if added:
        first = dict(
            Document.objects.filter(code__in=added)
            .annotate(
                first=Min(
                    "revisions__effective_date",
                    filter=Q(
                        revisions__state__in=[Revision.State.EFFECTIVE, Revision.State.SUPERSEDED]
                    ),
                )
            )
            .values_list("code", "first")
        )
        changes.added = [{**now[c], "since": first.get(c)} for c in added]
    withdrawn = sorted(set(then) - set(now))
    if withdrawn:
        when = dict(
            SignOff.objects.filter(
                step=SignOff.Step.WITHDRAWN, revision__document__code__in=withdrawn
            )
            .values("revision__document__code")
            .annotate(last=Max("signed_at"))
            .values_list("revision__document__code", "last")
        )
        changes.withdrawn = [
            {**then[c], "since": timezone.localdate(when[c]) if when.get(c) else None}
            for c in withdrawn
        ]
    for code in sorted(set(now) & set(then)):
        old, new = then[code], now[code]
        if (old["title"], old.get("tthc_code", "")) != (new["title"], new["tthc_code"]):
            changes.changed.append(
                {**new, "was_title": old["title"], "was_tthc": old.get("tthc_code", "")}
            )
    return changes
