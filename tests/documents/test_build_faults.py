"""A build survives what goes wrong around it: a worker killed mid-build, a task run
twice or late, a build that stops moving, a secretariat that cancels it."""

import os
import signal
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from documents.models import ManualBuild
from documents.printing import manual, services
from documents.printing import tasks as printing_tasks
from ims.models import Organisation
from tests.conftest import wait_until
from tests.documents.factories import make_document, make_revision


def make_procedures(department, count: int, *, steps: int = 8) -> list:
    Organisation.objects.get_or_create(name="Sở Giáo dục và Đào tạo tỉnh Sơn La")
    revisions = []
    for n in range(1, count + 1):
        document = make_document(f"QT.{n:02d}-TCCB", department=department, title=f"Quy trình {n}")
        revisions.append(make_revision(document, state="effective", steps=steps))
    return revisions


def started_build(secretariat, kind=ManualBuild.Kind.MANUAL) -> tuple[ManualBuild, list[int]]:
    """A build requested and marked running, its tasks not run (no commit hook runs)."""
    build = services.request_build(kind=kind, actor=secretariat)
    return manual.start_build(build.pk)


# --- cancelling ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_secretariat_cancels_a_build_under_way_and_can_start_another_at_once(
    secretariat, client_for, django_capture_on_commit_callbacks
):
    stuck = ManualBuild.objects.create(requested_by=secretariat, state="running", done=3, total=7)
    client = client_for(secretariat)
    page = client.get(reverse("documents:builds")).content.decode()
    assert reverse("documents:build_cancel", args=[stuck.pk]) in page
    response = client.post(reverse("documents:build_cancel", args=[stuck.pk]), follow=True)
    assert "Đã hủy lần tạo" in response.content.decode()
    stuck.refresh_from_db()
    assert stuck.state == ManualBuild.State.CANCELLED and stuck.is_finished
    assert stuck.cancelled_by == secretariat and secretariat.get_full_name() in stuck.error
    assert stuck.finished_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:build_start"), {"kind": "manual"}, follow=True)
    assert "đang có một lần tạo" not in response.content.decode().lower()
    assert ManualBuild.objects.exclude(pk=stuck.pk).get().state == ManualBuild.State.DONE


@pytest.mark.django_db
def test_only_the_secretariat_may_cancel_a_build(secretariat, head, client_for):
    build = ManualBuild.objects.create(requested_by=secretariat, state="running")
    response = client_for(head).post(reverse("documents:build_cancel", args=[build.pk]))
    assert response.status_code == 403
    build.refresh_from_db()
    assert build.state == ManualBuild.State.RUNNING
    with pytest.raises(services.PermissionDenied):
        services.cancel_manual_build(build=build, actor=head)


@pytest.mark.django_db
def test_cancelling_a_finished_build_changes_nothing(secretariat, client_for):
    done = ManualBuild.objects.create(requested_by=secretariat, state="done", done=2, total=2)
    assert services.cancel_manual_build(build=done, actor=secretariat) is False
    assert done.state == ManualBuild.State.DONE and not done.error
    response = client_for(secretariat).post(
        reverse("documents:build_cancel", args=[done.pk]), follow=True
    )
    assert "đã kết thúc" in response.content.decode()
    assert reverse("documents:build_cancel", args=[done.pk]) not in response.content.decode()


@pytest.mark.django_db
def test_late_tasks_of_a_cancelled_build_do_nothing(department, secretariat, settings):
    revisions = make_procedures(department, 2)
    build, to_render = started_build(secretariat)
    assert to_render
    services.cancel_manual_build(build=build, actor=secretariat)
    printing_tasks.render_front_for_build(build.pk)
    printing_tasks.render_edition_for_build(build.pk, revisions[0].pk)
    printing_tasks.merge_manual(build.pk)
    printing_tasks.run_build(build.pk)
    build.refresh_from_db()
    assert build.state == ManualBuild.State.CANCELLED
    assert build.done == 0 and not build.file and build.page_count is None
    parts = os.path.join(settings.MEDIA_ROOT, manual.PARTS_DIR)
    assert not os.path.isdir(parts) or not os.listdir(parts)


# --- tasks run twice --------------------------------------------------------------------


@pytest.mark.django_db
def test_an_edition_rendered_twice_for_one_build_counts_once(department, secretariat):
    revisions = make_procedures(department, 3)
    build, to_render = started_build(secretariat)
    assert len(to_render) == 3 and build.done == 0
    printing_tasks.render_edition_for_build(build.pk, revisions[0].pk)
    printing_tasks.render_edition_for_build(build.pk, revisions[0].pk)  # given back, run again
    build.refresh_from_db()
    assert build.done == 1 and build.rendered == [revisions[0].pk]


@pytest.mark.django_db
def test_a_build_whose_start_ran_twice_resumes_with_what_is_left_and_finishes(
    department, secretariat
):
    revisions = make_procedures(department, 3)
    build, _to_render = started_build(secretariat)
    printing_tasks.render_edition_for_build(build.pk, revisions[1].pk)
    again, left = manual.start_build(build.pk)  # the start task handed out a second time
    assert again.pk == build.pk and sorted(left) == sorted([revisions[0].pk, revisions[2].pk])
    printing_tasks.run_build(build.pk)  # eager: renders what is left, then merges
    build.refresh_from_db()
    assert build.state == ManualBuild.State.DONE, build.error
    assert build.done == build.total == 3 and build.page_count


# --- a build that stops moving --------------------------------------------------------------


@pytest.mark.django_db
def test_a_build_without_progress_is_failed_with_the_reason_and_a_new_one_may_start(
    secretariat, client_for, settings
):
    settings.MANUAL_BUILD_STALL_SECONDS = 300
    long_ago = timezone.now() - timedelta(minutes=6)
    stuck = ManualBuild.objects.create(
        requested_by=secretariat, state="running", done=113, total=115
    )
    ManualBuild.objects.filter(pk=stuck.pk).update(last_progress_at=long_ago)
    page = client_for(secretariat).get(reverse("documents:builds")).content.decode()
    stuck.refresh_from_db()
    assert stuck.state == ManualBuild.State.FAILED
    assert "không có tiến triển trong 5 phút" in stuck.error
    assert stuck.error in page
    assert services.request_build(kind=ManualBuild.Kind.MANUAL, actor=secretariat).pk != stuck.pk


@pytest.mark.django_db
def test_a_build_still_moving_is_left_alone_however_long_ago_it_was_requested(
    secretariat, settings
):
    settings.MANUAL_BUILD_STALL_SECONDS = 300
    moving = ManualBuild.objects.create(requested_by=secretariat, state="running", total=115)
    ManualBuild.objects.filter(pk=moving.pk).update(
        requested_at=timezone.now() - timedelta(hours=2),
        last_progress_at=timezone.now() - timedelta(seconds=20),
    )
    assert manual.fail_stalled_builds() == []
    with pytest.raises(services.BuildRefused):
        services.request_build(kind=ManualBuild.Kind.MANUAL, actor=secretariat)


@pytest.mark.django_db
def test_beat_fails_stalled_builds_every_minute(secretariat):
    entry = settings.CELERY_BEAT_SCHEDULE["documents-stalled-builds"]
    assert entry["task"] == printing_tasks.fail_stalled_builds.name and entry["schedule"] == 60
    stuck = ManualBuild.objects.create(requested_by=secretariat, state="queued")
    ManualBuild.objects.filter(pk=stuck.pk).update(
        last_progress_at=timezone.now() - timedelta(hours=1)
    )
    assert printing_tasks.fail_stalled_builds.delay().get() == [stuck.pk]


def test_printing_tasks_keep_the_names_that_queued_tasks_and_beat_rows_use():
    """The tasks moved from ``documents.tasks_pdf`` to ``documents.printing.tasks``; a task
    already queued and a beat row stored in the database name them by the old path."""
    import documents.tasks  # noqa: F401  (what the worker's autodiscovery imports)
    from ims.celery import app

    for name in [
        "run_build",
        "render_edition_for_build",
        "render_front_for_build",
        "merge_manual",
        "fail_stalled_builds",
    ]:
        task = app.tasks[f"documents.tasks_pdf.{name}"]
        assert task.run.__module__ == "documents.printing.tasks"
    documents_beat = {k: e for k, e in settings.CELERY_BEAT_SCHEDULE.items() if "documents" in k}
    assert documents_beat
    for key, entry in documents_beat.items():
        assert entry["task"] in app.tasks, key


# --- a real worker, killed --------------------------------------------------------------------


def _wait_for_progress(build, at_least: int, timeout: float = 120):
    def moved():
        build.refresh_from_db()
        assert build.state != ManualBuild.State.FAILED, build.error
        return build.done >= at_least

    wait_until(moved, timeout=timeout, interval=0.05)


@pytest.mark.worker
def test_a_worker_killed_whole_mid_build_leaves_no_build_hanging_and_a_new_one_starts_at_once(
    department, secretariat, client_for, killable_worker, settings
):
    # The case: SIGKILL to the worker and its pool processes mid-build. The tasks
    # they held stay unacknowledged in Redis (handed out again only after an hour).
    settings.MANUAL_BUILD_STALL_SECONDS = 20
    make_procedures(department, 16, steps=40)
    killable_worker.start()
    client = client_for(secretariat)
    client.post(reverse("documents:build_start"), {"kind": "manual"})
    build = ManualBuild.objects.get()
    _wait_for_progress(build, at_least=2)
    killable_worker.kill()
    build.refresh_from_db()
    assert build.state == ManualBuild.State.RUNNING and build.done < build.total

    killable_worker.start()  # restarted, as `restart: unless-stopped` does

    def finished():
        client.get(reverse("documents:builds"))  # opening the page checks for a stall
        build.refresh_from_db()
        return build.is_finished

    wait_until(finished, timeout=180, interval=1)
    if build.state == ManualBuild.State.FAILED:
        assert "không có tiến triển" in build.error
    else:
        assert build.state == ManualBuild.State.DONE, build.error

    response = client.post(reverse("documents:build_start"), {"kind": "manual"}, follow=True)
    assert "đang có một lần tạo" not in response.content.decode().lower()
    again = ManualBuild.objects.exclude(pk=build.pk).get()
    wait_until(lambda: ManualBuild.objects.get(pk=again.pk).is_finished, timeout=180, interval=1)
    again.refresh_from_db()
    assert again.state == ManualBuild.State.DONE, again.error
    assert again.done == again.total == 16


@pytest.mark.worker
def test_a_pool_process_killed_mid_render_gives_its_task_back_and_the_build_finishes(
    department, secretariat, client_for, killable_worker
):
    # An out-of-memory kill takes the process that renders, not the worker: its task goes
    # back to the queue (task_reject_on_worker_lost) and runs again.
    make_procedures(department, 12, steps=40)
    killable_worker.start()
    client = client_for(secretariat)
    client.post(reverse("documents:build_start"), {"kind": "manual"})
    build = ManualBuild.objects.get()
    _wait_for_progress(build, at_least=1)
    os.kill(killable_worker.pool_processes()[0], signal.SIGKILL)
    wait_until(lambda: ManualBuild.objects.get(pk=build.pk).is_finished, timeout=180, interval=1)
    build.refresh_from_db()
    assert build.state == ManualBuild.State.DONE, build.error
    assert build.done == build.total == 12


# --- in the browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 800}, {"width": 390, "height": 844}], ids=str
)
def test_secretariat_cancels_a_stuck_build_from_the_builds_page(
    page_for, live_server, secretariat, viewport
):
    stuck = ManualBuild.objects.create(
        requested_by=secretariat, state="running", done=113, total=115
    )
    page = page_for(secretariat, viewport=viewport)
    page.goto(f"{live_server.url}{reverse('documents:builds')}")
    row = page.locator("#builds tbody tr").first
    assert "113" in row.inner_text() and "115" in row.inner_text()
    cancel = row.get_by_role("button", name="Hủy lần tạo")
    box = cancel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]  # reachable on a phone
    assert box["height"] >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=f"var/screens/builds-running-{viewport['width']}.png", full_page=True)
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.dismiss() if len(questions) == 1 else dialog.accept()

    page.on("dialog", answer)
    cancel.click()  # the first time, the secretariat thinks better of it
    assert questions and "Hủy lần tạo này?" in questions[0]
    stuck.refresh_from_db()
    assert stuck.state == ManualBuild.State.RUNNING
    cancel.click()
    page.wait_for_url(f"**{reverse('documents:builds')}")
    page.get_by_text("Đã hủy lần tạo. Có thể bắt đầu một lần tạo mới.").wait_for()
    row = page.locator("#builds tbody tr").first
    assert "Đã hủy" in row.inner_text() and secretariat.get_full_name() in row.inner_text()
    assert row.get_by_role("button", name="Hủy lần tạo").count() == 0
    stuck.refresh_from_db()
    assert stuck.state == ManualBuild.State.CANCELLED
    page.screenshot(path=f"var/screens/builds-cancelled-{viewport['width']}.png", full_page=True)
