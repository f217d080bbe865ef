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
    (
        "8.3",
        "Design and development of products and services",
        "Thiết kế và phát triển sản phẩm và dịch vụ",
    ),
    (
        "8.4",
        "Control of externally provided processes, products and services",
        "Kiểm soát quá trình, sản phẩm và dịch vụ do bên ngoài cung cấp",
    ),
    ("8.5", "Production and service provision", "Sản xuất và cung cấp dịch vụ"),
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
    (
        "8.4",
        "Control of externally provided processes, products and services",
        "Kiểm soát quá trình, sản phẩm và dịch vụ do bên ngoài cung cấp",
    ),
    (
        "8.5",
        "Delivery of the educational products and services",
        "Cung cấp sản phẩm và dịch vụ giáo dục",
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
    ("10", "Improvement", "Cải tiến"),
    ("10.1", "Nonconformity and corrective action", "Sự không phù hợp và hành động khắc phục"),
    ("10.2", "Continual improvement", "Cải tiến liên tục"),
    ("10.3", "Opportunities for improvement", "Cơ hội cải tiến"),
]

# (standard, edition) -> clauses
CLAUSES = {(ISO_9001, "2015"): CLAUSES_9001, (ISO_21001, "2018"): CLAUSES_21001}


def sort_key(number: str) -> str:
    """'7.5.3' -> '007.005.003', so clauses sort as numbers do."""
    return ".".join(f"{int(part):03d}" for part in number.split("."))


def load_clauses(sender=None, using="default", apps=None, **kwargs) -> None:
    """``post_migrate`` receiver: add the clauses of this file that the table lacks.

    Runs after every ``migrate`` and every test-database flush; cheap when
    nothing is missing (one count query). Clauses edited in the admin are kept
    as edited; a clause number whose counterpart (same number) exists in the
    other standard is mapped to it.
    """
    from django.apps import apps as global_apps

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
    by_number: dict[str, list] = {}
    for clause in clauses.all():
        by_number.setdefault(clause.number, []).append(clause)
    for clause in created:
        others = [c for c in by_number[clause.number] if c.standard != clause.standard]
        clause.counterparts.add(*others)
