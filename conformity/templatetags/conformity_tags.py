from django import template

register = template.Library()

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


@register.simple_tag
def place_and_date(place, day) -> str:
    """The place-and-date line of an administrative text (Decree 30/2020): "Sơn La,
    ngày 07 tháng 12 năm 2026" — a zero before days under 10 and months under 3."""
    place = place or "……"
    if day is None:
        return f"{place}, ngày … tháng … năm ……"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@register.filter
def roman(number) -> str:
    try:
        return ROMAN[int(number) - 1]
    except (ValueError, IndexError, TypeError):
        return str(number)
