"""Background tasks of the manual and reports: ids in, re-fetch, one call each.

``run_build`` fans a manual out as a chord: the cover, statements and master
list (``render_front_for_build``) and one ``render_edition_for_build`` per
document whose cached PDF is missing or stale, spread over the worker
processes, then ``merge_manual`` once all are done (contents and merge).
Without Redis the same chord runs in-process, one task after the other.

Each task may run twice (given back to the queue when its worker dies) or after
its build failed or was cancelled: the steps in ``documents.printing.manual`` check the
build's state and count each edition once. ``fail_stalled_builds`` (beat) fails
the builds whose tasks were lost.

Each task keeps the name it had as ``documents.tasks_pdf.*`` (``name=``), so the
tasks already queued and the beat entry still resolve after the move.
"""

from celery import chord, shared_task

from documents.models import ManualBuild
from documents.printing import manual


@shared_task(name="documents.tasks_pdf.run_build", ignore_result=True)
def run_build(build_id: int) -> None:
    build, to_render = manual.start_build(build_id)
    if build is None:
        return
    if build.kind != ManualBuild.Kind.MANUAL:
        manual.build_report(build_id)
    elif not to_render:
        manual.finish_manual(build_id)  # every edition's PDF is cached already
    else:
        header = [render_front_for_build.si(build_id)]
        header += [render_edition_for_build.si(build_id, pk) for pk in to_render]
        chord(header)(merge_manual.si(build_id))


@shared_task(name="documents.tasks_pdf.render_edition_for_build")
def render_edition_for_build(build_id: int, revision_id: int) -> int:
    manual.render_for_build(build_id, revision_id)
    return revision_id


@shared_task(name="documents.tasks_pdf.render_front_for_build")
def render_front_for_build(build_id: int) -> int:
    manual.render_front_for_build(build_id)
    return build_id


@shared_task(name="documents.tasks_pdf.merge_manual", ignore_result=True)
def merge_manual(build_id: int) -> None:
    manual.finish_manual(build_id)


@shared_task(name="documents.tasks_pdf.fail_stalled_builds", ignore_result=True)
def fail_stalled_builds() -> list[int]:
    return manual.fail_stalled_builds()
