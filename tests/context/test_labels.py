"""The kinds, origins and factors shown in the registers read as Django's own
get_*_display would read them, in each language, though each looks up only its own
label (the registers show hundreds of them)."""

import pytest
from django.utils import translation

from context.models import (
    Effect,
    Issue,
    LinkTarget,
    NeedLink,
    Origin,
    Party,
    PartyKind,
    Pestle,
    Swot,
)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_label_reads_as_its_choice_in_the_language_in_use(language):
    with translation.override(language):
        for kind in PartyKind:
            assert Party(kind=kind).get_kind_display() == str(kind.label)
        for target in LinkTarget:
            assert NeedLink(target=target).get_target_display() == str(target.label)
        for pestle in Pestle:
            assert Issue(pestle=pestle).get_pestle_display() == str(pestle.label)
        for origin in Origin:
            for effect in Effect:
                issue = Issue(origin=origin, effect=effect)
                assert issue.get_origin_display() == str(origin.label)
                assert issue.get_effect_display() == str(effect.label)
                assert issue.get_swot_display() in {str(s.label) for s in Swot}


def test_the_labels_are_translated_when_read_not_when_the_row_is_loaded():
    party, link = Party(kind=PartyKind.SPECIAL_NEEDS), NeedLink(target=LinkTarget.DOCUMENT)
    with translation.override("vi"):
        assert party.get_kind_display() == "Người học có nhu cầu đặc biệt"
        assert link.get_target_display() == "Tài liệu"
    with translation.override("en"):
        assert party.get_kind_display() == "Learners with special needs"
        assert link.get_target_display() == "Document"
