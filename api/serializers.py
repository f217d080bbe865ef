"""What the API shows of each record. Read-only but for the three write inputs at the
end; the rules of every write live in the apps' services, never here."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from audits.models import Audit, CorrectiveAction
from documents.models import ChangeRequest, Document, Revision, SignOff
from objectives.models import Indicator, Measurement, Objective
from surveys.models import Campaign


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class PersonField(serializers.Field):
    """A person, by the name shown on the pages."""

    def to_representation(self, value):
        return person_name(value)


PersonField = extend_schema_field(serializers.CharField())(PersonField)


# --- documents ------------------------------------------------------------------


class RegisterRowSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.code")
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    review_flag = serializers.SerializerMethodField()
    current_edition = serializers.IntegerField(source="current.number", allow_null=True)
    effective_date = serializers.DateField(source="current.effective_date", allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "code",
            "title",
            "kind",
            "kind_label",
            "department",
            "current_edition",
            "effective_date",
            "status",
            "status_label",
            "next_review_on",
            "review_flag",
            "is_obsolete",
            "url",
        ]

    def get_status(self, document) -> str:
        return self.context["status"][document.pk][0]

    def get_status_label(self, document) -> str:
        return self.context["status"][document.pk][1]

    def get_review_flag(self, document) -> str:
        return self.context["review_flags"][document.pk]

    def get_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:document", args=[document.code])
        )


class SignOffSerializer(serializers.ModelSerializer):
    meaning = serializers.CharField(source="step")
    meaning_label = serializers.CharField(source="get_step_display")

    class Meta:
        model = SignOff
        fields = ["meaning", "meaning_label", "name", "position", "signed_at", "auth_method"]


class EditionSummarySerializer(serializers.ModelSerializer):
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Revision
        fields = ["number", "state", "state_label", "effective_date", "change_summary", "url"]

    def get_url(self, revision) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:edition", args=[revision.document.code, revision.number])
        )


class DocumentSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.code")
    kind_label = serializers.CharField(source="get_kind_display")
    current_edition = serializers.IntegerField(source="current.number", allow_null=True)
    editions = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "code",
            "title",
            "kind",
            "kind_label",
            "department",
            "tthc_code",
            "tthc_time_limit",
            "current_edition",
            "next_review_on",
            "is_obsolete",
            "editions",
            "page",
        ]

    @extend_schema_field(EditionSummarySerializer(many=True))
    def get_editions(self, document):
        return EditionSummarySerializer(
            self.context["editions"], many=True, context=self.context
        ).data

    def get_page(self, document) -> str:
        return self.context["request"].build_absolute_uri(document.get_absolute_url())


class StepSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    phase = serializers.CharField()
    name = serializers.CharField()
    responsible = serializers.CharField()
    action = serializers.CharField()
    time_limit = serializers.CharField()
    record = serializers.CharField()


class RecordKeptSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    name = serializers.CharField()
    keeper = serializers.CharField()
    place = serializers.CharField()
    retention = serializers.CharField()
    medium = serializers.CharField()


class EditionSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="document.code")
    title = serializers.CharField(source="document.title")
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    steps = StepSerializer(many=True)
    records = RecordKeptSerializer(many=True)
    signoffs = SignOffSerializer(many=True)
    pdf = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Revision
        fields = [
            "document",
            "title",
            "number",
            "state",
            "state_label",
            "effective_date",
            "change_summary",
            "purpose",
            "scope",
            "references",
            "terms",
            "body",
            "steps",
            "records",
            "signoffs",
            "pdf",
            "page",
        ]

    def get_pdf(self, revision) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("documents:edition_pdf", args=[revision.document.code, revision.number])
        )

    def get_page(self, revision) -> str:
        return self.context["request"].build_absolute_uri(revision.get_absolute_url())


class ChangeRequestSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="document.code")
    proposed_by = PersonField()
    decided_by = PersonField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "document",
            "reason",
            "state",
            "state_label",
            "proposed_by",
            "created_at",
            "decided_by",
            "decided_at",
            "decision_note",
        ]


class AcknowledgementSerializer(serializers.Serializer):
    document = serializers.CharField()
    edition = serializers.IntegerField()
    acknowledged_at = serializers.DateTimeField()


# --- objectives -----------------------------------------------------------------


class MeasurementSerializer(serializers.ModelSerializer):
    entered_by = PersonField()

    class Meta:
        model = Measurement
        fields = [
            "id",
            "period_start",
            "period_end",
            "value",
            "comment",
            "entered_by",
            "entered_at",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    objective = serializers.IntegerField(source="objective_id")
    owner = PersonField()
    direction_label = serializers.CharField(source="get_direction_display")
    frequency_label = serializers.CharField(source="get_frequency_display")
    is_computed = serializers.BooleanField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "objective",
            "name",
            "unit",
            "direction",
            "direction_label",
            "target",
            "target_low",
            "target_high",
            "baseline",
            "frequency",
            "frequency_label",
            "owner",
            "is_computed",
        ]


class IndicatorDetailSerializer(IndicatorSerializer):
    measurements = MeasurementSerializer(many=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "measurements"]


class ObjectiveSerializer(serializers.ModelSerializer):
    school_year = serializers.CharField(source="school_year.name")
    level_label = serializers.CharField(source="get_level_display")
    department = serializers.CharField(source="department.code", allow_null=True)
    owner = PersonField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)

    class Meta:
        model = Objective
        fields = [
            "id",
            "code",
            "school_year",
            "level",
            "level_label",
            "department",
            "parent",
            "statement",
            "owner",
        ]


class ObjectiveDetailSerializer(ObjectiveSerializer):
    indicators = IndicatorSerializer(many=True)

    class Meta(ObjectiveSerializer.Meta):
        fields = [*ObjectiveSerializer.Meta.fields, "indicators"]


# --- audits ---------------------------------------------------------------------


class AuditSerializer(serializers.ModelSerializer):
    round = serializers.CharField(source="round.get_kind_display")
    school_year = serializers.CharField(source="round.programme.school_year.name")
    department = serializers.CharField(source="department.code", allow_null=True)
    lead_auditor = PersonField()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Audit
        fields = [
            "id",
            "school_year",
            "round",
            "department",
            "process",
            "scope",
            "date",
            "place",
            "lead_auditor",
            "status",
            "status_label",
            "summary",
        ]


class CorrectiveActionSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.code", allow_null=True)
    owner = PersonField()
    source_label = serializers.CharField(source="get_source_display")
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    audit = serializers.IntegerField(source="finding.audit_id", allow_null=True, default=None)

    class Meta:
        model = CorrectiveAction
        fields = [
            "id",
            "number",
            "source",
            "source_label",
            "audit",
            "department",
            "nonconformity",
            "raised_on",
            "owner",
            "due_date",
            "correction",
            "root_cause",
            "action_plan",
            "implemented_on",
            "verification_due",
            "verified_on",
            "verification_note",
            "closed_on",
            "state",
            "state_label",
        ]


# --- surveys --------------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    survey = serializers.CharField(source="survey.title")
    school_year = serializers.CharField(source="school_year.name", allow_null=True)
    department = serializers.CharField(source="department.code", allow_null=True, default=None)

    class Meta:
        model = Campaign
        fields = ["id", "title", "survey", "school_year", "department", "opens_on", "closes_on"]


class IndexSerializer(serializers.Serializer):
    responses = serializers.IntegerField(source="n")
    mean = serializers.FloatField(allow_null=True)
    satisfied_share = serializers.FloatField(source="share", allow_null=True)
    too_few = serializers.BooleanField()


class DimensionResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    index = IndexSerializer()
    previous = IndexSerializer(allow_null=True)
    change = serializers.FloatField(allow_null=True)


class QuestionResultSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    dimension = serializers.CharField()
    index = IndexSerializer()
    distribution = serializers.ListField(child=serializers.IntegerField(), source="dist")
    change = serializers.FloatField(allow_null=True)


class CampaignResultSerializer(serializers.Serializer):
    campaign = CampaignSerializer()
    computed_at = serializers.DateTimeField(allow_null=True)
    overall = IndexSerializer()
    previous_overall = IndexSerializer(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    dimensions = DimensionResultSerializer(many=True)
    questions = QuestionResultSerializer(many=True)


# --- write inputs ----------------------------------------------------------------


class MeasurementInput(serializers.Serializer):
    period_start = serializers.DateField(
        help_text=_("First day of one of the indicator's periods.")
    )
    value = serializers.DecimalField(max_digits=12, decimal_places=2)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ChangeRequestInput(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)
