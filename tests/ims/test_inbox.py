"""The inbox, "Việc của tôi": every app's items on the home page, in order, each
source with a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.home import work_items
from documents.models import Revision
from ims.registry import FYI, NORMAL, URGENT, InboxItem, inbox_items
from tests.documents.factories import make_document, make_effective_document, make_revision

State = Revision.State
TODAY = date(2026, 3, 10)


def test_overdue_first_then_the_most_urgent_the_soonest_due_the_newest():
    def item(name, **extra):
        return InboxItem(kind="x", label=name, action="do", url=f"/{name}", **extra)

    items = [
        item("fyi", urgency=FYI),
        item("later", urgency=NORMAL, due=TODAY + timedelta(days=9)),
        item("soon", urgency=NORMAL, due=TODAY + timedelta(days=1)),
        item("overdue", urgency=FYI, due=TODAY - timedelta(days=1)),
        item("urgent", urgency=URGENT),
    ]
    ordered = sorted(items, key=lambda i: i.sort_key(TODAY))
    assert [i.label for i in ordered] == ["overdue", "urgent", "soon", "later", "fyi"]


@pytest.mark.django_db
def test_the_home_page_is_titled_my_work_and_lists_each_apps_items(client_for, head, department):
    to_review = make_revision(make_document(department=department), state=State.IN_REVIEW)
    page = client_for(head).get(reverse("home")).content.decode()
    assert "Việc của tôi" in page
    assert "Cần kiểm tra" in page or "cần kiểm tra" in page
    assert f'href="{to_review.get_absolute_url()}"' in page


@pytest.mark.django_db
def test_nothing_waiting_says_so(client_for, outsider):
    page = client_for(outsider).get(reverse("home")).content.decode()
    assert "Việc của tôi" in page
    assert "Không có việc nào đang chờ bạn" in page or "Nothing is waiting" in page


@pytest.mark.django_db
def test_the_documents_source_takes_the_same_queries_for_one_or_many_items(
    staff, head, department, django_assert_max_num_queries
):
    def grow(n):
        for _ in range(n):
            make_revision(make_document(department=department), state=State.IN_REVIEW)
            reviewed = make_revision(make_document(department=department), state=State.IN_REVIEW)
            services.review(revision=reviewed, actor=head)
            make_revision(make_document(department=department), state=State.DRAFT)
            make_effective_document(department=department)

    today = timezone.localdate()
    grow(1)
    with django_assert_max_num_queries(40) as few:
        first = inbox_items(head, today)
    grow(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        many = inbox_items(head, today)
    assert len(many) > len(first) >= 2
    assert len(work_items(head, today)) == len([i for i in many if i.kind.startswith("documents")])


@pytest.mark.django_db
def test_the_menu_counts_the_inbox_items_of_each_entry(client_for, head, department):
    for _ in range(3):
        make_revision(make_document(department=department), state=State.IN_REVIEW)
    expected = len(work_items(head, timezone.localdate()))
    assert expected >= 3
    client = client_for(head)
    counts = client.get(reverse("inbox_counts")).json()
    assert counts == {reverse("documents:register"): expected}
    # the home page computed the inbox: the menu shows the counts at once
    home = client.get(reverse("home")).content.decode()
    assert f'<span class="nav-count">({expected})</span>' in home
    # another page stays as cheap as before and lets the menu fetch them
    register = client.get(reverse("documents:register")).content.decode()
    assert f'data-counts-url="{reverse("inbox_counts")}"' in register
    assert "nav-count" not in register


@pytest.mark.django_db
def test_nobody_waiting_has_no_counts(client_for, outsider):
    assert client_for(outsider).get(reverse("inbox_counts")).json() == {}


@pytest.mark.django_db
def test_an_edition_approved_for_a_later_date_is_news_for_the_secretariat_not_a_task(
    secretariat, department
):
    due = make_revision(
        make_document(department=department), state=State.APPROVED, effective_date=TODAY
    )
    later = make_revision(
        make_document(department=department),
        state=State.APPROVED,
        effective_date=TODAY + timedelta(days=14),
    )
    items = {i.url: i for i in work_items(secretariat, TODAY)}
    assert items[due.get_absolute_url()].kind == "documents.publish"
    assert items[due.get_absolute_url()].urgency == URGENT
    scheduled = items[later.get_absolute_url()]
    assert scheduled.kind == "documents.publish_scheduled" and scheduled.urgency == FYI
    assert "24/03/2026" in scheduled.action  # publishing is refused before that day
