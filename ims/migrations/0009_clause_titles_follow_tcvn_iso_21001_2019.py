"""ISO 21001 clause titles in Vietnamese as TCVN ISO 21001:2019 words them.

The library (ims/clauses.yaml) adds missing clauses after every migrate but never
rewrites one that exists, so a database loaded before the correction keeps the
earlier wording. This puts the TCVN wording in, only where a title is still the
earlier one: a title someone edited in the admin stays as edited.
"""

from django.db import migrations

# number: (earlier wording, TCVN ISO 21001:2019 wording)
CORRECTED = {
    "4.3": (
        "Xác định phạm vi của hệ thống quản lý tổ chức giáo dục",
        "Xác định phạm vi hệ thống quản lý của tổ chức giáo dục",
    ),
    "4.4": ("Hệ thống quản lý tổ chức giáo dục", "Hệ thống quản lý của tổ chức giáo dục (EOMS)"),
    "8.3": (
        "Thiết kế và phát triển sản phẩm và dịch vụ giáo dục",
        "Thiết kế và phát triển sản phẩm, dịch vụ giáo dục",
    ),
    "8.7": (
        "Kiểm soát đầu ra giáo dục không phù hợp",
        "Kiểm soát đầu ra về giáo dục không phù hợp",
    ),
    "9": ("Đánh giá kết quả hoạt động", "Đánh giá kết quả thực hiện"),
    "B": (
        "Các nguyên tắc của hệ thống quản lý đối với tổ chức giáo dục (tham khảo)",
        "Nguyên tắc đối với EOMS (tham khảo)",
    ),
    "C": (
        "Phân loại các bên quan tâm trong tổ chức giáo dục (tham khảo)",
        "Phân loại các bên quan tâm của tổ chức giáo dục (tham khảo)",
    ),
    "D": (
        "Hướng dẫn trao đổi thông tin với các bên quan tâm (tham khảo)",
        "Hướng dẫn về trao đổi thông tin với các bên quan tâm (tham khảo)",
    ),
    "E": (
        "Các quá trình, thước đo và công cụ trong tổ chức giáo dục (tham khảo)",
        "Các quá trình, biện pháp và công cụ trong tổ chức giáo dục (tham khảo)",
    ),
}


def _retitle(apps, schema_editor, *, forward: bool) -> None:
    Clause = apps.get_model("ims", "Clause")
    for number, (earlier, tcvn) in CORRECTED.items():
        old, new = (earlier, tcvn) if forward else (tcvn, earlier)
        Clause.objects.filter(
            standard="iso21001", edition="2018", number=number, title_vi=old
        ).update(title_vi=new)


def forwards(apps, schema_editor):
    _retitle(apps, schema_editor, forward=True)


def backwards(apps, schema_editor):
    _retitle(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("ims", "0008_profile_language")]

    operations = [migrations.RunPython(forwards, backwards)]
