"""The Ministry's satisfaction instruments, as survey templates.

Public education services follow the method of QĐ 3982/QĐ-BGDĐT (2013) and the
questionnaires of QĐ 2329/QĐ-BGDĐT (2017, updated 2019): access, facilities and
equipment, educational environment, educational activities, educational results,
overall satisfaction, on a 5-point scale. The administrative desk follows SIPAS:
access, the procedure, the civil servant, the result, feedback handling.

Question texts are content (in Vietnamese, the organisation's language); the
secretariat edits them like any other question before the first answer.
"""

from surveys.models import Dimension, Question

L, S, M, T = (
    Question.Kind.LIKERT,
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.TEXT,
)

PUBLIC_EDUCATION = [
    (
        "I. Tiếp cận dịch vụ giáo dục",
        [
            ("tc1", L, Dimension.ACCESS, "Thông tin tuyển sinh được công khai đầy đủ, kịp thời"),
            ("tc2", L, Dimension.ACCESS, "Thủ tục nhập học đơn giản, thuận tiện"),
            ("tc3", L, Dimension.ACCESS, "Khoảng cách từ nhà đến trường phù hợp"),
            ("tc4", L, Dimension.ACCESS, "Các khoản đóng góp được công khai, hợp lý"),
        ],
    ),
    (
        "II. Cơ sở vật chất, trang thiết bị",
        [
            ("vc1", L, Dimension.FACILITIES, "Phòng học đủ ánh sáng, thoáng mát, an toàn"),
            ("vc2", L, Dimension.FACILITIES, "Bàn ghế phù hợp với lứa tuổi học sinh"),
            ("vc3", L, Dimension.FACILITIES, "Thiết bị dạy học đầy đủ, được sử dụng thường xuyên"),
            ("vc4", L, Dimension.FACILITIES, "Nhà vệ sinh sạch sẽ, đủ nước"),
            ("vc5", L, Dimension.FACILITIES, "Thư viện, phòng thí nghiệm đáp ứng nhu cầu học tập"),
        ],
    ),
    (
        "III. Môi trường giáo dục",
        [
            ("mt1", L, Dimension.ENVIRONMENT, "Nhà trường an toàn, không có bạo lực học đường"),
            ("mt2", L, Dimension.ENVIRONMENT, "Thầy cô tôn trọng, đối xử công bằng với học sinh"),
            ("mt3", L, Dimension.ENVIRONMENT, "Quan hệ giữa nhà trường và gia đình gắn bó"),
            ("mt4", L, Dimension.ENVIRONMENT, "Khuôn viên xanh, sạch, đẹp"),
        ],
    ),
    (
        "IV. Hoạt động giáo dục",
        [
            ("hd1", L, Dimension.ACTIVITIES, "Giáo viên nhiệt tình, phương pháp dạy dễ hiểu"),
            ("hd2", L, Dimension.ACTIVITIES, "Kiểm tra, đánh giá khách quan, công bằng"),
            ("hd3", L, Dimension.ACTIVITIES, "Hoạt động trải nghiệm, ngoại khóa phong phú"),
            ("hd4", L, Dimension.ACTIVITIES, "Học sinh được tư vấn, hỗ trợ khi gặp khó khăn"),
        ],
    ),
    (
        "V. Kết quả giáo dục",
        [
            ("kq1", L, Dimension.RESULTS, "Học sinh tiến bộ về kiến thức, kỹ năng"),
            ("kq2", L, Dimension.RESULTS, "Học sinh tiến bộ về đạo đức, lối sống"),
            ("kq3", L, Dimension.RESULTS, "Học sinh tự tin, mạnh dạn hơn"),
        ],
    ),
    (
        "VI. Đánh giá chung",
        [
            (
                "ch1",
                L,
                Dimension.OVERALL,
                "Mức độ hài lòng chung với dịch vụ giáo dục của nhà trường",
            ),
            (
                "kv1",
                S,
                "",
                "Nơi sinh sống của gia đình",
                ["Phường", "Xã vùng thấp", "Xã vùng cao, vùng đặc biệt khó khăn"],
            ),
            (
                "ut1",
                M,
                "",
                "Nhà trường cần ưu tiên cải thiện",
                [
                    "Cơ sở vật chất",
                    "Chất lượng dạy học",
                    "An toàn trường học",
                    "Bán trú, nội trú",
                    "Thông tin, liên lạc",
                ],
            ),
            ("gy1", T, "", "Góp ý khác để nhà trường phục vụ tốt hơn"),
        ],
    ),
]

SIPAS = [
    (
        "I. Tiếp cận dịch vụ",
        [
            ("ta1", L, Dimension.SIPAS_ACCESS, "Nơi tiếp nhận hồ sơ dễ tìm, có chỗ ngồi chờ"),
            ("ta2", L, Dimension.SIPAS_ACCESS, "Trang thiết bị phục vụ đầy đủ, dễ sử dụng"),
            ("ta3", L, Dimension.SIPAS_ACCESS, "Dịch vụ công trực tuyến dễ truy cập"),
        ],
    ),
    (
        "II. Thủ tục hành chính",
        [
            ("th1", L, Dimension.PROCEDURE, "Thủ tục được niêm yết công khai, đầy đủ, chính xác"),
            ("th2", L, Dimension.PROCEDURE, "Thành phần hồ sơ đúng như niêm yết"),
            ("th3", L, Dimension.PROCEDURE, "Phí, lệ phí đúng quy định"),
            ("th4", L, Dimension.PROCEDURE, "Thời hạn giải quyết đúng quy định"),
        ],
    ),
    (
        "III. Công chức giải quyết công việc",
        [
            ("cc1", L, Dimension.CIVIL_SERVANT, "Công chức có thái độ giao tiếp lịch sự"),
            ("cc2", L, Dimension.CIVIL_SERVANT, "Công chức lắng nghe, hướng dẫn tận tình"),
            ("cc3", L, Dimension.CIVIL_SERVANT, "Công chức thành thạo chuyên môn"),
            ("cc4", L, Dimension.CIVIL_SERVANT, "Công chức tuân thủ quy định, không gây phiền hà"),
        ],
    ),
    (
        "IV. Kết quả giải quyết thủ tục",
        [
            ("kr1", L, Dimension.SIPAS_RESULT, "Kết quả đúng quy định"),
            ("kr2", L, Dimension.SIPAS_RESULT, "Kết quả có thông tin đầy đủ, chính xác"),
            ("kr3", L, Dimension.SIPAS_RESULT, "Nhận kết quả đúng hẹn"),
        ],
    ),
    (
        "V. Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
        [
            ("pa1", L, Dimension.FEEDBACK, "Có hình thức tiếp nhận góp ý, phản ánh phù hợp"),
            ("pa2", L, Dimension.FEEDBACK, "Góp ý, phản ánh được tiếp nhận và xử lý tích cực"),
            ("pa3", L, Dimension.FEEDBACK, "Được thông báo kết quả xử lý kịp thời"),
            ("gy1", T, "", "Góp ý để Sở phục vụ tốt hơn"),
        ],
    ),
]

INSTRUMENTS = {"public_education": PUBLIC_EDUCATION, "sipas": SIPAS}
