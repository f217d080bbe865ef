"""Pages fetch related rows up front: the number of queries does not grow with
the number of editions, steps, sign-offs or acknowledgements."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import Acknowledgement, Revision
from tests.documents.factories import make_document, make_revision
from tests.factories import make_user

pytestmark = pytest.mark.django_db
State = Revision.State


def _document_with(editions: int, department, signer, readers: int):
    document = make_document(department=department)
    for _ in range(editions - 1):
        make_revision(document, state=State.SUPERSEDED, steps=8, signed_by=signer)
    current = make_revision(document, state=State.EFFECTIVE, steps=8, signed_by=signer)
    for _i in range(readers):
        reader = make_user(roles=("staff",), department=department)
        Acknowledgement.objects.create(
            revision=current, user=reader, acknowledged_at=current.created_at
        )
    return document


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["detail", "revision", "history", "compare"])
def test_page_queries_do_not_grow_with_the_document(page, client_for, head, leadership, department):
    client = client_for(head)
    small = _document_with(2, department, leadership, readers=1)
    large = _document_with(5, department, leadership, readers=5)

    def url(document):
        current = document.revisions.get(state=State.EFFECTIVE)
        return {
            "detail": reverse("documents:detail", args=[document.code]),
            "revision": reverse("documents:revision", args=[document.code, current.number]),
            "history": reverse("documents:history", args=[document.code, current.number]),
            "compare": reverse("documents:compare", args=[document.code]),
        }[page]

    _count(client, url(small))  # warm the caches (content types, session)
    assert _count(client, url(large)) <= _count(client, url(small))
