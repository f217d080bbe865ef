"""The demo document set of a provincial Department of Education and Training.

115 documents like the first user's: 67 procedures (QT), 15 work instructions
(HD), 7 regulations (QĐ), 3 manual and policy documents (ST), 8 role
descriptions (MT), 8 forms (BM) and 7 external documents (TL-BN), spread over
the eight departments that ``ims.demo`` creates. Bodies are composed from the
catalogues below with a random generator seeded by each document's code, so the
set is the same on every run and adds up to roughly 1,000 printed A4 pages
(run ``python -m documents.demo_content`` to print the estimate).

Nothing here touches the database: :func:`document_specs` returns plain data
that ``documents.demo`` turns into rows.
"""

import random
from dataclasses import dataclass, field

# Measured against the rendered manual (bench/manual.py): 1,389,957 characters printed on
# 974 pages of documents (the manual adds 14 of cover, statements, master list and
# contents), since every document starts on a new page with its header, sign-off and
# history tables, and a procedure's steps sit in a narrow table column.
CHARS_PER_PAGE = 1430

DEPARTMENTS = {
    "VP": "Văn phòng Sở",
    "TCCB": "Phòng Tổ chức cán bộ",
    "KHTC": "Phòng Kế hoạch – Tài chính",
    "TTr": "Thanh tra Sở",
    "GDMNTH": "Phòng Giáo dục Mầm non và Tiểu học",
    "GDTrH": "Phòng Giáo dục Trung học",
    "GDTX": "Phòng GDTX – GDNN và Đại học",
    "QLCL": "Phòng Quản lý chất lượng",
}


@dataclass
class StepSpec:
    name: str
    responsible: str
    action: str
    time_limit: str
    record: str


@dataclass
class RecordSpec:
    name: str
    keeper: str
    place: str
    retention: str


@dataclass
class DocumentSpec:
    code: str
    title: str
    kind: str  # a Document.Kind value: QT, HD, QD, MT, BM, ST, TL
    department: str  # ims.Department code
    clauses: list[tuple[str, str]] = field(default_factory=list)  # (standard, number)
    review_interval_months: int = 12
    purpose: str = ""
    scope: str = ""
    references: str = ""
    terms: str = ""
    steps: list[StepSpec] = field(default_factory=list)
    records: list[RecordSpec] = field(default_factory=list)
    body: str = ""
    position: str = ""  # ims.Position code, role descriptions
    procedure: str = ""  # code of the procedure a form belongs to
    issuer: str = ""
    external_reference: str = ""

    def text_length(self) -> int:
        parts = [self.title, self.purpose, self.scope, self.references, self.terms, self.body]
        for step in self.steps:
            parts += [step.name, step.responsible, step.action, step.time_limit, step.record]
        for record in self.records:
            parts += [record.name, record.keeper, record.place, record.retention]
        return sum(len(p) for p in parts)


# --- the procedures ---------------------------------------------------------------
#
# (department, title after "Quy trình ", family, subject of the file handled,
#  result produced, legal basis, working days, clauses)

P_ = "iso9001"
E_ = "iso21001"

PROCEDURES = [
    # Văn phòng
    (
        "VP",
        "quản lý văn bản đến",
        "noi_bo",
        "văn bản đến",
        "văn bản được xử lý đúng hạn",
        ["Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư"],
        3,
        [(P_, "7.5.3"), (E_, "7.5.3")],
    ),
    (
        "VP",
        "quản lý văn bản đi",
        "noi_bo",
        "dự thảo văn bản đi",
        "văn bản đi được phát hành",
        ["Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư"],
        2,
        [(P_, "7.5.2"), (E_, "7.5.2")],
    ),
    (
        "VP",
        "tiếp nhận và trả kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa",
        "tthc",
        "hồ sơ thủ tục hành chính",
        "kết quả giải quyết thủ tục hành chính",
        [
            "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, "
            "một cửa liên thông trong giải quyết thủ tục hành chính",
            "Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 sửa đổi, bổ sung Nghị định số "
            "61/2018/NĐ-CP",
        ],
        5,
        [(P_, "8.2.1"), (E_, "8.2.1"), (P_, "8.5.1")],
    ),
    (
        "VP",
        "lập hồ sơ và nộp lưu hồ sơ, tài liệu vào Lưu trữ cơ quan",
        "noi_bo",
        "hồ sơ công việc",
        "hồ sơ được nộp lưu",
        [
            "Luật Lưu trữ số 33/2024/QH15",
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
        ],
        10,
        [(P_, "7.5.3"), (E_, "7.5.3")],
    ),
    (
        "VP",
        "xây dựng và theo dõi thực hiện chương trình công tác của Sở",
        "ke_hoach",
        "chương trình công tác năm",
        "chương trình công tác được ban hành",
        ["Quy chế làm việc của Sở Giáo dục và Đào tạo"],
        15,
        [(P_, "6.2"), (E_, "6.2"), (P_, "9.1.3")],
    ),
    (
        "VP",
        "tổ chức hội nghị, hội thảo của Sở",
        "ke_hoach",
        "kế hoạch tổ chức hội nghị",
        "hội nghị được tổ chức theo kế hoạch",
        [
            "Thông tư số 40/2017/TT-BTC ngày 28/4/2017 của Bộ "
            "Tài chính quy định chế độ công tác phí, chế độ chi hội nghị"
        ],
        10,
        [(P_, "7.4"), (E_, "7.4.1")],
    ),
    (
        "VP",
        "xét tặng danh hiệu thi đua và hình thức khen thưởng",
        "hoi_dong",
        "hồ sơ đề nghị khen thưởng",
        "quyết định khen thưởng",
        [
            "Luật Thi đua, khen thưởng số 06/2022/QH15",
            "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 quy định chi tiết thi hành Luật "
            "Thi đua, khen thưởng",
            "Thông tư số 14/2024/TT-BGDĐT hướng dẫn công tác thi đua, khen thưởng ngành Giáo dục",
        ],
        20,
        [(P_, "7.1.2"), (E_, "7.1.2")],
    ),
    (
        "VP",
        "tiếp nhận, xử lý phản ánh, kiến nghị của tổ chức, cá nhân",
        "tthc",
        "phản ánh, kiến nghị",
        "văn bản trả lời phản ánh, kiến nghị",
        [
            "Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ về tiếp nhận, xử "
            "lý phản ánh, "
            "kiến nghị của cá nhân, tổ chức về quy định hành chính"
        ],
        10,
        [(P_, "9.1.2"), (E_, "9.1.2"), (E_, "7.4.3"), (E_, "8.5.1")],
    ),
    (
        "VP",
        "cập nhật, công khai thông tin trên Cổng thông tin điện tử của Sở",
        "noi_bo",
        "tin, bài và văn bản cần công khai",
        "thông tin được đăng tải",
        [
            "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 quy định về việc cung cấp thông "
            "tin và dịch vụ "
            "công trực tuyến của cơ quan nhà nước trên môi trường mạng",
            "Thông tư số 09/2024/TT-BGDĐT quy định về công khai trong hoạt động của các "
            "cơ sở giáo dục",
        ],
        3,
        [(E_, "7.4.2"), (E_, "7.4.3")],
    ),
    # Tổ chức cán bộ
    (
        "TCCB",
        "tuyển dụng viên chức",
        "hoi_dong",
        "hồ sơ đăng ký dự tuyển",
        "quyết định công nhận kết quả tuyển dụng",
        [
            "Luật Viên chức số 58/2010/QH12 và Luật sửa đổi, bổ sung số 52/2019/QH14",
            "Nghị định số 115/2020/NĐ-CP ngày 25/9/2020 quy định về tuyển "
            "dụng, sử dụng và quản lý viên chức",
            "Nghị định số 85/2023/NĐ-CP sửa đổi, bổ sung Nghị định số 115/2020/NĐ-CP",
        ],
        60,
        [(P_, "7.1.2"), (P_, "7.2"), (E_, "7.2")],
    ),
    (
        "TCCB",
        "bổ nhiệm, bổ nhiệm lại cán bộ quản lý",
        "hoi_dong",
        "hồ sơ nhân sự đề nghị bổ nhiệm",
        "quyết định bổ nhiệm",
        [
            "Quy định về phân cấp quản lý tổ chức bộ máy, cán bộ, công "
            "chức, viên chức của Ủy ban nhân dân tỉnh",
            "Nghị định số 115/2020/NĐ-CP ngày 25/9/2020",
        ],
        30,
        [(P_, "5.3"), (E_, "5.3"), (P_, "7.2")],
    ),
    (
        "TCCB",
        "nâng bậc lương thường xuyên và nâng bậc lương trước thời hạn",
        "hoi_dong",
        "danh sách đề nghị nâng bậc lương",
        "quyết định nâng bậc lương",
        [
            "Thông tư số 08/2013/TT-BNV"
            " hướng dẫn thực hiện chế độ nâng bậc lương thường xuyên và nâng bậc lương "
            "trước thời hạn",
            "Thông tư số 03/2021/TT-BNV sửa đổi, bổ sung Thông tư số 08/2013/TT-BNV",
        ],
        20,
        [(P_, "7.1.2")],
    ),
    (
        "TCCB",
        "đánh giá, xếp loại chất lượng công chức, viên chức hằng năm",
        "hoi_dong",
        "phiếu đánh giá, xếp loại",
        "kết quả xếp loại chất lượng",
        [
            "Nghị định số 90/2020/NĐ-CP "
            "ngày 13/8/2020 về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
            "Nghị định số 48/2023/NĐ-CP sửa đổi, bổ sung Nghị định số 90/2020/NĐ-CP",
        ],
        20,
        [(P_, "7.2"), (E_, "7.2"), (P_, "9.1.3")],
    ),
    (
        "TCCB",
        "cử công chức, viên chức đi đào tạo, bồi dưỡng",
        "ke_hoach",
        "kế hoạch đào tạo, bồi dưỡng",
        "quyết định cử đi đào tạo, bồi dưỡng",
        [
            "Nghị định số "
            "101/2017/NĐ-CP ngày 01/9/2017 về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
            "Nghị định số 89/2021/NĐ-CP sửa đổi, bổ sung Nghị định số 101/2017/NĐ-CP",
        ],
        15,
        [(P_, "7.2"), (E_, "7.2"), (E_, "7.1.2")],
    ),
    (
        "TCCB",
        "giải quyết chế độ nghỉ hưu đối với công chức, viên chức",
        "tthc",
        "hồ sơ đề nghị nghỉ hưu",
        "quyết định nghỉ hưu",
        [
            "Bộ luật Lao động số 45/2019/QH14",
            "Nghị định số 135/2020/NĐ-CP ngày 18/11/2020 quy định về tuổi nghỉ hưu",
        ],
        15,
        [(P_, "7.1.2")],
    ),
    (
        "TCCB",
        "xử lý kỷ luật công chức, viên chức",
        "hoi_dong",
        "hồ sơ xem xét kỷ luật",
        "quyết định kỷ luật",
        [
            "Nghị định số 112/2020/NĐ-CP ngày 18/9/2020 về xử lý kỷ luật cán "
            "bộ, công chức, viên chức",
            "Nghị định số 71/2023/NĐ-CP sửa đổi, bổ sung Nghị định số 112/2020/NĐ-CP",
        ],
        45,
        [(P_, "7.1.2"), (E_, "4.1")],
    ),
    (
        "TCCB",
        "điều động, tiếp nhận, thuyên chuyển nhà giáo",
        "tthc",
        "hồ sơ đề nghị thuyên chuyển",
        "quyết định điều động, tiếp nhận",
        [
            "Nghị định số 115/2020/NĐ-CP ngày 25/9/2020",
            "Quy định về phân cấp quản lý cán bộ, công chức, viên chức của Ủy ban nhân dân tỉnh",
        ],
        20,
        [(P_, "7.1.2"), (E_, "7.1.2")],
    ),
    (
        "TCCB",
        "xét thăng hạng chức danh nghề nghiệp giáo viên",
        "hoi_dong",
        "hồ sơ đăng ký xét thăng hạng",
        "quyết định bổ nhiệm chức danh nghề nghiệp",
        [
            "Thông tư số 13/2024/TT-BGDĐT sửa đổi quy định tiêu chuẩn, điều kiện thi "
            "hoặc xét thăng "
            "hạng chức danh nghề nghiệp giáo viên",
            "Nghị định số 85/2023/NĐ-CP",
        ],
        60,
        [(P_, "7.2"), (E_, "7.2")],
    ),
    (
        "TCCB",
        "quản lý hồ sơ công chức, viên chức",
        "noi_bo",
        "hồ sơ cá nhân",
        "hồ sơ được cập nhật, lưu giữ",
        [
            "Thông tư số 06/2023/TT-BNV quy định về hồ sơ cán bộ, "
            "công chức, viên chức và cơ sở dữ liệu"
        ],
        10,
        [(P_, "7.5.3"), (E_, "8.5.5")],
    ),
    (
        "TCCB",
        "kê khai, công khai tài sản, thu nhập",
        "ke_hoach",
        "bản kê khai tài sản, thu nhập",
        "bản kê khai được công khai và nộp lưu",
        [
            "Luật Phòng, chống tham nhũng số 36/2018/QH14",
            "Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 về kiểm soát tài sản, thu nhập",
        ],
        30,
        [(E_, "4.1")],
    ),
    # Kế hoạch – Tài chính
    (
        "KHTC",
        "lập, thẩm định và giao dự toán ngân sách nhà nước hằng năm",
        "tai_chinh",
        "dự toán ngân sách của đơn vị",
        "quyết định giao dự toán",
        [
            "Luật Ngân sách nhà nước số 83/2015/QH13",
            "Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 quy định chi tiết thi hành "
            "Luật Ngân sách nhà nước",
        ],
        30,
        [(P_, "7.1.1"), (E_, "7.1.1")],
    ),
    (
        "KHTC",
        "xét duyệt, thẩm định quyết toán ngân sách năm",
        "tai_chinh",
        "báo cáo quyết toán",
        "thông báo xét duyệt quyết toán",
        [
            "Thông tư số 137/2017/TT-BTC quy định xét duyệt, thẩm định,"
            " thông báo và tổng hợp quyết toán năm"
        ],
        30,
        [(P_, "9.1.3")],
    ),
    (
        "KHTC",
        "mua sắm tài sản, trang thiết bị dạy học",
        "tai_chinh",
        "dự toán mua sắm",
        "tài sản được bàn giao, đưa vào sử dụng",
        [
            "Luật Đấu thầu số 22/2023/QH15",
            "Luật Quản lý, sử dụng tài sản công số 15/2017/QH14",
            "Thông tư số 37/2021/TT-BGDĐT về danh mục thiết bị "
            "dạy học tối thiểu cấp trung học phổ thông",
        ],
        45,
        [(P_, "7.1.3"), (E_, "7.1.6.2"), (P_, "8.4")],
    ),
    (
        "KHTC",
        "thanh toán, tạm ứng và quyết toán tạm ứng kinh phí",
        "tai_chinh",
        "giấy đề nghị thanh toán, tạm ứng",
        "chứng từ thanh toán",
        [
            "Quy chế chi tiêu nội bộ của Sở Giáo dục và Đào tạo",
            "Thông tư số 62/2020/TT-BTC hướng dẫn kiểm soát, thanh toán các "
            "khoản chi thường xuyên qua Kho bạc Nhà nước",
        ],
        5,
        [(P_, "7.1.1")],
    ),
    (
        "KHTC",
        "xây dựng kế hoạch phát triển giáo dục và đào tạo hằng năm",
        "ke_hoach",
        "kế hoạch phát triển giáo dục",
        "kế hoạch được Ủy ban nhân dân tỉnh phê duyệt",
        [
            "Luật Giáo dục số 43/2019/QH14",
            "Hướng dẫn xây dựng kế hoạch phát triển kinh tế – xã hội "
            "hằng năm của Ủy ban nhân dân tỉnh",
        ],
        30,
        [(P_, "6.2"), (E_, "6.2"), (E_, "4.2")],
    ),
    (
        "KHTC",
        "quản lý dự án đầu tư xây dựng cơ sở vật chất trường học",
        "tai_chinh",
        "hồ sơ dự án",
        "công trình được nghiệm thu, bàn giao",
        [
            "Luật Đầu tư công số 58/2024/QH15",
            "Luật Xây dựng số 50/2014/QH13 và các Luật sửa đổi, bổ sung",
        ],
        60,
        [(P_, "7.1.3"), (E_, "7.1.3"), (P_, "8.4")],
    ),
    (
        "KHTC",
        "thực hiện chính sách miễn, giảm học phí và hỗ trợ chi phí học tập",
        "tthc",
        "hồ sơ đề nghị miễn, giảm học phí",
        "quyết định miễn, giảm học phí",
        [
            "Nghị định số "
            "81/2021/NĐ-CP ngày 27/8/2021 quy định về cơ chế thu, quản lý học phí và "
            "chính sách miễn, "
            "giảm học phí, hỗ trợ chi phí học tập",
            "Nghị định số 97/2023/NĐ-CP sửa đổi, bổ sung Nghị định số 81/2021/NĐ-CP",
        ],
        10,
        [(E_, "5.1.3"), (E_, "8.5.1"), (E_, "4.2")],
    ),
    (
        "KHTC",
        "kiểm kê, thanh lý tài sản công",
        "tai_chinh",
        "biên bản kiểm kê tài sản",
        "quyết định thanh lý tài sản",
        [
            "Luật Quản lý, sử dụng tài sản công số 15/2017/QH14",
            "Nghị định số 151/2017/NĐ-CP quy định chi tiết một số điều của Luật Quản lý, "
            "sử dụng tài "
            "sản công",
        ],
        30,
        [(P_, "7.1.3")],
    ),
    # Thanh tra
    (
        "TTr",
        "thanh tra hành chính",
        "thanh_tra",
        "cuộc thanh tra hành chính",
        "kết luận thanh tra",
        [
            "Luật Thanh tra số 11/2022/QH15",
            "Nghị định số 43/2023/NĐ-CP quy định chi tiết một số điều của Luật Thanh tra",
        ],
        45,
        [(P_, "9.1.3"), (E_, "9.1.3")],
    ),
    (
        "TTr",
        "thanh tra chuyên ngành giáo dục",
        "thanh_tra",
        "cuộc thanh tra chuyên ngành",
        "kết luận thanh tra",
        [
            "Luật Thanh tra số 11/2022/QH15",
            "Thông tư số 09/2023/TT-BGDĐT hướng dẫn thanh tra chuyên ngành trong ngành Giáo dục",
        ],
        45,
        [(P_, "9.1.3"), (E_, "8.5.1")],
    ),
    (
        "TTr",
        "tiếp công dân",
        "tthc",
        "nội dung công dân trình bày",
        "văn bản trả lời công dân",
        [
            "Luật Tiếp công dân số 42/2013/QH13",
            "Nghị định số 64/2014/NĐ-CP quy định chi tiết thi hành Luật Tiếp công dân",
        ],
        10,
        [(P_, "9.1.2"), (E_, "7.4.3")],
    ),
    (
        "TTr",
        "giải quyết khiếu nại",
        "thanh_tra",
        "đơn khiếu nại",
        "quyết định giải quyết khiếu nại",
        [
            "Luật Khiếu nại số 02/2011/QH13",
            "Nghị định số 124/2020/NĐ-CP quy định chi tiết một số điều của Luật Khiếu nại",
        ],
        30,
        [(P_, "9.1.2"), (E_, "7.4.3"), (E_, "10.2")],
    ),
    (
        "TTr",
        "giải quyết tố cáo",
        "thanh_tra",
        "đơn tố cáo",
        "kết luận nội dung tố cáo",
        [
            "Luật Tố cáo số 25/2018/QH14",
            "Nghị định số 31/2019/NĐ-CP quy định chi tiết một số điều của Luật Tố cáo",
        ],
        30,
        [(E_, "7.4.3"), (E_, "10.2")],
    ),
    (
        "TTr",
        "tiếp nhận, phân loại và xử lý đơn thư",
        "tthc",
        "đơn thư",
        "phiếu xử lý đơn",
        [
            "Thông tư số 05/2021/TT-TTCP quy định quy trình tiếp công dân, xử lý đơn "
            "khiếu nại, đơn "
            "tố cáo, đơn kiến nghị, phản ánh"
        ],
        10,
        [(P_, "9.1.2"), (E_, "7.4.3")],
    ),
    (
        "TTr",
        "kiểm tra công tác phòng, chống tham nhũng tại các đơn vị trực thuộc",
        "thanh_tra",
        "cuộc kiểm tra",
        "thông báo kết quả kiểm tra",
        [
            "Luật Phòng, chống tham nhũng số 36/2018/QH14",
            "Nghị định số 59/2019/NĐ-CP quy định chi tiết một số điều của Luật Phòng, "
            "chống tham nhũng",
        ],
        30,
        [(E_, "4.1"), (P_, "9.1.3")],
    ),
    # Giáo dục Mầm non và Tiểu học
    (
        "GDMNTH",
        "công nhận trường mầm non đạt chuẩn quốc gia",
        "hoi_dong",
        "hồ sơ đề nghị công nhận",
        "quyết định công nhận",
        [
            "Thông tư số 19/2018/TT-BGDĐT quy "
            "định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối "
            "với trường mầm "
            "non"
        ],
        30,
        [(E_, "8.5.1"), (E_, "9.1.3")],
    ),
    (
        "GDMNTH",
        "công nhận trường tiểu học đạt chuẩn quốc gia",
        "hoi_dong",
        "hồ sơ đề nghị công nhận",
        "quyết định công nhận",
        [
            "Thông tư số 17/2018/TT-BGDĐT quy "
            "định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với "
            "trường tiểu "
            "học"
        ],
        30,
        [(E_, "8.5.1"), (E_, "9.1.3")],
    ),
    (
        "GDMNTH",
        "tổ chức hội thi giáo viên dạy giỏi cấp tỉnh",
        "hoi_dong",
        "hồ sơ đăng ký dự thi",
        "quyết định công nhận giáo viên dạy giỏi",
        [
            "Thông tư số "
            "22/2019/TT-BGDĐT ban hành Quy định về Hội thi giáo viên dạy giỏi cơ sở giáo "
            "dục mầm non; "
            "giáo viên dạy giỏi, giáo viên chủ nhiệm lớp giỏi cơ sở giáo dục phổ thông"
        ],
        45,
        [(P_, "7.2"), (E_, "7.2")],
    ),
    (
        "GDMNTH",
        "kiểm tra chuyên đề giáo dục mầm non và tiểu học",
        "ke_hoach",
        "kế hoạch kiểm tra chuyên đề",
        "thông báo kết quả kiểm tra",
        ["Hướng dẫn thực hiện nhiệm vụ năm học của Bộ Giáo dục và Đào tạo"],
        20,
        [(P_, "9.1.1"), (E_, "8.5.1")],
    ),
    (
        "GDMNTH",
        "lựa chọn sách giáo khoa trong cơ sở giáo dục phổ thông",
        "hoi_dong",
        "hồ sơ lựa chọn sách giáo khoa",
        "quyết định phê duyệt danh mục sách giáo khoa",
        [
            "Thông tư số 27/2023/TT-BGDĐT quy định việc lựa chọn sách giáo khoa trong cơ "
            "sở giáo dục "
            "phổ thông"
        ],
        30,
        [(E_, "7.1.6.2"), (E_, "8.3")],
    ),
    (
        "GDMNTH",
        "chỉ đạo triển khai nhiệm vụ năm học giáo dục mầm non và tiểu học",
        "ke_hoach",
        "hướng dẫn nhiệm vụ năm học",
        "văn bản hướng dẫn được ban hành",
        ["Chỉ thị về nhiệm vụ và giải pháp năm học của Bộ trưởng Bộ Giáo dục và Đào tạo"],
        20,
        [(P_, "6.2"), (E_, "6.2"), (E_, "5.1.2")],
    ),
    (
        "GDMNTH",
        "tổ chức giao lưu, sân chơi cho học sinh tiểu học",
        "ke_hoach",
        "kế hoạch giao lưu",
        "kết quả giao lưu được công bố",
        ["Thông tư số 27/2020/TT-BGDĐT ban hành Quy định đánh giá học sinh tiểu học"],
        20,
        [(E_, "8.5.1"), (E_, "5.1.2")],
    ),
    # Giáo dục Trung học
    (
        "GDTrH",
        "tuyển sinh vào lớp 10 trung học phổ thông",
        "hoi_dong",
        "hồ sơ đăng ký dự tuyển",
        "quyết định phê duyệt danh sách trúng tuyển",
        [
            "Thông tư số "
            "30/2024/TT-BGDĐT ban hành Quy chế tuyển sinh trung học cơ sở và tuyển sinh "
            "trung học phổ "
            "thông",
            "Kế hoạch tuyển sinh hằng năm của Ủy ban nhân dân tỉnh",
        ],
        60,
        [(E_, "8.5.1"), (E_, "4.2"), (E_, "5.1.2"), (E_, "8.5.5")],
    ),
    (
        "GDTrH",
        "chuyển trường đối với học sinh trung học phổ thông",
        "tthc",
        "hồ sơ xin chuyển trường",
        "giấy giới thiệu chuyển trường",
        [
            "Thông tư số 50/2021/TT-BGDĐT "
            "sửa đổi, bổ sung Quy định chuyển trường và tiếp nhận học sinh học tại các "
            "trường trung học "
            "cơ sở và trung học phổ thông"
        ],
        3,
        [(E_, "8.5.1"), (P_, "8.2.1")],
    ),
    (
        "GDTrH",
        "xin học lại tại trường trung học phổ thông",
        "tthc",
        "đơn xin học lại",
        "ý kiến chấp thuận cho học lại",
        [
            "Thông tư số 32/2020/TT-BGDĐT ban hành Điều lệ trường "
            "trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học"
        ],
        3,
        [(E_, "8.5.1")],
    ),
    (
        "GDTrH",
        "thành lập trường trung học phổ thông công lập hoặc cho phép thành lập trường "
        "trung học phổ thông tư thục",
        "tthc",
        "hồ sơ đề nghị thành lập trường",
        "quyết định thành lập trường",
        [
            "Nghị định số 46/2017/NĐ-CP quy định về điều kiện đầu tư "
            "và hoạt động trong lĩnh vực giáo dục",
            "Nghị định số 125/2024/NĐ-CP quy định về điều kiện "
            "đầu tư và hoạt động trong lĩnh vực giáo dục",
        ],
        20,
        [(P_, "8.2.1")],
    ),
    (
        "GDTrH",
        "cho phép trường trung học phổ thông hoạt động giáo dục",
        "tthc",
        "hồ sơ đề nghị cho phép hoạt động giáo dục",
        "quyết định cho phép hoạt động giáo dục",
        [
            "Nghị định số 125/2024/NĐ-CP quy định về điều kiện đầu tư và hoạt động trong lĩnh vực "
            "giáo dục"
        ],
        20,
        [(P_, "8.2.1")],
    ),
    (
        "GDTrH",
        "cấp phép tổ chức hoạt động dạy thêm, học thêm",
        "tthc",
        "hồ sơ đề nghị cấp phép dạy thêm",
        "giấy phép tổ chức hoạt động dạy thêm",
        ["Thông tư số 29/2024/TT-BGDĐT quy định về dạy thêm, học thêm"],
        15,
        [(E_, "8.5.1"), (E_, "5.1.2")],
    ),
    (
        "GDTrH",
        "tổ chức kỳ thi chọn học sinh giỏi cấp tỉnh",
        "hoi_dong",
        "hồ sơ đăng ký dự thi",
        "quyết định công nhận học sinh giỏi",
        ["Thông tư số 17/2023/TT-BGDĐT ban hành Quy chế thi chọn học sinh giỏi cấp quốc gia"],
        60,
        [(E_, "8.5.1"), (E_, "8.3")],
    ),
    (
        "GDTrH",
        "tổ chức cuộc thi khoa học, kỹ thuật cấp tỉnh dành cho học sinh trung học",
        "hoi_dong",
        "hồ sơ dự án dự thi",
        "quyết định công nhận kết quả cuộc thi",
        [
            "Thông tư số "
            "38/2012/TT-BGDĐT ban hành Quy chế thi nghiên cứu khoa học, kỹ thuật cấp quốc "
            "gia học sinh "
            "trung học cơ sở và trung học phổ thông"
        ],
        45,
        [(E_, "8.5.1"), (E_, "8.3")],
    ),
    (
        "GDTrH",
        "công nhận trường trung học đạt chuẩn quốc gia",
        "hoi_dong",
        "hồ sơ đề nghị công nhận",
        "quyết định công nhận",
        [
            "Thông tư số 18/2018/TT-BGDĐT quy định "
            "về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với "
            "trường trung học "
            "cơ sở, trường trung học phổ thông"
        ],
        30,
        [(E_, "9.1.3"), (E_, "8.5.1")],
    ),
    # GDTX – GDNN và Đại học
    (
        "GDTX",
        "cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục",
        "tthc",
        "hồ sơ đề nghị cho phép hoạt động",
        "quyết định cho phép hoạt động giáo dục",
        [
            "Nghị định số 125/2024/NĐ-CP quy định về điều kiện đầu tư và hoạt động trong "
            "lĩnh vực giáo "
            "dục",
            "Thông tư số 21/2018/TT-BGDĐT ban hành Quy chế tổ chức và hoạt động của trung tâm "
            "ngoại ngữ, tin học",
        ],
        20,
        [(P_, "8.2.1")],
    ),
    (
        "GDTX",
        "cấp phép hoạt động liên kết giáo dục với nước ngoài",
        "tthc",
        "hồ sơ đề nghị phê duyệt liên kết",
        "quyết định phê duyệt liên kết giáo dục",
        [
            "Nghị định số 86/2018/NĐ-CP quy định về hợp tác, đầu tư của nước ngoài trong "
            "lĩnh vực giáo "
            "dục"
        ],
        20,
        [(P_, "8.2.1"), (P_, "8.4")],
    ),
    (
        "GDTX",
        "công nhận xã đạt chuẩn xóa mù chữ",
        "hoi_dong",
        "hồ sơ đề nghị công nhận",
        "quyết định công nhận đạt chuẩn xóa mù chữ",
        [
            "Nghị định số 20/2014/NĐ-CP về phổ cập giáo dục, xóa mù chữ",
            "Thông tư số 07/2016/TT-BGDĐT quy định về điều kiện bảo đảm và nội dung, "
            "quy trình, thủ tục kiểm tra công nhận đạt chuẩn phổ cập giáo dục, xóa mù chữ",
        ],
        30,
        [(E_, "5.1.3"), (E_, "4.2")],
    ),
    (
        "GDTX",
        "tuyển sinh giáo dục thường xuyên cấp trung học phổ thông",
        "hoi_dong",
        "hồ sơ đăng ký học",
        "danh sách học viên trúng tuyển",
        [
            "Thông tư số 12/2024/TT-BGDĐT ban "
            "hành Quy chế tổ chức và hoạt động của trung tâm giáo dục nghề nghiệp – "
            "giáo dục thường "
            "xuyên"
        ],
        30,
        [(E_, "8.5.1"), (E_, "5.1.2")],
    ),
    (
        "GDTX",
        "đăng ký hoạt động giáo dục kỹ năng sống và giáo dục ngoài giờ chính khóa",
        "tthc",
        "hồ sơ đăng ký hoạt động",
        "quyết định cho phép hoạt động",
        [
            "Thông tư số 04/2014/TT-BGDĐT "
            "ban hành Quy định quản lý hoạt động giáo dục kỹ năng sống và hoạt động giáo "
            "dục ngoài giờ "
            "chính khóa"
        ],
        15,
        [(P_, "8.2.1"), (E_, "8.5.1")],
    ),
    (
        "GDTX",
        "cấp giấy chứng nhận đăng ký hoạt động tư vấn du học",
        "tthc",
        "hồ sơ đăng ký hoạt động tư vấn du học",
        "giấy chứng nhận đăng ký hoạt động",
        [
            "Nghị định số 125/2024/NĐ-CP quy định về điều kiện đầu tư và hoạt động trong "
            "lĩnh vực giáo "
            "dục"
        ],
        20,
        [(P_, "8.2.1")],
    ),
    (
        "GDTX",
        "kiểm tra, đánh giá hoạt động của trung tâm học tập cộng đồng",
        "ke_hoach",
        "kế hoạch kiểm tra",
        "thông báo kết quả đánh giá",
        ["Thông tư số 44/2014/TT-BGDĐT quy định đánh giá, xếp loại trung tâm học tập cộng đồng"],
        20,
        [(P_, "9.1.3"), (E_, "9.1.3")],
    ),
    # Quản lý chất lượng
    (
        "QLCL",
        "kiểm soát tài liệu",
        "iso",
        "dự thảo tài liệu",
        "tài liệu được ban hành, phân phối",
        ["TCVN ISO 9001:2015, điều 7.5", "ISO 21001:2018, điều 7.5"],
        10,
        [(P_, "7.5"), (P_, "7.5.2"), (P_, "7.5.3"), (E_, "7.5")],
    ),
    (
        "QLCL",
        "kiểm soát hồ sơ",
        "iso",
        "hồ sơ của hệ thống quản lý",
        "hồ sơ được lưu giữ, bảo vệ",
        ["TCVN ISO 9001:2015, điều 7.5.3", "ISO 21001:2018, điều 7.5.3"],
        5,
        [(P_, "7.5.3"), (E_, "7.5.3"), (E_, "8.5.5")],
    ),
    (
        "QLCL",
        "đánh giá nội bộ",
        "iso",
        "chương trình đánh giá nội bộ",
        "báo cáo đánh giá nội bộ",
        ["TCVN ISO 9001:2015, điều 9.2", "TCVN ISO 19011:2018 Hướng dẫn đánh giá hệ thống quản lý"],
        30,
        [(P_, "9.2"), (E_, "9.2")],
    ),
    (
        "QLCL",
        "kiểm soát sự không phù hợp và hành động khắc phục",
        "iso",
        "sự không phù hợp",
        "hành động khắc phục được xác nhận hiệu lực",
        ["TCVN ISO 9001:2015, điều 8.7 và 10.2", "ISO 21001:2018, điều 10.2"],
        30,
        [(P_, "8.7"), (P_, "10.2"), (E_, "10.2")],
    ),
    (
        "QLCL",
        "xem xét của lãnh đạo",
        "iso",
        "báo cáo đầu vào xem xét",
        "biên bản xem xét của lãnh đạo",
        ["TCVN ISO 9001:2015, điều 9.3", "ISO 21001:2018, điều 9.3"],
        30,
        [(P_, "9.3"), (E_, "9.3")],
    ),
    (
        "QLCL",
        "quản lý rủi ro và cơ hội",
        "iso",
        "sổ đăng ký rủi ro",
        "kế hoạch xử lý rủi ro",
        ["TCVN ISO 9001:2015, điều 6.1", "TCVN ISO 31000:2018 Quản lý rủi ro"],
        20,
        [(P_, "6.1"), (E_, "6.1")],
    ),
    (
        "QLCL",
        "đo lường sự hài lòng của người học và các bên quan tâm",
        "iso",
        "phiếu khảo sát",
        "báo cáo kết quả khảo sát sự hài lòng",
        [
            "Quyết định số 3982/QĐ-BGDĐT "
            "ngày 17/9/2013 ban hành Phương pháp đo lường sự hài lòng về dịch vụ giáo dục công",
            "ISO 21001:2018, điều 9.1.2",
        ],
        30,
        [(P_, "9.1.2"), (E_, "9.1.2"), (E_, "5.1.2")],
    ),
    (
        "QLCL",
        "cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "tthc",
        "hồ sơ đề nghị cấp bản sao văn bằng",
        "bản sao văn bằng, chứng chỉ",
        [
            "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính",
            "Thông tư số "
            "21/2019/TT-BGDĐT ban hành Quy chế quản lý bằng tốt nghiệp trung học cơ sở, "
            "bằng tốt nghiệp"
            " trung học phổ thông, văn bằng giáo dục đại học và chứng chỉ",
        ],
        1,
        [(E_, "8.5.1"), (E_, "8.5.5"), (P_, "8.2.1")],
    ),
    (
        "QLCL",
        "tổ chức kỳ thi tốt nghiệp trung học phổ thông",
        "hoi_dong",
        "hồ sơ đăng ký dự thi",
        "quyết định công nhận tốt nghiệp",
        ["Thông tư số 24/2024/TT-BGDĐT ban hành Quy chế thi tốt nghiệp trung học phổ thông"],
        90,
        [(E_, "8.5.1"), (E_, "8.5.5"), (E_, "8.3")],
    ),
]


# --- the steps --------------------------------------------------------------------
#
# key: (name, responsible, time limit, record, lead sentences, bullet items,
#       requirements, notes). Placeholders: {subject} the file handled, {result}
# what the procedure produces, {topic} the procedure's subject, {dept} the owning
# department, {days} the working days the procedure allows.

STEPS = {
    "tiep_nhan": (
        "Tiếp nhận {subject}",
        "Công chức Bộ phận tiếp nhận và trả kết quả",
        "0,5 ngày làm việc",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Sổ theo dõi hồ sơ",
        [
            "Tổ chức, cá nhân nộp {subject} trực tiếp tại Bộ phận tiếp nhận và trả kết quả của "
            "Sở, qua dịch vụ bưu chính công ích hoặc trực tuyến trên Cổng dịch vụ công của tỉnh. "
            "Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ theo danh mục dưới đây.",
            "Công chức Bộ phận tiếp nhận và trả kết quả tiếp nhận {subject}, đối chiếu thành phần "
            "hồ sơ với danh mục thủ tục hành chính đã được Chủ tịch Ủy ban nhân dân tỉnh công bố "
            "và hướng dẫn ngay cho người nộp nếu hồ sơ còn thiếu.",
        ],
        [
            "Đơn hoặc tờ khai đề nghị theo mẫu (bản chính)",
            "Bản sao giấy tờ tùy thân của người đề nghị hoặc người được ủy quyền",
            "Văn bản ủy quyền theo quy định của pháp luật (trường hợp nộp thay)",
            "Các giấy tờ chứng minh điều kiện theo quy định của thủ tục (bản sao có chứng thực "
            "hoặc bản sao kèm bản chính để đối chiếu)",
            "Văn bản đề nghị của cơ sở giáo dục hoặc cơ quan quản lý trực tiếp (nếu có)",
            "Số lượng hồ sơ: 01 bộ; hồ sơ nộp trực tuyến được ký số hoặc xác thực tài khoản định "
            "danh điện tử mức độ 2",
            "Lệ phí: theo quy định của Hội đồng nhân dân tỉnh (nếu có); miễn thu đối với học sinh "
            "thuộc hộ nghèo, hộ cận nghèo và người khuyết tật",
        ],
        [
            "Hồ sơ đầy đủ, hợp lệ: lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả, cập nhật vào Hệ "
            "thống thông tin giải quyết thủ tục hành chính của tỉnh, giao một liên cho người nộp.",
            "Hồ sơ chưa đầy đủ: hướng dẫn một lần, bằng văn bản, toàn bộ nội dung cần bổ sung "
            "(Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ); không yêu cầu thêm giấy tờ ngoài quy "
            "định.",
        ],
        [
            "Trường hợp hồ sơ không thuộc thẩm quyền giải quyết của Sở, công chức tiếp nhận lập "
            "Phiếu từ chối tiếp nhận, nêu rõ lý do và hướng dẫn cơ quan có thẩm quyền để tổ chức,"
            " cá nhân liên hệ.",
            "Thông tin cá nhân của người học và người nộp hồ sơ chỉ được dùng cho việc giải quyết "
            "thủ tục; không sao chụp, cung cấp cho bên thứ ba khi chưa có sự đồng ý.",
        ],
    ),
    "chuyen_ho_so": (
        "Chuyển hồ sơ đến {dept}",
        "Công chức Bộ phận tiếp nhận và trả kết quả",
        "0,5 ngày làm việc",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        [
            "Ngay sau khi tiếp nhận, công chức Bộ phận tiếp nhận và trả kết quả chuyển hồ sơ "
            "giấy kèm Phiếu kiểm soát quá trình giải quyết hồ sơ đến {dept}; đồng thời chuyển hồ "
            "sơ điện tử trên Hệ thống thông tin giải quyết thủ tục hành chính.",
        ],
        [
            "Ghi rõ thời điểm giao, người giao, người nhận trên Phiếu kiểm soát",
            "Kiểm tra việc chuyển trạng thái hồ sơ trên hệ thống điện tử",
            "Đối với hồ sơ nộp qua bưu chính, đóng dấu đến và ghi ngày nhận trước khi chuyển",
            "Hồ sơ liên thông được chuyển đồng thời đến cơ quan phối hợp theo quy chế liên thông",
            "Không chuyển hồ sơ qua trung gian không có trách nhiệm giải quyết",
        ],
        [
            "Hồ sơ tiếp nhận sau 15 giờ 00 được chuyển chậm nhất vào đầu giờ sáng ngày làm việc "
            "tiếp theo.",
        ],
        [
            "Mọi lần chuyển giao hồ sơ giữa các bộ phận đều được ghi trên Phiếu kiểm soát để có "
            "thể truy vết trách nhiệm khi hồ sơ bị chậm.",
        ],
    ),
    "phan_cong": (
        "Phân công xử lý",
        "Lãnh đạo {dept}",
        "0,5 ngày làm việc",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ; ý kiến phân công trên hệ thống",
        [
            "Lãnh đạo {dept} xem xét {subject}, phân công chuyên viên thụ lý phù hợp với lĩnh vực "
            "và khối lượng công việc, ghi ý kiến chỉ đạo và thời hạn hoàn thành.",
        ],
        [
            "Xác định chuyên viên chủ trì và chuyên viên phối hợp (nếu có)",
            "Ghi thời hạn xử lý cụ thể, bảo đảm tổng thời gian không vượt {days} ngày làm việc",
            "Nêu những điểm cần lưu ý khi thẩm định, các văn bản áp dụng",
            "Xác định có cần kiểm tra thực tế hoặc xin ý kiến cơ quan khác hay không",
            "Cập nhật phân công trên hệ thống quản lý văn bản và điều hành",
        ],
        [
            "Không phân công cho chuyên viên có quan hệ lợi ích với tổ chức, cá nhân có hồ sơ "
            "(xung đột lợi ích phải được khai báo).",
        ],
        [
            "Khi chuyên viên được phân công vắng mặt dài ngày, lãnh đạo phòng phân công lại ngay "
            "và ghi rõ trên Phiếu kiểm soát.",
        ],
    ),
    "tham_dinh": (
        "Thẩm định {subject}",
        "Chuyên viên {dept} được phân công",
        "{days_half} ngày làm việc",
        "Phiếu thẩm định hồ sơ; Tờ trình",
        [
            "Chuyên viên được phân công nghiên cứu, thẩm định {subject}, đối chiếu với điều kiện, "
            "tiêu chuẩn quy định tại các văn bản viện dẫn ở mục 3 và lập Phiếu thẩm định.",
            "Chuyên viên thụ lý kiểm tra nội dung {subject} về tính pháp lý, tính chính xác của "
            "thông tin và sự phù hợp với quy định hiện hành; ghi nhận kết quả vào Phiếu thẩm định.",
        ],
        [
            "Kiểm tra tính hợp pháp của từng thành phần hồ sơ, chữ ký và con dấu",
            "Đối chiếu thông tin với cơ sở dữ liệu ngành và sổ gốc (nếu có)",
            "Xác định các điều kiện còn thiếu hoặc chưa bảo đảm",
            "Đề xuất phương án giải quyết: chấp thuận, yêu cầu bổ sung hoặc từ chối",
            "Dự kiến các rủi ro pháp lý và biện pháp phòng ngừa",
            "Ghi ý kiến thẩm định rõ ràng, có căn cứ, ký và ghi rõ họ tên",
            "Trao đổi với tổ chức, cá nhân khi cần làm rõ thông tin, có ghi nhận bằng văn bản",
        ],
        [
            "Hồ sơ cần bổ sung: trong thời hạn 03 ngày làm việc kể từ ngày nhận, có văn bản "
            "thông báo một lần toàn bộ nội dung cần bổ sung gửi Bộ phận tiếp nhận để chuyển tổ "
            "chức, cá nhân.",
            "Hồ sơ không đủ điều kiện: dự thảo văn bản trả lời nêu rõ lý do, trình lãnh đạo phòng.",
        ],
        [
            "Trường hợp quá hạn xử lý, chuyên viên lập Phiếu xin lỗi và hẹn lại ngày trả kết quả, "
            "trình lãnh đạo Sở ký gửi tổ chức, cá nhân trước thời hạn ghi trên Giấy tiếp nhận.",
            "Các ý kiến thẩm định khác nhau giữa chuyên viên chủ trì và phối hợp được ghi đầy đủ "
            "để lãnh đạo phòng quyết định.",
        ],
    ),
    "kiem_tra_thuc_te": (
        "Kiểm tra thực tế",
        "Đoàn kiểm tra do Giám đốc Sở thành lập",
        "5 ngày làm việc",
        "Quyết định thành lập đoàn kiểm tra; Biên bản kiểm tra thực tế",
        [
            "Trường hợp quy định yêu cầu, {dept} tham mưu Giám đốc Sở thành lập đoàn kiểm tra thực"
            " tế các điều kiện về cơ sở vật chất, thiết bị, đội ngũ và các điều kiện khác liên "
            "quan đến {topic}.",
        ],
        [
            "Thông báo lịch kiểm tra cho tổ chức, cá nhân trước ít nhất 02 ngày làm việc",
            "Kiểm tra hiện trạng phòng học, phòng chức năng, thiết bị dạy học, an toàn phòng cháy",
            "Kiểm tra hồ sơ đội ngũ: trình độ đào tạo, chứng chỉ, hợp đồng lao động",
            "Kiểm tra các điều kiện bảo đảm quyền lợi người học, kể cả người học khuyết tật",
            "Chụp ảnh minh chứng, lập biên bản có chữ ký các bên",
            "Đề xuất kết luận: đạt hoặc không đạt, kèm lý do",
        ],
        [
            "Biên bản kiểm tra được lập ngay tại buổi kiểm tra, thông qua và ký xác nhận giữa đoàn "
            "kiểm tra và đại diện tổ chức, cá nhân.",
        ],
        [
            "Thành viên đoàn kiểm tra không nhận quà, tiền hoặc lợi ích khác từ tổ chức, cá nhân "
            "được kiểm tra; vi phạm bị xử lý theo quy định.",
        ],
    ),
    "du_thao": (
        "Dự thảo {result}",
        "Chuyên viên {dept} được phân công",
        "1 ngày làm việc",
        "Dự thảo văn bản; Tờ trình",
        [
            "Căn cứ kết quả thẩm định, chuyên viên thụ lý dự thảo {result}, lập Tờ trình tóm tắt "
            "nội dung, căn cứ pháp lý và đề xuất, trình lãnh đạo {dept} xem xét.",
        ],
        [
            "Văn bản trình bày đúng thể thức theo Nghị định số 30/2020/NĐ-CP",
            "Nội dung thống nhất với kết quả thẩm định, không phát sinh yêu cầu mới",
            "Trích dẫn đầy đủ căn cứ pháp lý còn hiệu lực",
            "Ký nháy vào cuối nội dung văn bản trước khi trình",
            "Kèm theo toàn bộ hồ sơ, Phiếu thẩm định và các ý kiến phối hợp",
        ],
        [
            "Lãnh đạo phòng kiểm tra nội dung, thể thức; nếu đồng ý thì ký nháy và trình lãnh đạo "
            "Sở, nếu chưa đồng ý thì ghi rõ ý kiến và trả lại chuyên viên để hoàn thiện.",
        ],
        [
            "Mọi lần trả lại dự thảo đều ghi ý kiến trên hệ thống để theo dõi thời gian xử lý.",
        ],
    ),
    "phe_duyet": (
        "Xem xét, phê duyệt",
        "Lãnh đạo Sở phụ trách lĩnh vực",
        "1 ngày làm việc",
        "{result} đã ký",
        [
            "Lãnh đạo Sở phụ trách lĩnh vực xem xét hồ sơ trình, ký duyệt {result} hoặc ghi ý kiến"
            " chỉ đạo để {dept} hoàn thiện.",
        ],
        [
            "Ký số trên văn bản điện tử hoặc ký trực tiếp trên bản giấy",
            "Trường hợp chưa đồng ý, ghi rõ nội dung cần chỉnh sửa và thời hạn",
            "Các vấn đề phức tạp, liên quan đến nhiều lĩnh vực được đưa ra họp giao ban Sở",
            "Văn bản thuộc thẩm quyền Ủy ban nhân dân tỉnh được ký Tờ trình gửi Ủy ban",
        ],
        [
            "Thời gian xem xét của lãnh đạo Sở không vượt thời hạn ghi trên Phiếu kiểm soát.",
        ],
        [
            "Khi lãnh đạo Sở phụ trách vắng mặt, Giám đốc Sở hoặc Phó Giám đốc được ủy quyền ký "
            "thay, bảo đảm hồ sơ không bị chậm.",
        ],
    ),
    "phat_hanh": (
        "Vào sổ, đóng dấu và phát hành",
        "Văn thư cơ quan",
        "0,5 ngày làm việc",
        "Sổ đăng ký văn bản đi",
        [
            "Văn thư cơ quan kiểm tra thể thức, ghi số, ngày tháng, đóng dấu và phát hành "
            "{result}; chuyển kết quả về Bộ phận tiếp nhận và trả kết quả hoặc gửi các nơi nhận.",
        ],
        [
            "Kiểm tra thể thức và kỹ thuật trình bày; trả lại nếu sai sót",
            "Lấy số, ngày văn bản theo hệ thống số chung của cơ quan",
            "Đóng dấu cơ quan và dấu chỉ mức độ khẩn, mật (nếu có)",
            "Phát hành văn bản điện tử qua trục liên thông văn bản quốc gia",
            "Lưu bản gốc tại Văn thư và một bản tại hồ sơ công việc",
        ],
        [
            "Văn bản được phát hành trong ngày ký hoặc chậm nhất vào ngày làm việc tiếp theo.",
        ],
        [
            "Văn bản phát hành có sai sót về thể thức được thu hồi và thay thế bằng văn bản đính "
            "chính theo quy định.",
        ],
    ),
    "tra_ket_qua": (
        "Trả kết quả",
        "Công chức Bộ phận tiếp nhận và trả kết quả",
        "Theo Giấy hẹn",
        "Sổ theo dõi hồ sơ; chữ ký người nhận",
        [
            "Bộ phận tiếp nhận và trả kết quả trả {result} cho tổ chức, cá nhân theo thời gian ghi "
            "trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả; cập nhật trạng thái hoàn thành trên hệ "
            "thống.",
        ],
        [
            "Kiểm tra giấy tờ tùy thân hoặc giấy ủy quyền của người nhận",
            "Người nhận ký nhận vào Sổ theo dõi hồ sơ",
            "Thu phí, lệ phí (nếu có) và giao biên lai",
            "Trả kết quả qua bưu chính khi tổ chức, cá nhân đã đăng ký",
            "Mời tổ chức, cá nhân đánh giá mức độ hài lòng trên hệ thống",
        ],
        [
            "Kết quả chưa được nhận sau 30 ngày được lưu tại Bộ phận tiếp nhận và thông báo cho "
            "tổ chức, cá nhân.",
        ],
        [
            "Ý kiến đánh giá, góp ý của người dân được tổng hợp hằng quý làm đầu vào đo lường sự "
            "hài lòng (ISO 9001 điều 9.1.2).",
        ],
    ),
    "luu_ho_so": (
        "Lưu hồ sơ",
        "Chuyên viên {dept}",
        "Thường xuyên",
        "Hồ sơ công việc theo mục 7",
        [
            "Chuyên viên thụ lý lập hồ sơ công việc về {topic}, sắp xếp tài liệu theo trình tự "
            "giải quyết và lưu theo mục 7 của quy trình này; hết năm nộp lưu vào Lưu trữ cơ quan "
            "theo Danh mục hồ sơ.",
        ],
        [
            "Hồ sơ được đánh số tờ, lập mục lục văn bản",
            "Hồ sơ điện tử được lưu trên hệ thống với siêu dữ liệu đầy đủ",
            "Hồ sơ chứa dữ liệu cá nhân được bảo vệ, chỉ người có thẩm quyền truy cập",
            "Bàn giao hồ sơ khi chuyên viên chuyển công tác",
        ],
        [
            "Thời hạn lưu theo Bảng thời hạn bảo quản tài liệu của ngành Giáo dục.",
        ],
        [
            "Hồ sơ hết thời hạn bảo quản chỉ được tiêu hủy theo quyết định của Giám đốc Sở sau khi "
            "Hội đồng xác định giá trị tài liệu xem xét.",
        ],
    ),
    # Planning and internal work
    "xac_dinh_yeu_cau": (
        "Xác định yêu cầu và thu thập thông tin đầu vào",
        "Chuyên viên {dept}",
        "3 ngày làm việc",
        "Bảng tổng hợp thông tin đầu vào",
        [
            "Căn cứ chỉ đạo của cấp trên, nhiệm vụ năm học và tình hình thực tế, {dept} xác định "
            "yêu cầu đối với {topic}, thu thập số liệu, báo cáo của các đơn vị và kết quả kỳ "
            "trước.",
            "{dept} rà soát các văn bản chỉ đạo mới, phân tích kết quả thực hiện kỳ trước và ý "
            "kiến của các bên quan tâm làm đầu vào cho {topic}.",
        ],
        [
            "Văn bản chỉ đạo của Bộ Giáo dục và Đào tạo, Tỉnh ủy, Ủy ban nhân dân tỉnh",
            "Kết quả thực hiện kỳ trước và những tồn tại, hạn chế",
            "Đề xuất của các phòng, đơn vị trực thuộc và cơ sở giáo dục",
            "Ý kiến phản hồi của người học, cha mẹ học sinh và người dân",
            "Các rủi ro và cơ hội đã được nhận diện trong sổ đăng ký rủi ro",
            "Nguồn lực hiện có: nhân lực, kinh phí, cơ sở vật chất",
            "Yêu cầu riêng đối với người học có hoàn cảnh khó khăn, người học khuyết tật",
        ],
        [
            "Thông tin đầu vào phải có nguồn rõ ràng, số liệu được đối chiếu với cơ sở dữ liệu "
            "ngành.",
        ],
        [
            "Khi số liệu của đơn vị chưa đầy đủ, chuyên viên đề nghị bổ sung bằng văn bản và ghi "
            "nhận hạn chế trong báo cáo.",
        ],
    ),
    "du_thao_ke_hoach": (
        "Xây dựng dự thảo {subject}",
        "Chuyên viên {dept} được phân công",
        "5 ngày làm việc",
        "Dự thảo {subject}",
        [
            "Chuyên viên được phân công xây dựng dự thảo {subject}, nêu rõ mục đích, yêu cầu, nội "
            "dung, thời gian, trách nhiệm của từng bộ phận và nguồn lực bảo đảm.",
        ],
        [
            "Mục tiêu cụ thể, đo lường được, gắn với mục tiêu chất lượng của Sở",
            "Nội dung công việc, sản phẩm đầu ra và tiêu chí hoàn thành",
            "Tiến độ thực hiện theo tháng hoặc theo mốc thời gian",
            "Phân công đơn vị chủ trì, đơn vị phối hợp",
            "Dự toán kinh phí và nguồn kinh phí",
            "Biện pháp giải quyết các rủi ro đã nhận diện",
            "Chế độ thông tin, báo cáo",
        ],
        [
            "Dự thảo thống nhất với kế hoạch năm học và chương trình công tác của Sở.",
        ],
        [
            "Những nội dung liên quan đến người học có nhu cầu đặc biệt được xây dựng riêng, bảo "
            "đảm tiếp cận và công bằng (ISO 21001 điều 5.1.3).",
        ],
    ),
    "lay_y_kien": (
        "Lấy ý kiến góp ý",
        "{dept}; các phòng, đơn vị liên quan",
        "5 ngày làm việc",
        "Văn bản góp ý; Bảng tổng hợp, tiếp thu, giải trình",
        [
            "{dept} gửi dự thảo xin ý kiến các phòng chuyên môn, đơn vị trực thuộc và đối tượng "
            "chịu tác động; tổng hợp, tiếp thu hoặc giải trình từng ý kiến.",
        ],
        [
            "Gửi dự thảo qua hệ thống quản lý văn bản và đăng trên trang thông tin nội bộ",
            "Nêu rõ thời hạn góp ý và đầu mối tiếp nhận",
            "Tổ chức hội thảo, tọa đàm đối với nội dung phức tạp",
            "Lập Bảng tổng hợp, tiếp thu, giải trình ý kiến",
            "Báo cáo lãnh đạo Sở những ý kiến khác nhau chưa thống nhất",
        ],
        [
            "Mỗi ý kiến góp ý đều được trả lời: tiếp thu toàn bộ, tiếp thu một phần hoặc giải "
            "trình lý do không tiếp thu.",
        ],
        [
            "Quá thời hạn mà đơn vị không có ý kiến được hiểu là đồng ý với dự thảo.",
        ],
    ),
    "trinh_duyet": (
        "Hoàn thiện và trình phê duyệt",
        "Trưởng {dept}",
        "3 ngày làm việc",
        "Tờ trình; dự thảo đã hoàn thiện",
        [
            "Trưởng {dept} kiểm tra dự thảo đã hoàn thiện sau góp ý, ký Tờ trình và trình Giám đốc"
            " Sở (hoặc Phó Giám đốc phụ trách) xem xét, phê duyệt.",
        ],
        [
            "Tờ trình nêu rõ sự cần thiết, quá trình xây dựng, nội dung chính",
            "Kèm theo Bảng tổng hợp ý kiến góp ý",
            "Kiểm tra thể thức văn bản trước khi trình",
            "Trường hợp thuộc thẩm quyền Ủy ban nhân dân tỉnh, dự thảo Tờ trình của Sở gửi Ủy ban",
        ],
        [
            "Lãnh đạo Sở cho ý kiến trong 03 ngày làm việc; nội dung chưa đạt được trả lại kèm ý "
            "kiến cụ thể.",
        ],
        [
            "Nội dung phức tạp được đưa ra họp giao ban lãnh đạo Sở trước khi phê duyệt.",
        ],
    ),
    "trien_khai": (
        "Ban hành và triển khai",
        "Văn phòng Sở; {dept}",
        "2 ngày làm việc",
        "Văn bản ban hành; danh sách nơi nhận",
        [
            "Sau khi được phê duyệt, văn bản được phát hành đến các phòng, đơn vị trực thuộc và cơ "
            "sở giáo dục; {dept} tổ chức quán triệt, hướng dẫn thực hiện.",
        ],
        [
            "Phát hành qua hệ thống quản lý văn bản và điều hành",
            "Đăng tải trên Cổng thông tin điện tử của Sở khi nội dung cần công khai",
            "Tổ chức hội nghị triển khai hoặc hướng dẫn trực tuyến",
            "Giải đáp vướng mắc của đơn vị trong quá trình thực hiện",
            "Cập nhật vào danh mục tài liệu của hệ thống quản lý",
        ],
        [
            "Mọi đơn vị liên quan xác nhận đã nhận và nắm được nội dung.",
        ],
        [
            "Đơn vị ở vùng khó khăn về đường truyền được gửi thêm bản giấy để bảo đảm tiếp cận.",
        ],
    ),
    "to_chuc_thuc_hien": (
        "Tổ chức thực hiện",
        "Các phòng, đơn vị được giao nhiệm vụ",
        "Theo kế hoạch",
        "Báo cáo tiến độ; minh chứng thực hiện",
        [
            "Các phòng, đơn vị tổ chức thực hiện {subject} theo nhiệm vụ được giao, bảo đảm tiến "
            "độ, chất lượng và báo cáo kết quả theo quy định.",
        ],
        [
            "Phân công cụ thể người chịu trách nhiệm từng nội dung",
            "Bố trí nguồn lực theo kế hoạch đã duyệt",
            "Ghi chép, lưu minh chứng thực hiện",
            "Báo cáo ngay khó khăn, vướng mắc vượt thẩm quyền",
            "Đề xuất điều chỉnh khi điều kiện thực tế thay đổi",
        ],
        [
            "Việc điều chỉnh nội dung, tiến độ phải được lãnh đạo Sở chấp thuận bằng văn bản.",
        ],
        [
            "Các thay đổi có ảnh hưởng đến người học được thông báo kịp thời cho người học và cha "
            "mẹ học sinh.",
        ],
    ),
    "theo_doi": (
        "Theo dõi, kiểm tra, đôn đốc",
        "{dept}",
        "Hằng tháng",
        "Sổ theo dõi; biên bản kiểm tra",
        [
            "{dept} theo dõi tiến độ, kiểm tra việc thực hiện tại các đơn vị, đôn đốc những nội "
            "dung chậm và báo cáo lãnh đạo Sở tại cuộc họp giao ban hằng tháng.",
        ],
        [
            "Cập nhật tiến độ từng nhiệm vụ trên bảng theo dõi",
            "Kiểm tra trực tiếp hoặc trực tuyến tại một số đơn vị",
            "Nhắc việc các nhiệm vụ sắp đến hạn, quá hạn",
            "Ghi nhận sự không phù hợp và yêu cầu hành động khắc phục",
            "Báo cáo lãnh đạo Sở các vấn đề phát sinh",
        ],
        [
            "Các nhiệm vụ quá hạn được ghi rõ nguyên nhân và thời hạn hoàn thành mới.",
        ],
        [
            "Sự không phù hợp phát hiện khi kiểm tra được xử lý theo quy trình kiểm soát sự không "
            "phù hợp và hành động khắc phục.",
        ],
    ),
    "bao_cao": (
        "Tổng hợp, báo cáo kết quả",
        "{dept}",
        "5 ngày làm việc",
        "Báo cáo kết quả",
        [
            "{dept} tổng hợp kết quả thực hiện {topic}, đánh giá mức độ đạt mục tiêu, nêu tồn tại,"
            " nguyên nhân và đề xuất giải pháp; báo cáo lãnh đạo Sở và cơ quan cấp trên.",
        ],
        [
            "Số liệu được đối chiếu với báo cáo của các đơn vị và cơ sở dữ liệu ngành",
            "Đánh giá kết quả so với chỉ tiêu, mục tiêu đã đặt ra",
            "Phân tích nguyên nhân chủ quan, khách quan của tồn tại",
            "Đề xuất giải pháp cho kỳ tiếp theo",
            "Báo cáo đúng thời hạn và mẫu biểu của cơ quan cấp trên",
        ],
        [
            "Báo cáo được lãnh đạo phòng ký trước khi trình lãnh đạo Sở.",
        ],
        [
            "Kết quả được sử dụng làm đầu vào cho xem xét của lãnh đạo (ISO 9001 điều 9.3).",
        ],
    ),
    "rut_kinh_nghiem": (
        "Đánh giá, rút kinh nghiệm",
        "{dept}; Lãnh đạo Sở",
        "Cuối kỳ",
        "Biên bản họp rút kinh nghiệm",
        [
            "Kết thúc kỳ thực hiện, {dept} tổ chức họp đánh giá, rút kinh nghiệm, xác định cơ hội "
            "cải tiến và cập nhật quy trình khi cần.",
        ],
        [
            "Đánh giá hiệu lực của quy trình và các biện pháp xử lý rủi ro",
            "Ghi nhận sáng kiến, cách làm hay để nhân rộng",
            "Đề xuất sửa đổi tài liệu theo quy trình kiểm soát tài liệu",
            "Xác định nhu cầu đào tạo, bồi dưỡng cho công chức thực hiện",
        ],
        [
            "Biên bản họp được gửi Phòng Quản lý chất lượng để theo dõi cải tiến.",
        ],
        [
            "Đề xuất cải tiến được đưa vào sổ theo dõi cơ hội cải tiến của Sở.",
        ],
    ),
    # Councils, exams and recognition
    "ke_hoach_hd": (
        "Xây dựng kế hoạch {topic}",
        "{dept}",
        "10 ngày làm việc",
        "Kế hoạch được phê duyệt",
        [
            "{dept} xây dựng kế hoạch {topic}, xác định đối tượng, điều kiện, tiêu chuẩn, hình "
            "thức, thời gian, kinh phí và trình Giám đốc Sở phê duyệt.",
        ],
        [
            "Căn cứ chỉ tiêu, nhu cầu và điều kiện thực tế của tỉnh",
            "Tiêu chuẩn, điều kiện được nêu cụ thể, công khai",
            "Lịch trình chi tiết từ khi thông báo đến khi công bố kết quả",
            "Phương án bảo đảm an ninh, an toàn, bảo mật thông tin",
            "Dự toán kinh phí tổ chức",
            "Biện pháp hỗ trợ người có hoàn cảnh khó khăn, người khuyết tật tham gia",
        ],
        [
            "Kế hoạch phải được ban hành trước thời điểm thông báo ít nhất 10 ngày.",
        ],
        [
            "Kế hoạch được báo cáo cơ quan cấp trên khi quy định yêu cầu.",
        ],
    ),
    "thong_bao": (
        "Thông báo công khai",
        "{dept}; Văn phòng Sở",
        "Tối thiểu 15 ngày",
        "Thông báo; ảnh chụp trang đăng tải",
        [
            "Thông báo về {topic} được đăng trên Cổng thông tin điện tử của Sở, niêm yết tại trụ sở"
            " và gửi các đơn vị liên quan, nêu rõ điều kiện, hồ sơ, thời hạn và địa điểm nộp.",
        ],
        [
            "Nội dung thông báo đầy đủ, dễ hiểu, có số điện thoại giải đáp",
            "Đăng tải bằng tiếng Việt và phổ biến qua nhà trường tới vùng đồng bào dân tộc thiểu "
            "số",
            "Lưu bằng chứng đăng tải (ảnh chụp, đường dẫn, ngày đăng)",
            "Cập nhật thông báo khi có điều chỉnh",
        ],
        [
            "Thời gian thông báo không ngắn hơn thời hạn pháp luật quy định.",
        ],
        [
            "Các câu hỏi thường gặp được tổng hợp và đăng tải kèm thông báo.",
        ],
    ),
    "thanh_lap_hd": (
        "Thành lập hội đồng và các ban giúp việc",
        "Giám đốc Sở; {dept} tham mưu",
        "3 ngày làm việc",
        "Quyết định thành lập hội đồng",
        [
            "{dept} tham mưu Giám đốc Sở ban hành quyết định thành lập hội đồng và các ban giúp "
            "việc cho {topic}, quy định rõ nhiệm vụ, quyền hạn của từng thành viên.",
        ],
        [
            "Thành phần hội đồng bảo đảm đủ chuyên môn, số lượng theo quy định",
            "Thành viên ký cam kết không có xung đột lợi ích",
            "Phân công nhiệm vụ cụ thể từng ban",
            "Quy định chế độ làm việc, biểu quyết của hội đồng",
        ],
        [
            "Người có người thân tham gia dự tuyển, dự thi không được tham gia hội đồng.",
        ],
        [
            "Hội đồng tự giải thể sau khi hoàn thành nhiệm vụ.",
        ],
    ),
    "nhan_ho_so_hd": (
        "Tiếp nhận {subject}",
        "Bộ phận tiếp nhận của hội đồng",
        "Theo thông báo",
        "Sổ tiếp nhận hồ sơ; danh sách đăng ký",
        [
            "Bộ phận giúp việc tiếp nhận {subject}, kiểm tra thành phần, vào sổ và lập danh sách; "
            "hồ sơ đăng ký trực tuyến được kiểm tra trên hệ thống.",
        ],
        [
            "Kiểm tra đủ thành phần hồ sơ theo thông báo",
            "Giao phiếu tiếp nhận có ghi ngày, người nhận",
            "Lập danh sách đăng ký theo đơn vị, theo đối tượng",
            "Bảo mật thông tin cá nhân của người đăng ký",
        ],
        [
            "Không tiếp nhận hồ sơ nộp sau thời hạn ghi trong thông báo.",
        ],
        [
            "Người đăng ký được kiểm tra, điều chỉnh thông tin cá nhân trước khi chốt danh sách.",
        ],
    ),
    "xet_dieu_kien": (
        "Kiểm tra điều kiện, tiêu chuẩn",
        "Ban thẩm định của hội đồng",
        "5 ngày làm việc",
        "Biên bản kiểm tra điều kiện; danh sách đủ điều kiện",
        [
            "Ban thẩm định kiểm tra điều kiện, tiêu chuẩn của từng trường hợp, lập danh sách đủ và"
            " không đủ điều kiện, trình hội đồng xem xét.",
        ],
        [
            "Đối chiếu văn bằng, chứng chỉ với bản chính hoặc cơ sở dữ liệu",
            "Xác minh các minh chứng ưu tiên, khuyến khích",
            "Ghi rõ lý do với trường hợp không đủ điều kiện",
            "Công khai danh sách đủ điều kiện trên Cổng thông tin của Sở",
        ],
        [
            "Người không đủ điều kiện được thông báo bằng văn bản, nêu rõ lý do.",
        ],
        [
            "Trường hợp phát hiện hồ sơ giả mạo, hội đồng lập biên bản và chuyển cơ quan có thẩm "
            "quyền xử lý.",
        ],
    ),
    "to_chuc_xet": (
        "Tổ chức thi, xét hoặc đánh giá",
        "Hội đồng; các ban giúp việc",
        "Theo kế hoạch",
        "Biên bản; bài thi, phiếu đánh giá",
        [
            "Hội đồng tổ chức thi, xét tuyển hoặc đánh giá theo kế hoạch đã phê duyệt, bảo đảm "
            "công khai, khách quan, công bằng và đúng quy chế.",
        ],
        [
            "Phổ biến quy chế, nội quy cho thí sinh và cán bộ làm nhiệm vụ",
            "Bảo mật đề thi, phiếu đánh giá theo quy định",
            "Lập biên bản từng buổi, từng phần việc",
            "Bố trí hỗ trợ cho thí sinh khuyết tật theo quy chế",
            "Xử lý ngay các tình huống bất thường và báo cáo Chủ tịch hội đồng",
            "Chấm, đánh giá độc lập bởi hai thành viên đối với bài thi tự luận",
        ],
        [
            "Mọi sự cố trong quá trình tổ chức được ghi biên bản, có chữ ký của người chứng kiến.",
        ],
        [
            "Các trường hợp vi phạm quy chế được xử lý theo quy định và thông báo cho người vi "
            "phạm.",
        ],
    ),
    "tong_hop_kq": (
        "Tổng hợp kết quả và họp hội đồng",
        "Thư ký hội đồng; Hội đồng",
        "3 ngày làm việc",
        "Biên bản họp hội đồng; bảng tổng hợp kết quả",
        [
            "Thư ký hội đồng tổng hợp kết quả; hội đồng họp xem xét, thống nhất danh sách đề nghị "
            "công nhận và ghi biên bản.",
        ],
        [
            "Kiểm tra, đối chiếu điểm, kết quả với biên bản gốc",
            "Biểu quyết các trường hợp đặc biệt",
            "Thành viên có ý kiến khác được ghi vào biên bản",
            "Chủ tịch hội đồng ký biên bản và danh sách",
        ],
        [
            "Cuộc họp hội đồng chỉ hợp lệ khi có ít nhất hai phần ba số thành viên tham dự.",
        ],
        [
            "Dữ liệu kết quả được sao lưu hai bản, một bản lưu ngoại tuyến.",
        ],
    ),
    "cong_khai_kq": (
        "Công khai kết quả và giải quyết phúc khảo, kiến nghị",
        "{dept}; Hội đồng",
        "10 ngày",
        "Thông báo kết quả; đơn phúc khảo; kết quả phúc khảo",
        [
            "Kết quả được thông báo cho người dự tuyển, dự thi và công khai trên Cổng thông tin "
            "của Sở; đơn phúc khảo, kiến nghị được tiếp nhận và giải quyết theo quy định.",
        ],
        [
            "Thông báo thời hạn nhận đơn phúc khảo, kiến nghị",
            "Thành lập ban phúc khảo độc lập với ban chấm",
            "Trả lời bằng văn bản từng đơn phúc khảo",
            "Điều chỉnh kết quả khi phúc khảo có thay đổi",
            "Ghi nhận các kiến nghị làm đầu vào cải tiến",
        ],
        [
            "Thời hạn giải quyết phúc khảo không quá 15 ngày kể từ ngày hết hạn nhận đơn.",
        ],
        [
            "Khiếu nại vượt quá phạm vi phúc khảo được chuyển Thanh tra Sở giải quyết theo quy "
            "trình giải quyết khiếu nại.",
        ],
    ),
    "quyet_dinh": (
        "Ban hành {result}",
        "Giám đốc Sở",
        "3 ngày làm việc",
        "{result}",
        [
            "{dept} dự thảo {result} trình Giám đốc Sở ký ban hành; quyết định được gửi người có "
            "tên, đơn vị liên quan và đăng tải công khai.",
        ],
        [
            "Kèm theo danh sách được công nhận",
            "Gửi cơ quan cấp trên theo quy định",
            "Cập nhật cơ sở dữ liệu ngành",
            "In, cấp giấy chứng nhận hoặc bằng khen (nếu có)",
        ],
        [
            "Quyết định được ban hành chậm nhất 05 ngày làm việc sau khi có biên bản hội đồng.",
        ],
        [
            "Sai sót phát hiện sau khi ban hành được đính chính bằng quyết định sửa đổi.",
        ],
    ),
    # Inspection
    "ke_hoach_tt": (
        "Tiếp nhận, xác định nội dung và xây dựng kế hoạch",
        "Chánh Thanh tra Sở",
        "5 ngày làm việc",
        "Kế hoạch; báo cáo đề xuất",
        [
            "Căn cứ kế hoạch thanh tra năm, chỉ đạo của Giám đốc Sở hoặc {subject} đủ điều kiện "
            "thụ lý, Chánh Thanh tra Sở xác định nội dung, phạm vi, đối tượng và đề xuất tiến hành."
        ],
        [
            "Thu thập thông tin, tài liệu về đối tượng",
            "Xác định nội dung trọng tâm, thời kỳ",
            "Dự kiến thành phần đoàn, thời gian tiến hành",
            "Kiểm tra trùng lặp với hoạt động thanh tra, kiểm toán khác",
        ],
        [
            "Không tiến hành trùng lặp về nội dung, thời kỳ với cơ quan thanh tra, kiểm toán khác.",
        ],
        [
            "Thông tin về người tố cáo, phản ánh được giữ bí mật tuyệt đối.",
        ],
    ),
    "quyet_dinh_tt": (
        "Ban hành quyết định và thành lập đoàn",
        "Giám đốc Sở; Chánh Thanh tra Sở",
        "3 ngày làm việc",
        "Quyết định thanh tra, kiểm tra",
        [
            "Người có thẩm quyền ban hành quyết định tiến hành, thành lập đoàn, nêu rõ căn cứ, "
            "phạm "
            "vi, nội dung, thời hạn, trưởng đoàn và thành viên.",
        ],
        [
            "Gửi quyết định cho đối tượng trước ngày công bố",
            "Thành viên đoàn ký cam kết không xung đột lợi ích",
            "Phổ biến kế hoạch tiến hành cho thành viên đoàn",
        ],
        [
            "Thời hạn một cuộc thanh tra không vượt quá thời hạn Luật Thanh tra quy định.",
        ],
        [
            "Việc gia hạn phải có quyết định của người ra quyết định thanh tra.",
        ],
    ),
    "tien_hanh_tt": (
        "Công bố quyết định và tiến hành thanh tra, xác minh",
        "Đoàn thanh tra",
        "Theo quyết định",
        "Biên bản công bố; biên bản làm việc; tài liệu thu thập",
        [
            "Đoàn công bố quyết định, yêu cầu đối tượng báo cáo, cung cấp hồ sơ, tài liệu; tiến "
            "hành kiểm tra, xác minh, làm việc với người có liên quan.",
        ],
        [
            "Lập biên bản công bố quyết định",
            "Yêu cầu cung cấp thông tin, tài liệu bằng văn bản",
            "Kiểm tra, xác minh tại nơi có liên quan",
            "Lập biên bản mỗi buổi làm việc",
            "Báo cáo tiến độ với người ra quyết định",
            "Lập Nhật ký đoàn thanh tra",
        ],
        [
            "Tài liệu thu thập được bảo quản, không làm hư hỏng, thất lạc.",
        ],
        [
            "Khi phát hiện hành vi vi phạm đến mức truy cứu trách nhiệm hình sự, kiến nghị chuyển "
            "cơ quan điều tra.",
        ],
    ),
    "bao_cao_tt": (
        "Báo cáo kết quả và dự thảo kết luận",
        "Trưởng đoàn; Chánh Thanh tra Sở",
        "15 ngày",
        "Báo cáo kết quả; dự thảo kết luận",
        [
            "Trưởng đoàn báo cáo kết quả; Chánh Thanh tra dự thảo kết luận, gửi đối tượng giải "
            "trình trước khi trình người có thẩm quyền ký.",
        ],
        [
            "Nêu rõ đúng, sai, nguyên nhân, trách nhiệm",
            "Kiến nghị biện pháp xử lý, khắc phục",
            "Tổng hợp ý kiến giải trình của đối tượng",
        ],
        [
            "Kết luận phải dựa trên chứng cứ, có căn cứ pháp lý rõ ràng.",
        ],
        [
            "Ý kiến khác nhau trong đoàn được báo cáo đầy đủ.",
        ],
    ),
    "ket_luan_tt": (
        "Ban hành và công khai {result}",
        "Giám đốc Sở; Chánh Thanh tra Sở",
        "5 ngày làm việc",
        "{result}",
        [
            "Người có thẩm quyền ký ban hành {result}; kết luận được gửi đối tượng, cơ quan liên "
            "quan và công khai theo quy định.",
        ],
        [
            "Công khai trên Cổng thông tin điện tử của Sở",
            "Gửi Thanh tra tỉnh theo chế độ báo cáo",
            "Theo dõi việc thực hiện các kiến nghị",
        ],
        [
            "Việc công khai không bao gồm thông tin bí mật nhà nước và dữ liệu cá nhân.",
        ],
        [
            "Các kiến nghị được theo dõi trên sổ đến khi có kết quả thực hiện.",
        ],
    ),
    "theo_doi_tt": (
        "Theo dõi, đôn đốc thực hiện kết luận",
        "Thanh tra Sở",
        "Theo kết luận",
        "Báo cáo thực hiện kết luận",
        [
            "Thanh tra Sở theo dõi, đôn đốc, kiểm tra việc thực hiện kết luận, kiến nghị; báo cáo "
            "Giám đốc Sở kết quả hoặc đề xuất xử lý khi không thực hiện.",
        ],
        [
            "Yêu cầu đối tượng báo cáo kết quả thực hiện",
            "Kiểm tra trực tiếp khi cần",
            "Đề xuất xử lý trách nhiệm khi chậm thực hiện",
        ],
        [
            "Hoạt động theo dõi được ghi vào hồ sơ cuộc thanh tra.",
        ],
        [
            "Kết quả được dùng làm căn cứ xây dựng kế hoạch thanh tra năm sau.",
        ],
    ),
    # Finance
    "huong_dan_tc": (
        "Hướng dẫn và xác định nhu cầu",
        "Phòng Kế hoạch – Tài chính",
        "5 ngày làm việc",
        "Văn bản hướng dẫn",
        [
            "Phòng Kế hoạch – Tài chính ban hành văn bản hướng dẫn các đơn vị về {topic}, thời "
            "hạn và biểu mẫu; các đơn vị xác định nhu cầu trên cơ sở nhiệm vụ được giao.",
        ],
        [
            "Căn cứ hướng dẫn của Sở Tài chính và Ủy ban nhân dân tỉnh",
            "Định mức phân bổ theo Nghị quyết của Hội đồng nhân dân tỉnh",
            "Biểu mẫu thống nhất, có hướng dẫn ghi",
            "Thời hạn gửi hồ sơ về Sở",
        ],
        [
            "Nhu cầu phải có thuyết minh cơ sở tính toán.",
        ],
        [
            "Ưu tiên các nhu cầu phục vụ trực tiếp người học, trường vùng đặc biệt khó khăn.",
        ],
    ),
    "lap_ho_so_tc": (
        "Lập {subject}",
        "Đơn vị dự toán; kế toán đơn vị",
        "10 ngày làm việc",
        "{subject}",
        [
            "Các đơn vị lập {subject} theo hướng dẫn, có thuyết minh chi tiết, gửi Phòng Kế hoạch "
            "– Tài chính.",
        ],
        [
            "Số liệu khớp với sổ kế toán và báo cáo tài chính",
            "Thuyết minh rõ căn cứ, định mức",
            "Thủ trưởng đơn vị ký và đóng dấu",
            "Gửi bản điện tử qua hệ thống",
        ],
        [
            "Hồ sơ không đúng mẫu được trả lại để hoàn thiện trong 03 ngày.",
        ],
        [
            "Kế toán đơn vị chịu trách nhiệm về tính chính xác của số liệu.",
        ],
    ),
    "tham_dinh_tc": (
        "Thẩm định",
        "Phòng Kế hoạch – Tài chính",
        "10 ngày làm việc",
        "Biên bản thẩm định",
        [
            "Phòng Kế hoạch – Tài chính thẩm định {subject} của từng đơn vị, làm việc trực tiếp "
            "với "
            "đơn vị khi cần và lập biên bản thẩm định.",
        ],
        [
            "Kiểm tra sự phù hợp với chế độ, định mức, tiêu chuẩn",
            "Xác định các khoản chi không đúng quy định",
            "Thống nhất số liệu với đơn vị",
            "Ghi rõ ý kiến thẩm định",
        ],
        [
            "Biên bản thẩm định có chữ ký của đại diện đơn vị và Phòng Kế hoạch – Tài chính.",
        ],
        [
            "Các khoản chi sai chế độ được yêu cầu xuất toán, thu hồi.",
        ],
    ),
    "trinh_tc": (
        "Tổng hợp, trình phê duyệt",
        "Phòng Kế hoạch – Tài chính; Giám đốc Sở",
        "5 ngày làm việc",
        "Tờ trình; quyết định phê duyệt",
        [
            "Phòng Kế hoạch – Tài chính tổng hợp, lập Tờ trình trình Giám đốc Sở phê duyệt hoặc "
            "trình cơ quan tài chính theo phân cấp.",
        ],
        [
            "Biểu tổng hợp toàn ngành",
            "Thuyết minh các thay đổi so với năm trước",
            "Kiến nghị về cơ chế, chính sách",
        ],
        [
            "Hồ sơ trình đúng thời hạn của Sở Tài chính.",
        ],
        [
            "Các ý kiến của cơ quan tài chính được phản hồi trong 05 ngày làm việc.",
        ],
    ),
    "thuc_hien_tc": (
        "Thực hiện và kiểm soát",
        "Các đơn vị; Phòng Kế hoạch – Tài chính",
        "Trong năm ngân sách",
        "Chứng từ kế toán; báo cáo định kỳ",
        [
            "Các đơn vị thực hiện theo dự toán, quyết định được giao; Phòng Kế hoạch – Tài chính "
            "theo dõi, kiểm soát, hướng dẫn xử lý vướng mắc.",
        ],
        [
            "Chi đúng nội dung, định mức",
            "Chứng từ hợp pháp, hợp lệ",
            "Báo cáo tình hình thực hiện hằng quý",
            "Đề nghị điều chỉnh khi nhiệm vụ thay đổi",
        ],
        [
            "Không chi vượt dự toán được giao.",
        ],
        [
            "Rủi ro chậm giải ngân được báo cáo sớm để có biện pháp.",
        ],
    ),
    "quyet_toan_tc": (
        "Nghiệm thu, quyết toán",
        "Các đơn vị; Phòng Kế hoạch – Tài chính",
        "Theo quy định",
        "Biên bản nghiệm thu; báo cáo quyết toán",
        [
            "Kết thúc nhiệm vụ hoặc năm ngân sách, các đơn vị lập hồ sơ nghiệm thu, quyết toán; "
            "Phòng Kế hoạch – Tài chính xét duyệt và thông báo kết quả.",
        ],
        [
            "Đối chiếu số liệu với Kho bạc Nhà nước",
            "Nghiệm thu khối lượng, chất lượng",
            "Thông báo xét duyệt quyết toán",
        ],
        [
            "Hồ sơ quyết toán đầy đủ, đúng thời hạn.",
        ],
        [
            "Số kinh phí chưa sử dụng được xử lý theo quy định của Luật Ngân sách nhà nước.",
        ],
    ),
    "cong_khai_tc": (
        "Công khai",
        "Phòng Kế hoạch – Tài chính; các đơn vị",
        "Theo quy định",
        "Biên bản công khai; ảnh chụp niêm yết",
        [
            "Kết quả được công khai theo quy định về công khai ngân sách và công khai trong cơ sở "
            "giáo dục.",
        ],
        [
            "Niêm yết tại trụ sở ít nhất 30 ngày",
            "Đăng tải trên Cổng thông tin điện tử",
            "Công bố tại hội nghị cán bộ, công chức, viên chức",
        ],
        [
            "Nội dung công khai đúng biểu mẫu quy định.",
        ],
        [
            "Ý kiến phản hồi về nội dung công khai được trả lời bằng văn bản.",
        ],
    ),
}

FAMILIES = {
    "tthc": [
        "tiep_nhan",
        "chuyen_ho_so",
        "phan_cong",
        "tham_dinh",
        "kiem_tra_thuc_te",
        "du_thao",
        "phe_duyet",
        "phat_hanh",
        "tra_ket_qua",
        "luu_ho_so",
    ],
    "noi_bo": [
        "xac_dinh_yeu_cau",
        "du_thao_ke_hoach",
        "trinh_duyet",
        "trien_khai",
        "theo_doi",
        "bao_cao",
        "luu_ho_so",
    ],
    "ke_hoach": [
        "xac_dinh_yeu_cau",
        "du_thao_ke_hoach",
        "lay_y_kien",
        "trinh_duyet",
        "trien_khai",
        "to_chuc_thuc_hien",
        "theo_doi",
        "bao_cao",
        "rut_kinh_nghiem",
        "luu_ho_so",
    ],
    "iso": [
        "xac_dinh_yeu_cau",
        "du_thao_ke_hoach",
        "lay_y_kien",
        "trinh_duyet",
        "trien_khai",
        "to_chuc_thuc_hien",
        "theo_doi",
        "bao_cao",
        "rut_kinh_nghiem",
        "luu_ho_so",
    ],
    "hoi_dong": [
        "ke_hoach_hd",
        "thong_bao",
        "thanh_lap_hd",
        "nhan_ho_so_hd",
        "xet_dieu_kien",
        "to_chuc_xet",
        "tong_hop_kq",
        "cong_khai_kq",
        "quyet_dinh",
        "luu_ho_so",
    ],
    "thanh_tra": [
        "ke_hoach_tt",
        "quyet_dinh_tt",
        "tien_hanh_tt",
        "bao_cao_tt",
        "ket_luan_tt",
        "theo_doi_tt",
        "luu_ho_so",
    ],
    "tai_chinh": [
        "huong_dan_tc",
        "lap_ho_so_tc",
        "tham_dinh_tc",
        "trinh_tc",
        "thuc_hien_tc",
        "quyet_toan_tc",
        "cong_khai_tc",
        "luu_ho_so",
    ],
}


# Ways of working that apply to every step, one or two drawn per step.
CONTROLS = [
    "Người thực hiện kiểm tra lại kết quả của bước trước khi chuyển tiếp; nếu phát hiện sai sót "
    "thì trả lại bước trước kèm ý kiến cụ thể, không tự ý sửa chữa tài liệu của người khác.",
    "Các thông tin, số liệu sử dụng ở bước này được lấy từ cơ sở dữ liệu ngành hoặc văn bản có "
    "giá trị pháp lý; không sử dụng số liệu ước tính khi chưa được lãnh đạo phòng chấp thuận.",
    "Rủi ro chính ở bước này là chậm tiến độ do thiếu thông tin; biện pháp kiểm soát là nhắc việc "
    "tự động trên hệ thống và báo cáo lãnh đạo phòng trước hạn 01 ngày làm việc.",
    "Rủi ro về lộ, lọt thông tin cá nhân của người học được kiểm soát bằng việc phân quyền truy "
    "cập hồ sơ điện tử và không gửi dữ liệu cá nhân qua thư điện tử cá nhân hoặc mạng xã hội.",
    "Kết quả của bước được ghi nhận trên hệ thống quản lý văn bản và điều hành để lãnh đạo theo "
    "dõi được trạng thái xử lý ở mọi thời điểm.",
    "Trường hợp phát sinh nội dung chưa được quy định, người thực hiện báo cáo lãnh đạo phòng để "
    "xin ý kiến chỉ đạo bằng văn bản, đồng thời đề xuất bổ sung vào quy trình khi rà soát.",
    "Mọi trao đổi với tổ chức, cá nhân bên ngoài ở bước này được thực hiện bằng văn bản hoặc ghi "
    "nhận trên hệ thống; thái độ giao tiếp văn minh, lịch sự theo Quy chế văn hóa công sở.",
    "Thời gian thực hiện bước này được tính vào tổng thời hạn giải quyết; bước chậm làm phát sinh "
    "trách nhiệm giải trình của người thực hiện trước lãnh đạo phòng và lãnh đạo Sở.",
    "Đối với đơn vị ở vùng đặc biệt khó khăn, đường truyền hạn chế, được phép gửi hồ sơ bản giấy "
    "qua bưu chính; thời gian chuyển phát không tính vào thời hạn xử lý của Sở.",
    "Ý kiến phản hồi của người học, cha mẹ học sinh và tổ chức, cá nhân liên quan đến bước này "
    "được ghi nhận và chuyển Phòng Quản lý chất lượng tổng hợp hằng quý.",
]

# How a step is carried out, three drawn per step.
HOW = [
    "Người thực hiện mở {subject} trên hệ thống, kiểm tra trạng thái xử lý và thời hạn còn lại "
    "trước khi bắt đầu; nếu thời hạn còn dưới một ngày làm việc thì báo ngay lãnh đạo phòng.",
    "Các tài liệu kèm theo được đối chiếu lần lượt với danh mục; tài liệu thiếu hoặc không rõ "
    "được ghi vào phần ý kiến, không để tồn đọng sang ngày làm việc tiếp theo.",
    "Khi cần ý kiến chuyên môn của phòng khác, người thực hiện gửi phiếu xin ý kiến qua hệ thống, "
    "nêu rõ nội dung, thời hạn trả lời và đính kèm đầy đủ tài liệu liên quan đến {topic}.",
    "Những nội dung có tác động đến quyền lợi của người học được xem xét kỹ về tính công bằng, "
    "khả năng tiếp cận của người học khuyết tật và người học vùng đồng bào dân tộc thiểu số.",
    "Mọi số liệu được ghi theo đơn vị tính thống nhất của ngành; số liệu tổng hợp được đối chiếu "
    "ít nhất với một nguồn độc lập trước khi sử dụng trong {result}.",
    "Văn bản, biểu mẫu sử dụng ở bước này là phiên bản hiện hành trong Danh mục tài liệu của Sở; "
    "không sử dụng bản in cũ hoặc bản lưu trên máy tính cá nhân.",
    "Người thực hiện ghi nhận thời điểm hoàn thành trên hệ thống; thời gian thực tế được dùng để "
    "tính chỉ số giải quyết đúng hạn của {dept}.",
    "Khi khối lượng công việc tăng đột biến (mùa tuyển sinh, thi cử, cuối năm ngân sách), lãnh "
    "đạo {dept} bố trí thêm người hỗ trợ để không làm chậm {subject}.",
    "Trao đổi qua điện thoại với tổ chức, cá nhân được ghi tóm tắt vào hồ sơ, gồm ngày, giờ, người "
    "trao đổi và nội dung thống nhất.",
    "Bản điện tử và bản giấy của {subject} phải thống nhất; khi có khác biệt, bản có chữ ký, đóng "
    "dấu hợp lệ được dùng làm căn cứ và sai khác được ghi nhận.",
    "Sau khi hoàn thành, người thực hiện chuyển hồ sơ sang bước tiếp theo ngay trong ngày, kèm ý "
    "kiến tóm tắt kết quả của bước mình thực hiện.",
    "Những vướng mắc lặp lại nhiều lần được ghi vào sổ theo dõi để xem xét sửa đổi quy trình ở kỳ "
    "rà soát tiếp theo.",
]

DEFAULT_INTERVALS = {"QT": 12, "HD": 12, "QD": 24, "MT": 24, "BM": 24, "ST": 12, "TL": 12}


def _fmt(text: str, ctx: dict) -> str:
    return text.format(**ctx)


def _step(key: str, number: int, ctx: dict, rng: random.Random) -> StepSpec:
    name, responsible, time_limit, record, leads, bullets, requirements, _notes = STEPS[key]
    lead = rng.choice(leads)
    chosen = rng.sample(bullets, k=min(len(bullets), rng.randint(2, 3)))
    how = " " + _fmt(rng.choice(HOW), ctx) if rng.random() < 0.35 else ""
    action = "\n\n".join(
        [
            _fmt(lead, ctx) + how,
            "\n".join(f"- {_fmt(b, ctx)}" for b in chosen),
            "**Yêu cầu:** " + " ".join(_fmt(r, ctx) for r in requirements),
        ]
    )
    return StepSpec(
        name=_fmt(name, ctx)[0].upper() + _fmt(name, ctx)[1:],
        responsible=_fmt(responsible, ctx),
        action=action,
        time_limit=_fmt(time_limit, ctx),
        record=_fmt(record, ctx)[0].upper() + _fmt(record, ctx)[1:],
    )


def _procedure(index: int, number: int, row: tuple) -> DocumentSpec:
    dept, topic, family, subject, result, bases, days, clauses = row
    code = f"QT.{number:02d}-{dept}"
    rng = random.Random(code)
    dept_name = DEPARTMENTS[dept]
    ctx = {
        "subject": subject,
        "result": result,
        "topic": topic,
        "dept": dept_name,
        "days": days,
        "days_half": max(1, days // 2),
    }
    keys = list(FAMILIES[family])
    if family == "tthc" and days < 10:
        keys.remove("kiem_tra_thuc_te")  # quick procedures need no site visit
    if family in ("ke_hoach", "iso") and rng.random() < 0.3:
        keys.remove("lay_y_kien")
    steps = [_step(key, n, ctx, rng) for n, key in enumerate(keys, start=1)]
    title = f"Quy trình {topic}"
    purpose = "\n\n".join(
        [
            f"Quy trình này quy định trình tự, cách thức, trách nhiệm và thời hạn thực hiện "
            f"{topic} tại Sở Giáo dục và Đào tạo tỉnh Sơn La, bảo đảm công việc được giải quyết "
            f"đúng pháp luật, đúng thời hạn, công khai và minh bạch.",
            rng.choice(
                [
                    "Quy trình giúp các phòng, đơn vị và cá nhân liên quan phối hợp thống nhất, "
                    "hạn chế sai sót, tạo thuận lợi cho tổ chức, cá nhân và người học khi giao "
                    "dịch với Sở.",
                    "Quy trình là căn cứ để lãnh đạo Sở kiểm soát tiến độ, chất lượng giải quyết "
                    "công việc và để đánh giá mức độ hoàn thành nhiệm vụ của công chức.",
                ]
            ),
            f"Quy trình là một bộ phận của Hệ thống quản lý tích hợp theo TCVN ISO 9001:2015 và "
            f"ISO 21001:2018 của Sở; kết quả thực hiện được đo lường bằng tỷ lệ {subject} được "
            f"giải quyết đúng hạn và mức độ hài lòng của các bên quan tâm.",
        ]
    )
    scope = "\n\n".join(
        [
            f"Quy trình áp dụng đối với {dept_name} và các phòng, bộ phận, cá nhân thuộc Sở Giáo "
            f"dục và Đào tạo có liên quan đến {topic}.",
            "Đối tượng áp dụng:",
            "\n".join(
                f"- {item}"
                for item in rng.sample(
                    [
                        "Lãnh đạo Sở phụ trách lĩnh vực",
                        f"Lãnh đạo và công chức {dept_name}",
                        "Bộ phận tiếp nhận và trả kết quả của Sở",
                        "Văn thư cơ quan",
                        "Các đơn vị trực thuộc và cơ sở giáo dục trên địa bàn tỉnh",
                        "Tổ chức, cá nhân có yêu cầu giải quyết công việc",
                        "Người học, cha mẹ học sinh có liên quan",
                        "Ủy ban nhân dân các xã, phường phối hợp thực hiện",
                    ],
                    k=5,
                )
            ),
            rng.choice(
                [
                    "Quy trình không áp dụng đối với các nội dung thuộc bí mật nhà nước; những "
                    "nội dung này thực hiện theo Quy chế bảo vệ bí mật nhà nước của Sở.",
                    "Những nội dung thuộc thẩm quyền của cơ quan khác được phối hợp theo quy chế "
                    "phối hợp đã ký kết, không thuộc phạm vi quy trình này.",
                ]
            ),
        ]
    )
    references = "\n".join(
        [
            *(f"- {b}" for b in bases),
            "- TCVN ISO 9001:2015 Hệ thống quản lý chất lượng – Các yêu cầu",
            "- ISO 21001:2018 Tổ chức giáo dục – Hệ thống quản lý tổ chức giáo dục – Yêu cầu và "
            "hướng dẫn sử dụng",
            "- Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về áp dụng Hệ "
            "thống quản lý chất lượng theo TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức "
            "thuộc hệ thống hành chính nhà nước",
            "- Sổ tay Hệ thống quản lý tích hợp của Sở (ST.01)",
        ]
    )
    terms = "\n".join(
        [
            "| Từ viết tắt | Giải nghĩa |",
            "| --- | --- |",
            "| Sở GDĐT | Sở Giáo dục và Đào tạo tỉnh Sơn La |",
            "| UBND | Ủy ban nhân dân |",
            "| HTQL | Hệ thống quản lý tích hợp theo TCVN ISO 9001:2015 và ISO 21001:2018 |",
            "| TTHC | Thủ tục hành chính |",
            "| CSGD | Cơ sở giáo dục |",
            "| BPTN&TKQ | Bộ phận tiếp nhận và trả kết quả |",
            "",
            f"*{subject[0].upper() + subject[1:]}*: toàn bộ giấy tờ, tài liệu (bản giấy hoặc bản "
            f"điện tử) được tổ chức, cá nhân hoặc đơn vị gửi đến Sở để thực hiện {topic}.",
            "",
            "*Ngày làm việc*: ngày làm việc theo quy định của Bộ luật Lao động, không tính ngày "
            "nghỉ lễ, Tết, thứ Bảy và Chủ nhật.",
        ]
    )
    records = [
        RecordSpec(
            step.record,
            f"{dept_name}",
            "Hồ sơ công việc; hệ thống điện tử",
            rng.choice(["05 năm", "10 năm", "20 năm", "Vĩnh viễn"]),
        )
        for step in steps
        if step.record and not step.record.startswith("Theo")
    ][: rng.randint(4, 7)]
    return DocumentSpec(
        code=code,
        title=title,
        kind="QT",
        department=dept,
        clauses=list(clauses),
        review_interval_months=DEFAULT_INTERVALS["QT"],
        purpose=purpose,
        scope=scope,
        references=references,
        terms=terms,
        steps=steps,
        records=records,
    )


def procedures() -> list[DocumentSpec]:
    specs, numbers = [], {}
    for index, row in enumerate(PROCEDURES):
        numbers[row[0]] = numbers.get(row[0], 0) + 1
        specs.append(_procedure(index, numbers[row[0]], row))
    return specs


# --- work instructions (HD) -------------------------------------------------------

INSTRUCTIONS = [
    (
        "VP",
        "Hướng dẫn soạn thảo và trình bày văn bản hành chính",
        [(P_, "7.5.2")],
        [
            "Thể thức văn bản",
            "Khổ giấy, phông chữ và lề trang",
            "Quốc hiệu, tiêu ngữ và tên cơ quan",
            "Số, ký hiệu và ngày tháng",
            "Trích yếu và nội dung",
            "Chức vụ, chữ ký và con dấu",
            "Nơi nhận",
            "Bản sao văn bản",
        ],
    ),
    (
        "VP",
        "Hướng dẫn sử dụng Hệ thống quản lý văn bản và điều hành",
        [(P_, "7.5.3")],
        [
            "Đăng nhập và tài khoản",
            "Tiếp nhận văn bản đến",
            "Chuyển xử lý và phân công",
            "Dự thảo và trình ký văn bản đi",
            "Theo dõi tiến độ",
            "Tra cứu văn bản",
            "Lập hồ sơ điện tử",
            "Xử lý sự cố thường gặp",
        ],
    ),
    (
        "VP",
        "Hướng dẫn sử dụng chữ ký số trong hoạt động của cơ quan",
        [(P_, "7.5.2")],
        [
            "Đăng ký chứng thư số",
            "Cài đặt thiết bị ký số",
            "Ký số văn bản của cơ quan",
            "Ký số cá nhân",
            "Kiểm tra chữ ký số",
            "Gia hạn, thu hồi chứng thư số",
            "Bảo quản thiết bị ký số",
        ],
    ),
    (
        "TCCB",
        "Hướng dẫn cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức",
        [(P_, "7.1.2"), (E_, "8.5.5")],
        [
            "Phân quyền cập nhật",
            "Thông tin lý lịch",
            "Quá trình công tác",
            "Trình độ và bồi dưỡng",
            "Lương và phụ cấp",
            "Khen thưởng, kỷ luật",
            "Kiểm tra, đối soát dữ liệu",
            "Bảo mật dữ liệu cá nhân",
        ],
    ),
    (
        "TCCB",
        "Hướng dẫn lập hồ sơ đề nghị nâng bậc lương",
        [(P_, "7.1.2")],
        [
            "Điều kiện nâng bậc lương thường xuyên",
            "Điều kiện nâng bậc lương trước thời hạn",
            "Thành phần hồ sơ",
            "Cách tính thời gian giữ bậc",
            "Biểu mẫu và cách ghi",
            "Thời hạn gửi hồ sơ",
            "Những sai sót thường gặp",
        ],
    ),
    (
        "KHTC",
        "Hướng dẫn lập dự toán chi thường xuyên cho đơn vị trực thuộc",
        [(P_, "7.1.1")],
        [
            "Căn cứ lập dự toán",
            "Dự toán chi thanh toán cá nhân",
            "Dự toán chi nghiệp vụ chuyên môn",
            "Dự toán mua sắm, sửa chữa",
            "Dự toán các chính sách cho người học",
            "Thuyết minh dự toán",
            "Biểu mẫu và thời hạn",
        ],
    ),
    (
        "KHTC",
        "Hướng dẫn thực hiện công khai ngân sách tại các đơn vị",
        [(E_, "7.4.2")],
        [
            "Nội dung công khai",
            "Hình thức công khai",
            "Thời điểm công khai",
            "Biểu mẫu công khai",
            "Công khai trong cơ sở giáo dục",
            "Tiếp nhận ý kiến phản hồi",
            "Báo cáo kết quả công khai",
        ],
    ),
    (
        "TTr",
        "Hướng dẫn tiếp nhận, phân loại đơn thư",
        [(E_, "7.4.3")],
        [
            "Tiếp nhận đơn",
            "Vào sổ và số hóa",
            "Phân loại đơn khiếu nại",
            "Phân loại đơn tố cáo",
            "Phân loại đơn kiến nghị, phản ánh",
            "Đơn trùng lặp, nặc danh",
            "Chuyển đơn và thông báo",
            "Bảo vệ người tố cáo",
        ],
    ),
    (
        "GDMNTH",
        "Hướng dẫn đánh giá học sinh tiểu học",
        [(E_, "8.5.1"), (E_, "8.3")],
        [
            "Nguyên tắc đánh giá",
            "Đánh giá thường xuyên",
            "Đánh giá định kỳ",
            "Nhận xét phẩm chất",
            "Nhận xét năng lực",
            "Tổng hợp kết quả cuối năm",
            "Khen thưởng học sinh",
            "Hồ sơ đánh giá",
        ],
    ),
    (
        "GDTrH",
        "Hướng dẫn kiểm tra, đánh giá học sinh trung học cơ sở và trung học phổ thông",
        [(E_, "8.5.1"), (E_, "8.3")],
        [
            "Hình thức đánh giá",
            "Đánh giá bằng nhận xét",
            "Đánh giá bằng điểm số",
            "Kiểm tra định kỳ",
            "Đánh giá kết quả rèn luyện",
            "Xét lên lớp",
            "Kiểm tra lại và rèn luyện trong hè",
            "Sổ theo dõi và đánh giá",
        ],
    ),
    (
        "GDTrH",
        "Hướng dẫn cập nhật cơ sở dữ liệu ngành giáo dục",
        [(E_, "8.5.5"), (P_, "7.1.6")],
        [
            "Tài khoản và phân quyền",
            "Dữ liệu trường, lớp",
            "Dữ liệu học sinh",
            "Dữ liệu đội ngũ",
            "Dữ liệu cơ sở vật chất",
            "Chốt số liệu theo kỳ",
            "Kiểm tra chất lượng dữ liệu",
            "Bảo vệ dữ liệu cá nhân",
        ],
    ),
    (
        "GDTX",
        "Hướng dẫn tổ chức lớp xóa mù chữ",
        [(E_, "5.1.3"), (E_, "8.5.1")],
        [
            "Điều tra, huy động học viên",
            "Mở lớp",
            "Chương trình và tài liệu",
            "Giáo viên và người tình nguyện",
            "Tổ chức dạy học",
            "Kiểm tra, đánh giá",
            "Công nhận hoàn thành chương trình",
            "Hồ sơ lớp học",
        ],
    ),
    (
        "QLCL",
        "Hướng dẫn đánh giá nội bộ dành cho chuyên gia đánh giá",
        [(P_, "9.2"), (E_, "9.2")],
        [
            "Nguyên tắc đánh giá",
            "Chuẩn bị đánh giá",
            "Họp khai mạc",
            "Thu thập bằng chứng",
            "Phỏng vấn",
            "Ghi chép phát hiện",
            "Phân loại phát hiện",
            "Họp kết thúc và báo cáo",
        ],
    ),
    (
        "QLCL",
        "Hướng dẫn viết và kiểm soát quy trình theo ISO",
        [(P_, "7.5.2"), (P_, "4.4")],
        [
            "Cấu trúc quy trình",
            "Mã hiệu tài liệu",
            "Viết mục đích và phạm vi",
            "Lập bảng các bước",
            "Lưu đồ quá trình",
            "Biểu mẫu kèm theo",
            "Hồ sơ cần lưu",
            "Sửa đổi và ban hành lại",
        ],
    ),
    (
        "QLCL",
        "Hướng dẫn bảo vệ dữ liệu cá nhân của người học",
        [(E_, "8.5.5"), (E_, "7.5.3")],
        [
            "Dữ liệu cá nhân của người học",
            "Nguyên tắc xử lý",
            "Sự đồng ý của người học và cha mẹ",
            "Phân quyền truy cập",
            "Chia sẻ dữ liệu với cơ quan khác",
            "Lưu trữ và tiêu hủy",
            "Xử lý sự cố lộ lọt dữ liệu",
            "Quyền của chủ thể dữ liệu",
        ],
    ),
]

PARAGRAPHS = [
    "Nội dung về {section} được thực hiện thống nhất tại tất cả các phòng thuộc Sở và các đơn vị "
    "trực thuộc; trường hợp văn bản của cấp trên có quy định khác thì thực hiện theo văn bản đó.",
    "Người thực hiện cần nắm vững {section} trước khi tiến hành công việc; khi chưa rõ, liên hệ "
    "đầu mối của {dept} để được hướng dẫn trực tiếp hoặc qua điện thoại.",
    "Các sai sót về {section} thường gặp trong thời gian qua chủ yếu do áp dụng biểu mẫu cũ, chưa "
    "cập nhật văn bản mới hoặc làm theo thói quen; hướng dẫn này khắc phục các sai sót đó.",
    "Kết quả thực hiện {section} được kiểm tra định kỳ trong các đợt đánh giá nội bộ của Hệ thống "
    "quản lý tích hợp; các điểm chưa phù hợp được yêu cầu khắc phục theo quy trình.",
    "Việc thực hiện {section} phải bảo đảm khả năng tiếp cận cho mọi người học, kể cả người học "
    "khuyết tật, người học ở vùng đặc biệt khó khăn và người học là người dân tộc thiểu số.",
    "Đối với {section}, mọi thông tin cá nhân chỉ được thu thập ở mức cần thiết cho mục đích đã "
    "thông báo và được bảo vệ theo Nghị định số 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.",
    "Khi có thay đổi về quy định liên quan đến {section}, {dept} cập nhật hướng dẫn này theo Quy "
    "trình kiểm soát tài liệu và thông báo cho người sử dụng.",
    "Thời gian thực hiện {section} được tính theo ngày làm việc; nội dung phát sinh ngoài giờ hành "
    "chính được xử lý vào đầu giờ ngày làm việc kế tiếp, trừ trường hợp khẩn cấp.",
    "Lãnh đạo phòng chịu trách nhiệm kiểm tra việc thực hiện {section} của công chức thuộc phòng "
    "và báo cáo kết quả trong cuộc họp giao ban hằng tháng.",
    "Minh chứng về {section} được lưu trong hồ sơ công việc, bao gồm bản điện tử trên hệ thống và "
    "bản giấy có chữ ký khi quy định yêu cầu.",
]

ITEMS = [
    "Kiểm tra phiên bản hiện hành của biểu mẫu trong Danh mục tài liệu",
    "Ghi đầy đủ, rõ ràng các thông tin bắt buộc",
    "Không tẩy xóa; sửa chữa phải có chữ ký xác nhận",
    "Đối chiếu với văn bản gốc trước khi ký",
    "Lưu bản điện tử đúng thư mục dùng chung của phòng",
    "Báo cáo lãnh đạo phòng khi phát hiện bất thường",
    "Thực hiện đúng thời hạn quy định",
    "Bảo đảm bảo mật thông tin theo phân quyền",
    "Sử dụng chữ ký số đối với văn bản điện tử",
    "Thông báo cho người liên quan khi hoàn thành",
]


def _instruction(number: int, row: tuple) -> DocumentSpec:
    dept, title, clauses, sections = row
    code = f"HD.{number:02d}-{dept}"
    rng = random.Random(code)
    ctx = {"dept": DEPARTMENTS[dept]}
    parts = [
        "## 1. Mục đích",
        f"{title} nhằm thống nhất cách thực hiện tại Sở Giáo dục và Đào tạo tỉnh Sơn La, giúp công "
        f"chức, viên chức thực hiện đúng, đủ và giảm sai sót; là tài liệu hỗ trợ cho các quy trình"
        f" của {DEPARTMENTS[dept]}.",
        "## 2. Phạm vi áp dụng",
        f"Áp dụng đối với {DEPARTMENTS[dept]}, các phòng thuộc Sở và các đơn vị trực thuộc có liên "
        f"quan.",
        "## 3. Tài liệu liên quan",
        "- Sổ tay Hệ thống quản lý tích hợp (ST.01)\n- Quy trình kiểm soát tài liệu (QT.01-QLCL)"
        "\n- Các văn bản quy phạm pháp luật hiện hành về lĩnh vực",
        "## 4. Nội dung hướng dẫn",
    ]
    for n, section in enumerate(sections, start=1):
        ctx["section"] = section.lower()
        parts.append(f"### 4.{n}. {section}")
        for _ in range(2):
            parts.append(" ".join(_fmt(p, ctx) for p in rng.sample(PARAGRAPHS, k=4)))
        parts.append("\n".join(f"{i}. {item}" for i, item in enumerate(rng.sample(ITEMS, 5), 1)))
        if n % 3 == 0:
            parts.append(
                "| Nội dung | Người thực hiện | Thời hạn |\n| --- | --- | --- |\n"
                + "\n".join(
                    f"| {item} | {rng.choice(['Chuyên viên', 'Lãnh đạo phòng', 'Văn thư'])} | "
                    f"{rng.choice(['Trong ngày', '03 ngày làm việc', 'Hằng tháng'])} |"
                    for item in rng.sample(ITEMS, 4)
                )
            )
    parts += [
        "## 5. Lưu ý khi thực hiện",
        " ".join(_fmt(p, {**ctx, "section": title.lower()}) for p in rng.sample(PARAGRAPHS, 4)),
        "## 6. Hồ sơ",
        "Hồ sơ phát sinh khi thực hiện hướng dẫn này được lưu theo Quy trình kiểm soát hồ sơ "
        "(QT.02-QLCL).",
    ]
    return DocumentSpec(
        code=code,
        title=title,
        kind="HD",
        department=dept,
        clauses=list(clauses),
        review_interval_months=DEFAULT_INTERVALS["HD"],
        body="\n\n".join(parts),
    )


def instructions() -> list[DocumentSpec]:
    numbers: dict[str, int] = {}
    specs = []
    for row in INSTRUCTIONS:
        numbers[row[0]] = numbers.get(row[0], 0) + 1
        specs.append(_instruction(numbers[row[0]], row))
    return specs


# --- regulations (QĐ) -------------------------------------------------------------

REGULATIONS = [
    (
        "VP",
        "Quy chế làm việc của Sở Giáo dục và Đào tạo",
        [(P_, "5.3"), (E_, "5.3")],
        [
            (
                "Trách nhiệm, phạm vi và cách thức giải quyết công việc",
                [
                    "Trách nhiệm của Giám đốc Sở",
                    "Trách nhiệm của Phó Giám đốc Sở",
                    "Trách nhiệm của Trưởng phòng",
                    "Trách nhiệm của công chức",
                    "Quan hệ công tác với Ủy ban nhân dân tỉnh",
                    "Quan hệ với các sở, ngành",
                ],
            ),
            (
                "Chương trình công tác và chế độ họp",
                [
                    "Chương trình công tác năm, quý, tháng",
                    "Họp giao ban lãnh đạo Sở",
                    "Họp chuyên môn",
                    "Hội nghị cán bộ, công chức",
                ],
            ),
            (
                "Xử lý văn bản và thông tin, báo cáo",
                [
                    "Xử lý văn bản đến",
                    "Ký văn bản",
                    "Chế độ báo cáo",
                    "Cung cấp thông tin cho báo chí",
                ],
            ),
        ],
    ),
    (
        "VP",
        "Quy chế thực hiện dân chủ ở cơ quan Sở",
        [(E_, "7.4.2"), (E_, "5.1.1")],
        [
            (
                "Nội dung công khai",
                ["Những việc phải công khai", "Hình thức công khai", "Thời điểm công khai"],
            ),
            (
                "Nội dung công chức tham gia ý kiến",
                [
                    "Những việc công chức tham gia ý kiến",
                    "Hình thức tham gia ý kiến",
                    "Tiếp thu và giải trình",
                ],
            ),
            (
                "Nội dung công chức giám sát, kiểm tra",
                [
                    "Ban Thanh tra nhân dân",
                    "Giám sát việc thực hiện chế độ, chính sách",
                    "Kiến nghị xử lý",
                ],
            ),
        ],
    ),
    (
        "KHTC",
        "Quy chế chi tiêu nội bộ",
        [(P_, "7.1.1")],
        [
            (
                "Chi thanh toán cho cá nhân",
                ["Tiền lương và phụ cấp", "Thu nhập tăng thêm", "Làm thêm giờ", "Phúc lợi tập thể"],
            ),
            (
                "Chi nghiệp vụ chuyên môn",
                [
                    "Công tác phí",
                    "Hội nghị, hội thảo",
                    "Văn phòng phẩm",
                    "Điện thoại, internet",
                    "Sử dụng xe ô tô",
                ],
            ),
            (
                "Quản lý và sử dụng kinh phí tiết kiệm",
                [
                    "Xác định kinh phí tiết kiệm",
                    "Phân phối kinh phí tiết kiệm",
                    "Trích lập các quỹ",
                ],
            ),
        ],
    ),
    (
        "KHTC",
        "Quy chế quản lý, sử dụng tài sản công",
        [(P_, "7.1.3"), (E_, "7.1.6.2")],
        [
            (
                "Đầu tư, mua sắm và giao tài sản",
                [
                    "Thẩm quyền quyết định mua sắm",
                    "Tiêu chuẩn, định mức sử dụng",
                    "Giao tài sản cho bộ phận sử dụng",
                ],
            ),
            (
                "Sử dụng, bảo dưỡng và sửa chữa",
                [
                    "Trách nhiệm của người sử dụng",
                    "Bảo dưỡng định kỳ",
                    "Sửa chữa tài sản",
                    "Sử dụng thiết bị dạy học dùng chung",
                ],
            ),
            (
                "Kiểm kê, thu hồi, thanh lý",
                [
                    "Kiểm kê định kỳ",
                    "Điều chuyển tài sản",
                    "Thanh lý tài sản",
                    "Xử lý tài sản bị mất, hư hỏng",
                ],
            ),
        ],
    ),
    (
        "VP",
        "Quy chế văn hóa công sở",
        [(E_, "7.1.4"), (P_, "7.1.4")],
        [
            (
                "Trang phục, giao tiếp và ứng xử",
                [
                    "Trang phục",
                    "Thẻ công chức",
                    "Giao tiếp với người dân",
                    "Giao tiếp qua điện thoại",
                    "Ứng xử với đồng nghiệp",
                    "Ứng xử trên mạng xã hội",
                ],
            ),
            (
                "Bài trí công sở",
                [
                    "Quốc huy, Quốc kỳ",
                    "Biển tên cơ quan",
                    "Phòng làm việc",
                    "Khu vực tiếp công dân",
                ],
            ),
            ("Những việc không được làm", ["Hành vi bị cấm", "Sử dụng rượu, bia, thuốc lá"]),
        ],
    ),
    (
        "VP",
        "Quy chế bảo vệ bí mật nhà nước",
        [(P_, "7.5.3")],
        [
            (
                "Xác định và quản lý bí mật nhà nước",
                [
                    "Xác định độ mật",
                    "Sao, chụp tài liệu mật",
                    "Thống kê, lưu giữ, bảo quản",
                    "Vận chuyển, giao nhận",
                ],
            ),
            (
                "Sử dụng thiết bị và hệ thống thông tin",
                ["Máy tính soạn thảo tài liệu mật", "Thiết bị lưu trữ", "Mạng máy tính"],
            ),
            (
                "Cung cấp, chuyển giao và tiêu hủy",
                [
                    "Cung cấp cho cơ quan, tổ chức",
                    "Mang tài liệu mật ra ngoài",
                    "Tiêu hủy tài liệu mật",
                ],
            ),
        ],
    ),
    (
        "QLCL",
        "Quy định bảo vệ dữ liệu cá nhân của người học",
        [(E_, "8.5.5"), (E_, "7.5.3"), (E_, "4.2")],
        [
            (
                "Thu thập và xử lý dữ liệu",
                [
                    "Các loại dữ liệu được thu thập",
                    "Mục đích xử lý",
                    "Sự đồng ý của chủ thể dữ liệu",
                    "Dữ liệu cá nhân nhạy cảm",
                ],
            ),
            (
                "Bảo vệ dữ liệu",
                [
                    "Phân quyền truy cập",
                    "Biện pháp kỹ thuật",
                    "Chuyển dữ liệu cho bên thứ ba",
                    "Đánh giá tác động xử lý dữ liệu",
                ],
            ),
            (
                "Quyền của người học và xử lý vi phạm",
                [
                    "Quyền được biết và truy cập",
                    "Quyền yêu cầu chỉnh sửa, xóa",
                    "Thông báo vi phạm",
                    "Xử lý vi phạm",
                ],
            ),
        ],
    ),
]

CLAUSE_SENTENCES = [
    "Việc {article} phải tuân thủ quy định của pháp luật, các văn bản hướng dẫn của Bộ Giáo dục "
    "và Đào tạo và của Ủy ban nhân dân tỉnh Sơn La.",
    "Thủ trưởng các phòng thuộc Sở chịu trách nhiệm tổ chức thực hiện và kiểm tra việc {article} "
    "trong phạm vi phòng mình quản lý.",
    "Công chức, người lao động có trách nhiệm thực hiện nghiêm túc quy định về {article}; vi phạm "
    "bị xem xét xử lý theo quy định.",
    "Văn phòng Sở là đầu mối theo dõi, tổng hợp tình hình {article} và báo cáo Giám đốc Sở định kỳ"
    " sáu tháng, một năm.",
    "Trường hợp phát sinh vướng mắc về {article}, các phòng báo cáo Giám đốc Sở (qua Văn phòng Sở)"
    " để xem xét, quyết định.",
    "Việc {article} được thực hiện công khai, minh bạch, bảo đảm quyền và lợi ích hợp pháp của "
    "công chức, người lao động và người học.",
    "Nội dung {article} được thông báo tại hội nghị cán bộ, công chức, viên chức hằng năm và đăng "
    "trên trang thông tin nội bộ của Sở.",
    "Hồ sơ, tài liệu về {article} được lập, lưu giữ theo Quy trình kiểm soát hồ sơ của Sở.",
    "Quy định về {article} được rà soát hằng năm; đề xuất sửa đổi, bổ sung được gửi Văn phòng Sở "
    "trước ngày 30 tháng 11 để tổng hợp, trình Giám đốc Sở.",
    "Các đơn vị trực thuộc căn cứ quy định về {article} tại Quy chế này để xây dựng quy định của "
    "đơn vị cho phù hợp với điều kiện thực tế, không trái với quy định của pháp luật.",
    "Kết quả thực hiện {article} là một trong các tiêu chí đánh giá, xếp loại chất lượng công "
    "chức và xét thi đua, khen thưởng hằng năm.",
    "Ban Thanh tra nhân dân giám sát việc thực hiện {article} và kiến nghị Giám đốc Sở xử lý khi "
    "phát hiện vi phạm.",
    "Trong trường hợp khẩn cấp, Giám đốc Sở quyết định việc {article} và thông báo lại cho tập "
    "thể lãnh đạo Sở tại cuộc họp gần nhất.",
    "Công chức được cử làm đầu mối về {article} được bồi dưỡng nghiệp vụ và cung cấp đầy đủ điều "
    "kiện làm việc cần thiết.",
]

POINTS = [
    "bảo đảm đúng thẩm quyền, đúng trình tự, thủ tục",
    "bảo đảm sự lãnh đạo tập trung, thống nhất của Giám đốc Sở",
    "phát huy tinh thần chủ động, trách nhiệm của từng công chức",
    "tiết kiệm, hiệu quả, chống lãng phí",
    "bảo đảm bí mật nhà nước và an toàn thông tin",
    "phối hợp chặt chẽ giữa các phòng, đơn vị",
    "ưu tiên quyền lợi chính đáng của người học",
    "ứng dụng công nghệ thông tin, chuyển đổi số",
]


def _article_body(article: str, rng: random.Random) -> str:
    sentences = rng.sample(CLAUSE_SENTENCES, k=rng.randint(5, 7))
    lines = []
    for k, sentence in enumerate(sentences, start=1):
        text = sentence.format(article=article[0].lower() + article[1:])
        if k == 2:
            text += " Khi thực hiện phải:\n" + "\n".join(
                f"    {letter}) {p[0].upper() + p[1:]};"
                for letter, p in zip("abcd", rng.sample(POINTS, 4), strict=False)
            )
        lines.append(f"{k}. {text}")
    return "\n".join(lines)


def _regulation(number: int, row: tuple) -> DocumentSpec:
    dept, title, clauses, chapters = row
    code = f"QĐ.{number:02d}"
    rng = random.Random(code)
    general = ["Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", "Nguyên tắc chung"]
    final = ["Trách nhiệm thi hành", "Khen thưởng và xử lý vi phạm", "Sửa đổi, bổ sung"]
    all_chapters = [("Quy định chung", general), *chapters, ("Tổ chức thực hiện", final)]
    parts = [
        "*(Ban hành kèm theo Quyết định của Giám đốc Sở Giáo dục và Đào tạo tỉnh Sơn La)*",
    ]
    article = 0
    roman = ["I", "II", "III", "IV", "V", "VI", "VII"]
    for c, (chapter, articles) in enumerate(all_chapters):
        parts.append(f"## Chương {roman[c]}. {chapter.upper()}")
        for name in articles:
            article += 1
            parts.append(f"### Điều {article}. {name}")
            if name == "Phạm vi điều chỉnh":
                parts.append(
                    f"{title} quy định về nguyên tắc, nội dung, trách nhiệm và quan hệ công tác "
                    f"có liên quan tại Sở Giáo dục và Đào tạo tỉnh Sơn La."
                )
            parts.append(_article_body(name, rng))
            parts.append(
                " ".join(
                    _fmt(p, {"section": name.lower(), "dept": DEPARTMENTS[dept]})
                    for p in rng.sample(PARAGRAPHS, 3)
                )
            )
    return DocumentSpec(
        code=code,
        title=title,
        kind="QD",
        department=dept,
        clauses=list(clauses),
        review_interval_months=DEFAULT_INTERVALS["QD"],
        body="\n\n".join(parts),
    )


def regulations() -> list[DocumentSpec]:
    return [_regulation(n, row) for n, row in enumerate(REGULATIONS, start=1)]


# --- manual and policy (ST) -------------------------------------------------------

POLICY = (
    "Sở Giáo dục và Đào tạo tỉnh Sơn La cam kết xây dựng, áp dụng, duy trì và cải tiến thường "
    "xuyên Hệ thống quản lý tích hợp theo TCVN ISO 9001:2015 và ISO 21001:2018; giải quyết công "
    "việc đúng pháp luật, đúng thời hạn; lấy người học và các bên quan tâm làm trung tâm; bảo đảm"
    " công bằng, tiếp cận và an toàn dữ liệu của người học; không ngừng nâng cao sự hài lòng của "
    "tổ chức, cá nhân đối với dịch vụ giáo dục và dịch vụ hành chính công."
)

PRINCIPLES = [
    (
        "Hướng vào người học và các bên hưởng lợi khác",
        "mọi quá trình được thiết kế từ nhu cầu của"
        " người học, cha mẹ học sinh, nhà trường và người dân",
    ),
    (
        "Sự lãnh đạo có tầm nhìn",
        "Ban Giám đốc Sở xác lập tầm nhìn, sứ mạng, chính sách và tạo "
        "điều kiện để mọi người cùng tham gia",
    ),
    (
        "Sự tham gia của con người",
        "công chức, viên chức được trao quyền, được ghi nhận và phát triển năng lực",
    ),
    (
        "Tiếp cận theo quá trình",
        "các hoạt động được quản lý như những quá trình liên kết, có đầu "
        "vào, đầu ra và chỉ số đo lường",
    ),
    ("Cải tiến", "cải tiến là mục tiêu thường trực, dựa trên kết quả đo lường và đánh giá"),
    ("Quyết định dựa trên bằng chứng", "quyết định dựa trên phân tích dữ liệu, thông tin tin cậy"),
    (
        "Quản lý các mối quan hệ",
        "quan hệ với nhà trường, cơ quan phối hợp và nhà cung cấp được quản lý vì lợi ích chung",
    ),
    ("Trách nhiệm xã hội", "hoạt động giáo dục góp phần phát triển bền vững của tỉnh"),
    (
        "Khả năng tiếp cận và công bằng",
        "mọi người học, không phân biệt dân tộc, giới tính, hoàn "
        "cảnh, đều được tiếp cận giáo dục có chất lượng",
    ),
    (
        "Ứng xử có đạo đức trong giáo dục",
        "môi trường giáo dục chuyên nghiệp, trung thực, tôn trọng người học",
    ),
    ("An toàn dữ liệu", "dữ liệu của người học được bảo vệ, chỉ sử dụng đúng mục đích"),
]


def _manual(all_specs: list[DocumentSpec]) -> DocumentSpec:
    from ims.clauses import CLAUSES_9001, CLAUSES_21001

    rng = random.Random("ST.01")
    by_clause: dict[str, list[str]] = {}
    for spec in all_specs:
        for _standard, number in spec.clauses:
            by_clause.setdefault(number, [])
            if spec.code not in by_clause[number]:
                by_clause[number].append(spec.code)
    titles_21001 = {number: vi for number, _en, vi in CLAUSES_21001}
    parts = [
        "## Phần 1. Giới thiệu chung",
        "### 1.1. Giới thiệu về Sở Giáo dục và Đào tạo tỉnh Sơn La",
        "Sở Giáo dục và Đào tạo là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Sơn La, tham mưu, "
        "giúp Ủy ban nhân dân tỉnh thực hiện chức năng quản lý nhà nước về giáo dục và đào tạo "
        "trên "
        "địa bàn tỉnh. Sau sắp xếp đơn vị hành chính từ ngày 01/7/2025, tỉnh có 75 xã, phường (67 "
        "xã và 8 phường); toàn ngành có trên 600 trường học, trung tâm với khoảng 380.000 người "
        "học, trong đó phần lớn là học sinh người dân tộc thiểu số.",
        "Cơ cấu tổ chức của Sở gồm Ban Giám đốc và các phòng: "
        + ", ".join(DEPARTMENTS.values())
        + ". Các đơn vị trực thuộc gồm các trường trung học phổ thông, trường phổ thông dân tộc "
        "nội trú, trường phổ thông dân tộc bán trú và các trung tâm giáo dục nghề nghiệp – giáo "
        "dục thường xuyên.",
        "### 1.2. Phạm vi của Hệ thống quản lý tích hợp",
        "Hệ thống quản lý tích hợp áp dụng cho toàn bộ hoạt động quản lý nhà nước về giáo dục và "
        "đào tạo, giải quyết thủ tục hành chính và các dịch vụ giáo dục do Sở trực tiếp cung cấp. "
        "Điều 8.3 (thiết kế và phát triển) của TCVN ISO 9001:2015 được áp dụng đối với việc thiết "
        "kế chương trình giáo dục địa phương; không có điều khoản nào bị loại trừ.",
        "### 1.3. Chính sách chất lượng",
        POLICY,
        "### 1.4. Các nguyên tắc quản lý",
        "\n".join(f"{n}. **{name}**: {text}." for n, (name, text) in enumerate(PRINCIPLES, 1)),
        "## Phần 2. Mô tả Hệ thống quản lý theo các điều khoản của tiêu chuẩn",
    ]
    for number, _en, vi in CLAUSES_9001:
        depth = number.count(".")
        heading = "###" if depth == 0 else "####"
        parts.append(f"{heading} {number}. {vi}")
        if number in titles_21001 and titles_21001[number] != vi:
            parts.append(f"*ISO 21001:2018: {titles_21001[number]}*")
        if depth == 0:
            continue
        parts.append(
            f"Sở xác định, thực hiện và duy trì các yêu cầu về {vi.lower()} phù hợp với chức năng, "
            f"nhiệm vụ của cơ quan quản lý nhà nước về giáo dục. "
            + " ".join(
                rng.sample(
                    [
                        "Ban Giám đốc Sở chịu trách nhiệm cuối cùng về hiệu lực của nội dung này.",
                        "Phòng Quản lý chất lượng là đầu mối theo dõi, tổng hợp và báo cáo.",
                        "Các phòng chịu trách nhiệm áp dụng trong phạm vi công việc được giao.",
                        "Kết quả được xem xét trong cuộc họp xem xét của lãnh đạo hằng năm.",
                        "Yêu cầu của người học, cha mẹ học sinh và người dân được lắng nghe và "
                        "đưa vào hoạch định.",
                        "Thông tin dạng văn bản được kiểm soát theo Quy trình kiểm soát tài liệu "
                        "và Quy trình kiểm soát hồ sơ.",
                        "Rủi ro và cơ hội liên quan được nhận diện, đánh giá và xử lý theo Quy "
                        "trình quản lý rủi ro và cơ hội.",
                        "Việc thực hiện được đánh giá trong các đợt đánh giá nội bộ định kỳ.",
                    ],
                    k=4,
                )
            )
        )
        for _ in range(2):
            parts.append(
                " ".join(
                    _fmt(p, {"section": vi.lower(), "dept": "các phòng"})
                    for p in rng.sample(PARAGRAPHS, k=3)
                )
            )
        codes = by_clause.get(number, [])
        if codes:
            parts.append("Tài liệu liên quan: " + ", ".join(sorted(codes)) + ".")
    parts += [
        "## Phần 3. Sơ đồ tương tác các quá trình",
        "| Nhóm quá trình | Quá trình | Phòng chủ trì |\n| --- | --- | --- |\n"
        + "\n".join(
            f"| {group} | {name} | {owner} |"
            for group, name, owner in [
                ("Lãnh đạo", "Hoạch định chiến lược, mục tiêu", "Văn phòng Sở"),
                ("Lãnh đạo", "Xem xét của lãnh đạo", "Phòng Quản lý chất lượng"),
                ("Chính", "Quản lý giáo dục mầm non, tiểu học", DEPARTMENTS["GDMNTH"]),
                ("Chính", "Quản lý giáo dục trung học", DEPARTMENTS["GDTrH"]),
                ("Chính", "Quản lý GDTX – GDNN và đại học", DEPARTMENTS["GDTX"]),
                ("Chính", "Khảo thí và kiểm định chất lượng", DEPARTMENTS["QLCL"]),
                ("Chính", "Giải quyết thủ tục hành chính", "Văn phòng Sở"),
                ("Hỗ trợ", "Tổ chức, nhân sự", DEPARTMENTS["TCCB"]),
                ("Hỗ trợ", "Kế hoạch, tài chính, tài sản", DEPARTMENTS["KHTC"]),
                ("Hỗ trợ", "Thanh tra, giải quyết khiếu nại, tố cáo", DEPARTMENTS["TTr"]),
                ("Đo lường", "Đánh giá nội bộ, khắc phục, cải tiến", DEPARTMENTS["QLCL"]),
                ("Đo lường", "Đo lường sự hài lòng", DEPARTMENTS["QLCL"]),
            ]
        ),
    ]
    return DocumentSpec(
        code="ST.01",
        title="Sổ tay Hệ thống quản lý tích hợp ISO 9001:2015 và ISO 21001:2018",
        kind="ST",
        department="QLCL",
        clauses=[(P_, "4.3"), (P_, "4.4"), (E_, "4.3"), (E_, "4.4")],
        review_interval_months=12,
        body="\n\n".join(parts),
    )


def _policy() -> DocumentSpec:
    rng = random.Random("ST.02")
    body = [
        "## Chính sách chất lượng",
        POLICY,
        "## Để thực hiện chính sách, Sở cam kết",
        "\n".join(
            f"- {item}"
            for item in [
                "Phổ biến chính sách đến mọi công chức, viên chức và niêm yết tại trụ sở, đăng "
                "trên Cổng thông tin điện tử của Sở",
                "Thiết lập mục tiêu chất lượng hằng năm đo lường được, nhất quán với chính sách",
                "Cung cấp đủ nguồn lực: con người, kinh phí, cơ sở vật chất, công nghệ thông tin",
                "Lắng nghe người học, cha mẹ học sinh, nhà trường và người dân qua khảo sát, đường"
                " dây nóng và hòm thư góp ý",
                "Bảo vệ dữ liệu cá nhân của người học, bảo đảm tiếp cận cho người học có nhu cầu "
                "đặc biệt",
                "Xem xét chính sách hằng năm tại cuộc họp xem xét của lãnh đạo",
            ]
        ),
        "## Tầm nhìn",
        "Đến năm 2040, giáo dục và đào tạo tỉnh Sơn La phát triển toàn diện, hiện đại, công bằng và"
        " hội nhập; mọi người học được học tập suốt đời trong môi trường an toàn, thân thiện, chất "
        "lượng.",
        "## Sứ mạng",
        "Tham mưu và tổ chức thực hiện quản lý nhà nước về giáo dục và đào tạo trên địa bàn tỉnh; "
        "bảo đảm mọi người học được tiếp cận giáo dục có chất lượng.",
        "## Giá trị cốt lõi",
        "Trách nhiệm – Chuyên nghiệp – Minh bạch – Sáng tạo – Vì người học.",
        "## Giải thích chính sách",
        " ".join(
            _fmt(p, {"section": "chính sách chất lượng", "dept": "Văn phòng Sở"})
            for p in rng.sample(PARAGRAPHS, 6)
        ),
    ]
    return DocumentSpec(
        code="ST.02",
        title="Chính sách chất lượng, tầm nhìn, sứ mạng và giá trị cốt lõi",
        kind="ST",
        department="QLCL",
        clauses=[(P_, "5.2"), (E_, "5.2"), (P_, "5.2.2")],
        review_interval_months=12,
        body="\n\n".join(body),
    )


OBJECTIVES = [
    ("100% hồ sơ thủ tục hành chính được giải quyết đúng hoặc trước hạn", "VP", "100 %"),
    ("Tỷ lệ học sinh tốt nghiệp trung học phổ thông", "QLCL", "≥ 99 %"),
    ("Tỷ lệ trường đạt chuẩn quốc gia", "GDTrH", "≥ 65 %"),
    ("Mức độ hài lòng của người học và cha mẹ học sinh", "QLCL", "≥ 85 %"),
    ("Mức độ hài lòng của người dân về thủ tục hành chính", "VP", "≥ 90 %"),
    ("Tỷ lệ công chức hoàn thành tốt nhiệm vụ trở lên", "TCCB", "≥ 95 %"),
    ("Tỷ lệ kết luận thanh tra được thực hiện đầy đủ", "TTr", "100 %"),
    ("Tỷ lệ giải ngân vốn đầu tư công", "KHTC", "≥ 95 %"),
    ("Tỷ lệ trẻ em 5 tuổi được huy động ra lớp", "GDMNTH", "≥ 99,5 %"),
    ("Tỷ lệ người 15–60 tuổi biết chữ mức độ 2", "GDTX", "≥ 96 %"),
    ("Tỷ lệ tài liệu được xem xét định kỳ đúng hạn", "QLCL", "100 %"),
]


def _objectives() -> DocumentSpec:
    rng = random.Random("ST.03")
    rows = "\n".join(
        f"| {n} | {name} | {DEPARTMENTS[dept]} | {target} | Học kỳ, năm học |"
        for n, (name, dept, target) in enumerate(OBJECTIVES, 1)
    )
    body = [
        "## 1. Căn cứ xây dựng mục tiêu",
        "Mục tiêu chất lượng năm học 2025–2026 được xây dựng căn cứ chính sách chất lượng, kết quả"
        " thực hiện năm học 2024–2025, nhiệm vụ năm học của Bộ Giáo dục và Đào tạo và kế hoạch phát"
        " triển kinh tế – xã hội của tỉnh.",
        "## 2. Mục tiêu chất lượng của Sở",
        "| TT | Mục tiêu | Phòng chủ trì | Chỉ tiêu | Tần suất đo |\n| --- | --- | --- | --- | "
        "--- |\n" + rows,
        "## 3. Kế hoạch thực hiện",
    ]
    for name, dept, target in OBJECTIVES:
        body.append(f"### {name}")
        body.append(
            f"Phòng chủ trì: {DEPARTMENTS[dept]}. Chỉ tiêu: {target}. "
            + " ".join(
                _fmt(p, {"section": name.lower(), "dept": DEPARTMENTS[dept]})
                for p in rng.sample(PARAGRAPHS, 3)
            )
        )
    return DocumentSpec(
        code="ST.03",
        title="Mục tiêu chất lượng năm học 2025–2026",
        kind="ST",
        department="QLCL",
        clauses=[(P_, "6.2"), (E_, "6.2")],
        review_interval_months=12,
        body="\n\n".join(body),
    )


# --- role descriptions (MT) -------------------------------------------------------

DUTIES = {
    "VP": [
        "Tham mưu tổng hợp chương trình công tác",
        "Quản lý văn bản đến, văn bản đi",
        "Tổ chức các cuộc họp, hội nghị của Sở",
        "Quản lý Bộ phận tiếp nhận và trả kết quả",
        "Công tác thi đua, khen thưởng",
        "Quản trị Cổng thông tin điện tử",
        "Công tác lưu trữ cơ quan",
        "Bảo đảm điều kiện làm việc của cơ quan",
    ],
    "TCCB": [
        "Tham mưu tổ chức bộ máy, biên chế",
        "Tuyển dụng, sử dụng viên chức",
        "Bổ nhiệm, luân chuyển cán bộ quản lý",
        "Đánh giá, xếp loại công chức, viên chức",
        "Đào tạo, bồi dưỡng đội ngũ",
        "Chế độ tiền lương, nghỉ hưu",
        "Quản lý hồ sơ, cơ sở dữ liệu cán bộ",
        "Công tác bảo vệ chính trị nội bộ",
    ],
    "KHTC": [
        "Lập kế hoạch phát triển giáo dục",
        "Lập, phân bổ dự toán ngân sách",
        "Quyết toán ngân sách",
        "Quản lý tài sản công",
        "Quản lý dự án đầu tư",
        "Thực hiện chính sách cho người học",
        "Công khai tài chính",
        "Thống kê giáo dục",
    ],
    "TTr": [
        "Thanh tra hành chính",
        "Thanh tra chuyên ngành",
        "Tiếp công dân",
        "Giải quyết khiếu nại, tố cáo",
        "Phòng, chống tham nhũng",
        "Theo dõi thực hiện kết luận thanh tra",
        "Kiểm tra công tác thi, tuyển sinh",
        "Báo cáo công tác thanh tra",
    ],
    "GDMNTH": [
        "Hướng dẫn nhiệm vụ năm học mầm non, tiểu học",
        "Chỉ đạo chuyên môn",
        "Kiểm định và công nhận chuẩn quốc gia",
        "Bồi dưỡng giáo viên",
        "Tổ chức hội thi giáo viên dạy giỏi",
        "Lựa chọn sách giáo khoa",
        "Giáo dục hòa nhập trẻ khuyết tật",
        "Phổ cập giáo dục mầm non, tiểu học",
    ],
    "GDTrH": [
        "Hướng dẫn nhiệm vụ năm học trung học",
        "Tuyển sinh lớp 10",
        "Kỳ thi học sinh giỏi",
        "Quản lý dạy thêm, học thêm",
        "Thành lập, cho phép hoạt động trường",
        "Chuyển trường, học lại",
        "Giáo dục hướng nghiệp",
        "Công nhận chuẩn quốc gia trường trung học",
    ],
    "GDTX": [
        "Quản lý trung tâm GDNN-GDTX",
        "Xóa mù chữ, học tập suốt đời",
        "Quản lý trung tâm ngoại ngữ, tin học",
        "Liên kết giáo dục với nước ngoài",
        "Tư vấn du học",
        "Giáo dục kỹ năng sống",
        "Trung tâm học tập cộng đồng",
        "Phối hợp với các trường đại học, cao đẳng",
    ],
    "QLCL": [
        "Duy trì Hệ thống quản lý tích hợp",
        "Kiểm soát tài liệu, hồ sơ",
        "Tổ chức đánh giá nội bộ",
        "Khảo thí, kỳ thi tốt nghiệp",
        "Kiểm định chất lượng giáo dục",
        "Quản lý văn bằng, chứng chỉ",
        "Đo lường sự hài lòng",
        "Theo dõi hành động khắc phục",
    ],
}

ROLE_POSITIONS = [
    ("TCCB", "TP", "Trưởng phòng Tổ chức cán bộ"),
    ("VP", "CV", "Chuyên viên Văn phòng Sở"),
    ("KHTC", "CV", "Chuyên viên Phòng Kế hoạch – Tài chính"),
    ("TTr", "CV", "Thanh tra viên"),
    ("GDMNTH", "PTP", "Phó Trưởng phòng Giáo dục Mầm non và Tiểu học"),
    ("GDTrH", "CV", "Chuyên viên Phòng Giáo dục Trung học"),
    ("GDTX", "CV", "Chuyên viên Phòng GDTX – GDNN và Đại học"),
    ("QLCL", "TP", "Trưởng phòng Quản lý chất lượng"),
]


def _role(number: int, dept: str, pcode: str, name: str) -> DocumentSpec:
    code = f"MT.{number:02d}"
    rng = random.Random(code)
    manager = pcode in ("TP", "PTP")
    duties = DUTIES[dept]
    body = [
        "## 1. Thông tin chung",
        "| Nội dung | Thông tin |\n| --- | --- |\n"
        f"| Vị trí việc làm | {name} |\n| Đơn vị | {DEPARTMENTS[dept]} |\n"
        f"| Báo cáo cho | {'Lãnh đạo Sở phụ trách' if manager else 'Trưởng phòng'} |\n"
        f"| Ngạch | {'Chuyên viên chính' if manager else 'Chuyên viên'} |",
        "## 2. Mục đích của vị trí",
        f"Vị trí {name.lower()} thực hiện và chịu trách nhiệm về các nhiệm vụ thuộc lĩnh vực của "
        f"{DEPARTMENTS[dept]}, góp phần hoàn thành mục tiêu chất lượng của Sở.",
        "## 3. Nhiệm vụ chính",
    ]
    for n, duty in enumerate(duties, 1):
        body.append(f"### 3.{n}. {duty}")
        for _ in range(2):
            body.append(
                " ".join(
                    _fmt(p, {"section": duty.lower(), "dept": DEPARTMENTS[dept]})
                    for p in rng.sample(PARAGRAPHS, 3)
                )
            )
    body += [
        "## 4. Quyền hạn",
        "\n".join(
            f"- {x}"
            for x in [
                "Được cung cấp thông tin, tài liệu cần thiết để thực hiện nhiệm vụ",
                "Được đề xuất sửa đổi quy trình, tài liệu thuộc lĩnh vực phụ trách",
                "Được từ chối thực hiện yêu cầu trái pháp luật",
                *(["Phân công, kiểm tra, đánh giá công chức thuộc phòng"] if manager else []),
            ]
        ),
        "## 5. Tiêu chuẩn, năng lực",
        "| Yêu cầu | Mức độ |\n| --- | --- |\n"
        "| Trình độ | Đại học trở lên, chuyên ngành phù hợp |\n"
        "| Lý luận chính trị | " + ("Trung cấp trở lên" if manager else "Sơ cấp") + " |\n"
        "| Ngoại ngữ, tin học | Sử dụng được theo yêu cầu vị trí |\n"
        f"| Kinh nghiệm | {'05 năm' if manager else '02 năm'} trở lên trong lĩnh vực |\n"
        "| Hiểu biết về ISO | Đã được đào tạo nhận thức TCVN ISO 9001:2015 và ISO 21001:2018 |",
        "## 6. Chỉ số đánh giá",
        "\n".join(
            f"- {x}"
            for x in rng.sample(
                [
                    "Tỷ lệ nhiệm vụ hoàn thành đúng hạn",
                    "Tỷ lệ hồ sơ giải quyết đúng hạn",
                    "Không có khiếu nại có căn cứ về thái độ phục vụ",
                    "Số sáng kiến cải tiến được áp dụng",
                    "Kết quả đánh giá nội bộ không có sự không phù hợp lớn",
                ],
                4,
            )
        ),
    ]
    return DocumentSpec(
        code=code,
        title=f"Mô tả công việc vị trí {name}",
        kind="MT",
        department=dept,
        clauses=[(P_, "5.3"), (P_, "7.2"), (E_, "5.3")],
        review_interval_months=24,
        body="\n\n".join(body),
        position=f"{pcode}-{dept}",
    )


# --- forms (BM) -------------------------------------------------------------------

FORMS = [
    (
        "QT.01-QLCL",
        "01",
        "Phiếu đề nghị ban hành, sửa đổi tài liệu",
        ["Tên tài liệu", "Mã hiệu", "Lần ban hành hiện hành", "Nội dung đề nghị", "Lý do"],
    ),
    (
        "QT.01-QLCL",
        "02",
        "Danh mục tài liệu nội bộ",
        ["TT", "Mã hiệu", "Tên tài liệu", "Lần ban hành", "Ngày hiệu lực", "Phòng soạn thảo"],
    ),
    (
        "QT.03-QLCL",
        "01",
        "Chương trình đánh giá nội bộ năm",
        ["Phòng được đánh giá", "Tháng dự kiến", "Điều khoản", "Trưởng đoàn"],
    ),
    (
        "QT.03-QLCL",
        "02",
        "Kế hoạch đánh giá nội bộ",
        ["Thời gian", "Phòng", "Nội dung", "Chuyên gia đánh giá", "Người tiếp đón"],
    ),
    (
        "QT.03-QLCL",
        "03",
        "Phiếu ghi chép đánh giá nội bộ",
        ["Điều khoản", "Câu hỏi", "Bằng chứng", "Kết quả"],
    ),
    (
        "QT.04-QLCL",
        "01",
        "Phiếu yêu cầu hành động khắc phục",
        ["Mô tả sự không phù hợp", "Nguyên nhân", "Hành động khắc phục", "Thời hạn", "Xác nhận"],
    ),
    (
        "QT.05-QLCL",
        "01",
        "Báo cáo xem xét của lãnh đạo",
        ["Đầu vào xem xét", "Kết quả", "Quyết định", "Người thực hiện", "Thời hạn"],
    ),
    (
        "QT.08-QLCL",
        "01",
        "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        ["Họ và tên", "Ngày sinh", "Tên văn bằng", "Số hiệu", "Năm tốt nghiệp", "Số bản sao"],
    ),
]


def _form(procedure: str, number: str, title: str, columns: list[str]) -> DocumentSpec:
    dept = procedure.split("-")[1]
    code = f"BM.{procedure[3:5]}.{number}-{dept}"
    rng = random.Random(code)
    header = "| " + " | ".join(columns) + " |\n| " + " | ".join("---" for _ in columns) + " |\n"
    blank = "\n".join("| " + " | ".join(" " for _ in columns) + " |" for _ in range(8))
    body = [
        "**SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH SƠN LA** — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập – "
        "Tự do – Hạnh phúc",
        f"## {title.upper()}",
        "Kính gửi: Giám đốc Sở Giáo dục và Đào tạo tỉnh Sơn La",
        header + blank,
        "## Hướng dẫn ghi",
        "\n".join(
            f"- **{c}**: "
            + rng.choice(
                [
                    "ghi đầy đủ, không viết tắt",
                    "ghi theo văn bản gốc",
                    "ghi theo định dạng ngày/tháng/năm",
                    "ghi rõ, chính xác",
                ]
            )
            for c in columns
        ),
        " ".join(
            _fmt(p, {"section": title.lower(), "dept": DEPARTMENTS[dept]})
            for p in rng.sample(PARAGRAPHS, 4)
        ),
        "| Người lập | Người kiểm tra | Người phê duyệt |\n| --- | --- | --- |\n"
        "| (Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên) |",
    ]
    return DocumentSpec(
        code=code,
        title=title,
        kind="BM",
        department=dept,
        review_interval_months=24,
        body="\n\n".join(body),
        procedure=procedure,
    )


# --- external documents (TL-BN) ---------------------------------------------------

EXTERNAL = [
    (
        "Luật Giáo dục",
        "Quốc hội",
        "Luật số 43/2019/QH14 ngày 14/6/2019",
        "VP",
        [
            "Những quy định chung",
            "Hệ thống giáo dục quốc dân",
            "Nhà trường và cơ sở giáo dục khác",
            "Nhà giáo",
            "Người học",
            "Nhà trường, gia đình và xã hội",
            "Quản lý nhà nước về giáo dục",
        ],
    ),
    (
        "Nghị định về công tác văn thư",
        "Chính phủ",
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020",
        "VP",
        [
            "Quy định chung",
            "Văn bản hành chính",
            "Văn bản đi",
            "Văn bản đến",
            "Lập hồ sơ và nộp lưu",
            "Quản lý và sử dụng con dấu",
        ],
    ),
    (
        "Quyết định về áp dụng Hệ thống quản lý chất lượng theo TCVN ISO 9001 vào hoạt "
        "động của các "
        "cơ quan, tổ chức thuộc hệ thống hành chính nhà nước",
        "Thủ tướng Chính phủ",
        "Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014",
        "QLCL",
        [
            "Phạm vi và đối tượng áp dụng",
            "Yêu cầu đối với việc xây dựng và áp dụng",
            "Công bố HTQLCL phù hợp",
            "Trách nhiệm của các cơ quan",
            "Kinh phí",
        ],
    ),
    (
        "Thông tư quy định về việc triển khai, áp dụng và quản lý Hệ thống quản lý chất lượng theo "
        "Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
        "Bộ Khoa học và Công nghệ",
        "Thông tư số 26/2018/TT-BKHCN ngày 15/11/2018",
        "QLCL",
        [
            "Quy định chung",
            "Xây dựng, áp dụng hệ thống",
            "Công bố và duy trì",
            "Kiểm tra việc áp dụng",
            "Tổ chức thực hiện",
        ],
    ),
    (
        "Quyết định công bố Mô hình khung Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 cho "
        "các cơ quan hành chính tại địa phương",
        "Bộ Khoa học và Công nghệ",
        "Quyết định số 101/QĐ-BKHCN ngày 21/01/2019",
        "QLCL",
        [
            "Mô hình khung đối với cấp tỉnh",
            "Danh mục quy trình nội bộ",
            "Hướng dẫn áp dụng",
            "Yêu cầu về tài liệu",
        ],
    ),
    (
        "Thông tư quy định về đánh giá học sinh trung học cơ sở và học sinh trung học phổ thông",
        "Bộ Giáo dục và Đào tạo",
        "Thông tư số 22/2021/TT-BGDĐT ngày 20/7/2021",
        "GDTrH",
        [
            "Quy định chung",
            "Đánh giá kết quả rèn luyện",
            "Đánh giá kết quả học tập",
            "Xét lên lớp",
            "Tổ chức thực hiện",
        ],
    ),
    (
        "Nghị định về bảo vệ dữ liệu cá nhân",
        "Chính phủ",
        "Nghị định số 13/2023/NĐ-CP ngày 17/4/2023",
        "QLCL",
        [
            "Quy định chung",
            "Hoạt động bảo vệ dữ liệu cá nhân",
            "Quyền và nghĩa vụ của chủ thể dữ liệu",
            "Biện pháp bảo vệ",
            "Điều kiện bảo đảm",
            "Trách nhiệm của cơ quan, tổ chức",
        ],
    ),
]


def _external(number: int, row: tuple) -> DocumentSpec:
    title, issuer, reference, dept, chapters = row
    code = f"TL-BN.{number:02d}"
    rng = random.Random(code)
    body = [
        f"**{reference}** do {issuer} ban hành. Tài liệu có nguồn gốc bên ngoài, được Sở kiểm "
        f"soát theo Quy trình kiểm soát tài liệu: bản chính thức lưu tại {DEPARTMENTS[dept]}, bản"
        f" điện tử tra cứu trên Cơ sở dữ liệu quốc gia về văn bản pháp luật.",
        "## Tóm tắt nội dung và yêu cầu áp dụng tại Sở",
    ]
    for n, chapter in enumerate(chapters, 1):
        body.append(f"### {n}. {chapter}")
        for _ in range(5):
            body.append(
                " ".join(
                    _fmt(p, {"section": chapter.lower(), "dept": DEPARTMENTS[dept]})
                    for p in rng.sample(PARAGRAPHS, 4)
                )
            )
        body.append(
            "Các quy trình của Sở chịu tác động: "
            + ", ".join(sorted(rng.sample([f"QT.0{i}-QLCL" for i in range(1, 8)], 2)))
            + "."
        )
    body += [
        "## Theo dõi hiệu lực",
        "| Nội dung | Thông tin |\n| --- | --- |\n"
        f"| Cơ quan ban hành | {issuer} |\n| Số, ký hiệu | {reference} |\n"
        "| Tình trạng | Còn hiệu lực |\n| Người theo dõi | Chuyên viên phụ trách pháp chế |",
    ]
    return DocumentSpec(
        code=code,
        title=title,
        kind="TL",
        department=dept,
        review_interval_months=12,
        body="\n\n".join(body),
        issuer=issuer,
        external_reference=reference,
        clauses=[(P_, "7.5.3"), (E_, "7.5.3")],
    )


# --- the whole set ----------------------------------------------------------------


def document_specs() -> list[DocumentSpec]:
    """The 115 documents of the demo set, in register order of kinds."""
    specs = procedures() + instructions() + regulations()
    specs.append(_manual(specs))
    specs += [_policy(), _objectives()]
    specs += [_role(n, *row) for n, row in enumerate(ROLE_POSITIONS, 1)]
    specs += [_form(*row) for row in FORMS]
    specs += [_external(n, row) for n, row in enumerate(EXTERNAL, 1)]
    return specs


def page_estimate(specs: list[DocumentSpec]) -> int:
    return round(sum(s.text_length() for s in specs) / CHARS_PER_PAGE)


if __name__ == "__main__":
    all_specs = document_specs()
    kinds: dict[str, int] = {}
    for s in all_specs:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    print(f"{len(all_specs)} documents: {kinds}")
    for kind in kinds:
        chosen = [s for s in all_specs if s.kind == kind]
        print(f"  {kind}: ~{page_estimate(chosen)} pages")
    total = sum(s.text_length() for s in all_specs)
    print(
        f"total {total:,} characters ≈ {page_estimate(all_specs)} A4 pages "
        f"at {CHARS_PER_PAGE} characters a page"
    )
