"""The clauses of ISO 9001:2015 and ISO 21001:2018 that documents, objectives and
audit checklists refer to: number, English title and the Vietnamese title of the
national adoptions (TCVN ISO 9001:2015, TCVN ISO 21001:2018).

Loaded into :class:`ims.models.Clause` by a data migration; kept here so the
list is readable and a new edition of a standard is a reviewed change of one file.
"""

ISO_9001 = "iso9001"
ISO_21001 = "iso21001"

_COMMON = [
    ("4", "Context of the organization", "Bối cảnh của tổ chức"),
    (
        "4.1",
        "Understanding the organization and its context",
        "Hiểu tổ chức và bối cảnh của tổ chức",
    ),
    (
        "4.2",
        "Understanding the needs and expectations of interested parties",
        "Hiểu nhu cầu và mong đợi của các bên quan tâm",
    ),
]

CLAUSES_9001 = [
    *_COMMON,
    (
        "4.3",
        "Determining the scope of the quality management system",
        "Xác định phạm vi của hệ thống quản lý chất lượng",
    ),
    (
        "4.4",
        "Quality management system and its processes",
        "Hệ thống quản lý chất lượng và các quá trình của hệ thống",
    ),
    ("5", "Leadership", "Sự lãnh đạo"),
    ("5.1", "Leadership and commitment", "Sự lãnh đạo và cam kết"),
    ("5.1.1", "General", "Khái quát"),
    ("5.1.2", "Customer focus", "Hướng vào khách hàng"),
    ("5.2", "Policy", "Chính sách"),
    ("5.2.1", "Establishing the quality policy", "Thiết lập chính sách chất lượng"),
    ("5.2.2", "Communicating the quality policy", "Truyền đạt chính sách chất lượng"),
    (
        "5.3",
        "Organizational roles, responsibilities and authorities",
        "Vai trò, trách nhiệm và quyền hạn trong tổ chức",
    ),
    ("6", "Planning", "Hoạch định"),
    ("6.1", "Actions to address risks and opportunities", "Hành động giải quyết rủi ro và cơ hội"),
    (
        "6.2",
        "Quality objectives and planning to achieve them",
        "Mục tiêu chất lượng và hoạch định để đạt được mục tiêu",
    ),
    ("6.3", "Planning of changes", "Hoạch định các thay đổi"),
    ("7", "Support", "Hỗ trợ"),
    ("7.1", "Resources", "Nguồn lực"),
    ("7.1.1", "General", "Khái quát"),
    ("7.1.2", "People", "Con người"),
    ("7.1.3", "Infrastructure", "Cơ sở hạ tầng"),
    (
        "7.1.4",
        "Environment for the operation of processes",
        "Môi trường cho việc thực hiện các quá trình",
    ),
    ("7.1.5", "Monitoring and measuring resources", "Nguồn lực theo dõi và đo lường"),
    ("7.1.5.1", "General", "Khái quát"),
    ("7.1.5.2", "Measurement traceability", "Liên kết chuẩn đo lường"),
    ("7.1.6", "Organizational knowledge", "Tri thức của tổ chức"),
    ("7.2", "Competence", "Năng lực"),
    ("7.3", "Awareness", "Nhận thức"),
    ("7.4", "Communication", "Trao đổi thông tin"),
    ("7.5", "Documented information", "Thông tin dạng văn bản"),
    ("7.5.1", "General", "Khái quát"),
    ("7.5.2", "Creating and updating", "Tạo lập và cập nhật"),
    ("7.5.3", "Control of documented information", "Kiểm soát thông tin dạng văn bản"),
    ("8", "Operation", "Thực hiện"),
    ("8.1", "Operational planning and control", "Hoạch định và kiểm soát việc thực hiện"),
    ("8.2", "Requirements for products and services", "Yêu cầu đối với sản phẩm và dịch vụ"),
    ("8.2.1", "Customer communication", "Trao đổi thông tin với khách hàng"),
    (
        "8.2.2",
        "Determining the requirements for products and services",
        "Xác định các yêu cầu đối với sản phẩm và dịch vụ",
    ),
    (
        "8.2.3",
        "Review of the requirements for products and services",
        "Xem xét các yêu cầu đối với sản phẩm và dịch vụ",
    ),
    (
        "8.2.4",
        "Changes to requirements for products and services",
        "Thay đổi các yêu cầu đối với sản phẩm và dịch vụ",
    ),
    (
        "8.3",
        "Design and development of products and services",
        "Thiết kế và phát triển sản phẩm và dịch vụ",
    ),
    ("8.3.1", "General", "Khái quát"),
    ("8.3.2", "Design and development planning", "Hoạch định thiết kế và phát triển"),
    ("8.3.3", "Design and development inputs", "Đầu vào của thiết kế và phát triển"),
    ("8.3.4", "Design and development controls", "Kiểm soát thiết kế và phát triển"),
    ("8.3.5", "Design and development outputs", "Đầu ra của thiết kế và phát triển"),
    ("8.3.6", "Design and development changes", "Thay đổi thiết kế và phát triển"),
    (
        "8.4",
        "Control of externally provided processes, products and services",
        "Kiểm soát quá trình, sản phẩm và dịch vụ do bên ngoài cung cấp",
    ),
    ("8.4.1", "General", "Khái quát"),
    ("8.4.2", "Type and extent of control", "Loại hình và mức độ kiểm soát"),
    ("8.4.3", "Information for external providers", "Thông tin cho nhà cung cấp bên ngoài"),
    ("8.5", "Production and service provision", "Sản xuất và cung cấp dịch vụ"),
    (
        "8.5.1",
        "Control of production and service provision",
        "Kiểm soát sản xuất và cung cấp dịch vụ",
    ),
    ("8.5.2", "Identification and traceability", "Nhận biết và xác định nguồn gốc"),
    (
        "8.5.3",
        "Property belonging to customers or external providers",
        "Tài sản của khách hàng hoặc nhà cung cấp bên ngoài",
    ),
    ("8.5.4", "Preservation", "Bảo toàn"),
    ("8.5.5", "Post-delivery activities", "Hoạt động sau giao hàng"),
    ("8.5.6", "Control of changes", "Kiểm soát sự thay đổi"),
    ("8.6", "Release of products and services", "Thông qua sản phẩm và dịch vụ"),
    ("8.7", "Control of nonconforming outputs", "Kiểm soát đầu ra không phù hợp"),
    ("9", "Performance evaluation", "Đánh giá kết quả thực hiện"),
    (
        "9.1",
        "Monitoring, measurement, analysis and evaluation",
        "Theo dõi, đo lường, phân tích và đánh giá",
    ),
    ("9.1.1", "General", "Khái quát"),
    ("9.1.2", "Customer satisfaction", "Sự thỏa mãn của khách hàng"),
    ("9.1.3", "Analysis and evaluation", "Phân tích và đánh giá"),
    ("9.2", "Internal audit", "Đánh giá nội bộ"),
    ("9.3", "Management review", "Xem xét của lãnh đạo"),
    ("9.3.1", "General", "Khái quát"),
    ("9.3.2", "Management review inputs", "Đầu vào xem xét của lãnh đạo"),
    ("9.3.3", "Management review outputs", "Đầu ra xem xét của lãnh đạo"),
    ("10", "Improvement", "Cải tiến"),
    ("10.1", "General", "Khái quát"),
    ("10.2", "Nonconformity and corrective action", "Sự không phù hợp và hành động khắc phục"),
    ("10.3", "Continual improvement", "Cải tiến liên tục"),
]

CLAUSES_21001 = [
    *_COMMON,
    (
        "4.3",
        "Determining the scope of the educational organization management system",
        "Xác định phạm vi của hệ thống quản lý tổ chức giáo dục",
    ),
    (
        "4.4",
        "Educational organization management system",
        "Hệ thống quản lý tổ chức giáo dục",
    ),
    ("5", "Leadership", "Sự lãnh đạo"),
    ("5.1", "Leadership and commitment", "Sự lãnh đạo và cam kết"),
    ("5.1.1", "General", "Khái quát"),
    (
        "5.1.2",
        "Focus on learners and other beneficiaries",
        "Hướng vào người học và các bên hưởng lợi khác",
    ),
    (
        "5.1.3",
        "Additional requirements for special needs education",
        "Yêu cầu bổ sung đối với giáo dục có nhu cầu đặc biệt",
    ),
    ("5.2", "Policy", "Chính sách"),
    ("5.2.1", "Developing the policy", "Xây dựng chính sách"),
    ("5.2.2", "Communicating the policy", "Truyền đạt chính sách"),
    (
        "5.3",
        "Organizational roles, responsibilities and authorities",
        "Vai trò, trách nhiệm và quyền hạn trong tổ chức",
    ),
    ("6", "Planning", "Hoạch định"),
    ("6.1", "Actions to address risks and opportunities", "Hành động giải quyết rủi ro và cơ hội"),
    (
        "6.2",
        "Educational organization objectives and planning to achieve them",
        "Mục tiêu của tổ chức giáo dục và hoạch định để đạt được mục tiêu",
    ),
    ("6.3", "Planning of changes", "Hoạch định các thay đổi"),
    ("7", "Support", "Hỗ trợ"),
    ("7.1", "Resources", "Nguồn lực"),
    ("7.1.1", "General", "Khái quát"),
    ("7.1.2", "Human resources", "Nguồn nhân lực"),
    ("7.1.3", "Facilities", "Cơ sở vật chất"),
    (
        "7.1.4",
        "Environment for the operation of the educational processes",
        "Môi trường cho việc thực hiện các quá trình giáo dục",
    ),
    ("7.1.5", "Monitoring and measuring resources", "Nguồn lực theo dõi và đo lường"),
    ("7.1.5.1", "General", "Khái quát"),
    ("7.1.5.2", "Measurement traceability", "Liên kết chuẩn đo lường"),
    ("7.1.6", "Organizational knowledge", "Tri thức của tổ chức"),
    ("7.1.6.1", "General", "Khái quát"),
    ("7.1.6.2", "Learning resources", "Nguồn học liệu"),
    ("7.2", "Competence", "Năng lực"),
    ("7.3", "Awareness", "Nhận thức"),
    ("7.4", "Communication", "Trao đổi thông tin"),
    ("7.4.1", "General", "Khái quát"),
    ("7.4.2", "Communication purposes", "Mục đích trao đổi thông tin"),
    ("7.4.3", "Communication arrangements", "Sắp đặt việc trao đổi thông tin"),
    ("7.5", "Documented information", "Thông tin dạng văn bản"),
    ("7.5.1", "General", "Khái quát"),
    ("7.5.2", "Creating and updating", "Tạo lập và cập nhật"),
    ("7.5.3", "Control of documented information", "Kiểm soát thông tin dạng văn bản"),
    ("8", "Operation", "Thực hiện"),
    ("8.1", "Operational planning and control", "Hoạch định và kiểm soát việc thực hiện"),
    ("8.1.1", "General", "Khái quát"),
    (
        "8.1.2",
        "Specific operational planning and control of the educational products and services",
        "Hoạch định và kiểm soát cụ thể việc cung cấp sản phẩm và dịch vụ giáo dục",
    ),
    (
        "8.1.3",
        "Specific operational planning and control for special needs education",
        "Hoạch định và kiểm soát cụ thể đối với giáo dục có nhu cầu đặc biệt",
    ),
    (
        "8.2",
        "Requirements for the educational products and services",
        "Yêu cầu đối với sản phẩm và dịch vụ giáo dục",
    ),
    (
        "8.3",
        "Design and development of the educational products and services",
        "Thiết kế và phát triển sản phẩm và dịch vụ giáo dục",
    ),
    ("8.3.1", "General", "Khái quát"),
    ("8.3.2", "Design and development planning", "Hoạch định thiết kế và phát triển"),
    ("8.3.3", "Design and development inputs", "Đầu vào của thiết kế và phát triển"),
    ("8.3.4", "Design and development controls", "Kiểm soát thiết kế và phát triển"),
    ("8.3.5", "Design and development outputs", "Đầu ra của thiết kế và phát triển"),
    ("8.3.6", "Design and development changes", "Thay đổi thiết kế và phát triển"),
    (
        "8.4",
        "Control of externally provided processes, products and services",
        "Kiểm soát quá trình, sản phẩm và dịch vụ do bên ngoài cung cấp",
    ),
    ("8.4.1", "General", "Khái quát"),
    ("8.4.2", "Type and extent of control", "Loại hình và mức độ kiểm soát"),
    ("8.4.3", "Information for external providers", "Thông tin cho nhà cung cấp bên ngoài"),
    (
        "8.5",
        "Delivery of the educational products and services",
        "Cung cấp sản phẩm và dịch vụ giáo dục",
    ),
    (
        "8.5.1",
        "Control of educational product and service delivery",
        "Kiểm soát việc cung cấp sản phẩm và dịch vụ giáo dục",
    ),
    ("8.5.1.1", "General", "Khái quát"),
    (
        "8.5.1.2",
        "Specific requirements for admission of learners",
        "Yêu cầu cụ thể đối với việc tuyển sinh người học",
    ),
    (
        "8.5.1.3",
        "Specific requirements for the delivery of the educational products and services",
        "Yêu cầu cụ thể đối với việc cung cấp sản phẩm và dịch vụ giáo dục",
    ),
    (
        "8.5.1.4",
        "Specific requirements for summative assessment",
        "Yêu cầu cụ thể đối với đánh giá tổng kết",
    ),
    (
        "8.5.1.5",
        "Recognition of summative assessed competences",
        "Công nhận năng lực đã được đánh giá tổng kết",
    ),
    ("8.5.2", "Identification and traceability", "Nhận biết và xác định nguồn gốc"),
    (
        "8.5.3",
        "Property belonging to interested parties",
        "Tài sản của các bên quan tâm",
    ),
    ("8.5.4", "Preservation", "Bảo toàn"),
    (
        "8.5.5",
        "Protection and transparency of learners' data",
        "Bảo vệ và minh bạch dữ liệu của người học",
    ),
    (
        "8.5.6",
        "Control of changes in educational products and services",
        "Kiểm soát thay đổi sản phẩm và dịch vụ giáo dục",
    ),
    (
        "8.6",
        "Release of the educational products and services",
        "Thông qua sản phẩm và dịch vụ giáo dục",
    ),
    (
        "8.7",
        "Control of educational nonconforming outputs",
        "Kiểm soát đầu ra giáo dục không phù hợp",
    ),
    ("9", "Performance evaluation", "Đánh giá kết quả thực hiện"),
    (
        "9.1",
        "Monitoring, measurement, analysis and evaluation",
        "Theo dõi, đo lường, phân tích và đánh giá",
    ),
    ("9.1.1", "General", "Khái quát"),
    (
        "9.1.2",
        "Satisfaction of learners, other beneficiaries and staff",
        "Sự hài lòng của người học, các bên hưởng lợi khác và nhân viên",
    ),
    ("9.1.3", "Other monitoring and measuring needs", "Các nhu cầu theo dõi và đo lường khác"),
    (
        "9.1.4",
        "Methods for monitoring, measurement, analysis and evaluation",
        "Phương pháp theo dõi, đo lường, phân tích và đánh giá",
    ),
    ("9.1.5", "Analysis and evaluation", "Phân tích và đánh giá"),
    ("9.2", "Internal audit", "Đánh giá nội bộ"),
    ("9.3", "Management review", "Xem xét của lãnh đạo"),
    ("9.3.1", "General", "Khái quát"),
    ("9.3.2", "Management review inputs", "Đầu vào xem xét của lãnh đạo"),
    ("9.3.3", "Management review outputs", "Đầu ra xem xét của lãnh đạo"),
    ("10", "Improvement", "Cải tiến"),
    ("10.1", "Nonconformity and corrective action", "Sự không phù hợp và hành động khắc phục"),
    ("10.2", "Continual improvement", "Cải tiến liên tục"),
    ("10.3", "Opportunities for improvement", "Cơ hội cải tiến"),
]

# (standard, edition) -> clauses
CLAUSES = {(ISO_9001, "2015"): CLAUSES_9001, (ISO_21001, "2018"): CLAUSES_21001}

# ISO 21001:2018 clause -> its ISO 9001:2015 counterparts, where the numbers differ.
# A 21001 clause not named here maps to the 9001 clause of the same number, if any;
# an empty list means 21001's own requirement with no counterpart in 9001.
COUNTERPARTS_21001_TO_9001 = {
    "5.1.3": [],  # special needs education
    "7.1.6.1": ["7.1.6"],
    "7.1.6.2": [],  # learning resources
    "7.4.1": ["7.4"],
    "7.4.2": ["7.4"],
    "7.4.3": ["7.4"],
    "8.1.1": ["8.1"],
    "8.1.2": ["8.1"],
    "8.1.3": [],
    "8.5.1.1": ["8.5.1"],
    "8.5.1.2": ["8.5.1"],
    "8.5.1.3": ["8.5.1"],
    "8.5.1.4": ["8.5.1"],
    "8.5.1.5": ["8.5.1"],
    "8.5.5": [],  # 9001 8.5.5 is post-delivery activities
    "9.1.3": ["9.1.1"],
    "9.1.4": ["9.1.1"],
    "9.1.5": ["9.1.3"],
    "10.1": ["10.2"],
    "10.2": ["10.3"],
    "10.3": ["10.1"],
}


def counterpart_pairs() -> list[tuple[str, str]]:
    """(ISO 21001 number, ISO 9001 number) pairs of the side-by-side map."""
    numbers_9001 = {row[0] for row in CLAUSES_9001}
    pairs = []
    for number, _title_en, _title_vi in CLAUSES_21001:
        default = [number] if number in numbers_9001 else []
        for other in COUNTERPARTS_21001_TO_9001.get(number, default):
            pairs.append((number, other))
    return pairs


def sort_key(number: str) -> str:
    """'7.5.3' -> '007.005.003', so clauses sort as numbers do."""
    return ".".join(f"{int(part):03d}" for part in number.split("."))


def load_clauses(sender=None, using="default", apps=None, **kwargs) -> None:
    """``post_migrate`` receiver: add the clauses of this file that the table lacks.

    Runs after every ``migrate`` and every test-database flush; cheap when
    nothing is missing (one count query). Clauses edited in the admin are kept
    as edited; a clause added now is mapped to its counterparts in the other
    standard (:func:`counterpart_pairs`: the same number unless the numbers differ).
    """
    from django.apps import apps as global_apps
    from django.db.models import Q

    if getattr(sender, "label", None) != "ims":
        return
    try:
        Clause = (apps or global_apps).get_model("ims", "Clause")
    except LookupError:
        return
    clauses = Clause.objects.using(using)
    expected = sum(len(rows) for rows in CLAUSES.values())
    if clauses.count() >= expected:
        return
    created = []
    for (standard, edition), rows in CLAUSES.items():
        for number, title_en, title_vi in rows:
            clause, new = clauses.get_or_create(
                standard=standard,
                edition=edition,
                number=number,
                defaults={"title_en": title_en, "title_vi": title_vi, "sort_key": sort_key(number)},
            )
            if new:
                created.append(clause)
    if not created:
        return
    created_ids = {c.pk for c in created}
    current = {
        (c.standard, c.number): c
        for c in clauses.filter(
            Q(standard=ISO_9001, edition="2015") | Q(standard=ISO_21001, edition="2018")
        )
    }
    for number_21001, number_9001 in counterpart_pairs():
        a = current.get((ISO_21001, number_21001))
        b = current.get((ISO_9001, number_9001))
        # Only pairs touching a clause added now: a mapping edited in the admin stays.
        if a and b and (a.pk in created_ids or b.pk in created_ids):
            a.counterparts.add(b)
