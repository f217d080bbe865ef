"""Requesting and cancelling a build of the manual or of a report: the writes a
person makes. The build itself runs in ``documents.printing.tasks``, which call the
steps in ``documents.printing.manual``; imports go one way, services → tasks → manual."""

import logging
import threading

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents.models import ManualBuild
from documents.permissions import may_cancel_builds
from documents.printing import tasks
from documents.printing.manual import discard_parts, fail_build, fail_stalled_builds
from ims.models import SchoolYear

log = logging.getLogger(__name__)


class BuildRefused(Exception):
    """A build cannot start now; the message says why."""


def cancel_manual_build(*, build: ManualBuild, actor) -> bool:
    """Cancel a build under way; False when it finished meanwhile.

    Its tasks still queued or running find it cancelled and do nothing, and it no
    longer blocks a new build. Raises ``PermissionDenied`` for anyone but the
    secretariat.
    """
    if not may_cancel_builds(actor):
        raise PermissionDenied
    name = actor.get_full_name() or actor.get_username()
    with translation.override(settings.LANGUAGE_CODE):  # a record, like the other reasons
        reason = _("Cancelled by %(name)s.") % {"name": name}
    cancelled = bool(
        ManualBuild.objects.filter(pk=build.pk, state__in=ManualBuild.UNDER_WAY).update(
            state=ManualBuild.State.CANCELLED,
            error=reason,
            cancelled_by=actor,
            finished_at=timezone.now(),
        )
    )
    if cancelled:
        discard_parts(build.pk)
        log.info("manual build %s cancelled by %s", build.pk, actor.pk)
    build.refresh_from_db()
    return cancelled


def request_build(*, kind: str, actor) -> ManualBuild:
    """Record a build and enqueue it once the row is committed.

    Refuses while another build of the same kind is under way (unless it stalled:
    that one is failed first).
    """
    fail_stalled_builds()
    with transaction.atomic():
        under_way = ManualBuild.objects.select_for_update().filter(
            kind=kind, state__in=ManualBuild.UNDER_WAY
        )
        build = under_way.first()
        if build is not None:
            raise BuildRefused(
                _("A build of this kind (%(kind)s) is already under way, requested at %(when)s.")
                % {
                    "kind": build.get_kind_display(),
                    "when": timezone.localtime(build.requested_at).strftime("%H:%M"),
                }
            )
        build = ManualBuild.objects.create(
            kind=kind,
            requested_by=actor,
            school_year=SchoolYear.objects.current(),
            last_progress_at=timezone.now(),
        )
        transaction.on_commit(lambda: _enqueue(build.pk))
    return build


def _enqueue(build_id: int) -> None:
    """Hand the build to the worker; without one (no Redis), to a thread of this
    process, so that the page answers at once and shows the progress meanwhile."""
    if current_app.conf.task_always_eager and settings.MANUAL_BUILD_IN_THREAD:
        name = f"manual-build-{build_id}"
        threading.Thread(target=_run_here, args=(build_id,), name=name, daemon=True).start()
    else:
        tasks.run_build.delay(build_id)


def _run_here(build_id: int) -> None:
    try:
        tasks.run_build.delay(build_id)  # tasks run eagerly: here, in this thread
    except Exception as error:
        log.exception("manual build %s failed", build_id)
        fail_build(build_id, _("The build stopped: %(reason)s") % {"reason": error})
    finally:
        connections.close_all()  # this thread's connections only
