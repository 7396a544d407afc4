"""Numbers, amounts, percentages and dates the Dutch way: one helper for every output.

A walk through the demo (issue 23) found "28 Feb 2025", "15 juli 1991", "28-02-2025" and
"23-8-2026" side by side, months written "Okt", and amounts without grouping in PDFs. Every
page, PDF, letter and spreadsheet of the project formats through these functions, so one
change here changes all of them:

- `number(1064753)` → "1.064.753" (grouped, comma for decimals: `number(4.987, 2)` → "4,99");
- `euro(13617)` → "€ 13.617" (non-breaking space; `euro(12.5, 2)` → "€ 12,50");
- `percent(4.987)` → "4,99 %" (the value is already a percentage, not a fraction);
- `short_date(d)` → "28-02-2025": tables, lists, forms and exports;
- `long_date(d)` → "28 februari 2025": sentences, letters and documents (months in lower
  case, as Dutch writes them);
- `short_datetime(dt)` → "28-02-2025 14:05", `long_datetime(dt)` → "28 februari 2025 om 14:05"
  (aware datetimes in the local time zone);
- `weekday_date(d)` → "vrijdag 28 februari 2025" (meetings: the day of the week matters),
  `day_month(d)` → "28 februari" (within the current year, where the year is plain);
- `iso(d)` → "2025-02-28": never for people, only where a machine reads it (a `<time
  datetime>` attribute, a link's query string a date field reads back).

Years and record numbers are never grouped ("2026", not "2.026"): they are not quantities
and stay plain `str`. The template filters in `zvhd/templatetags/zvhd.py` call these; the
XLSX writers use the `XLSX_*` number formats, which a Dutch spreadsheet program shows as
"1.064.753", "€ 13.617", "4,99%" and "28-02-2025". `parse_decimal` reads what a Dutch user
types ("1,5", "1.064,5", "€ 13.617").
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
NBSP = "\u00a0"

# Django date-filter formats of the two contexts, for templates that pass a format themselves.
SHORT_DATE = "d-m-Y"
LONG_DATE = "j F Y"

# Number formats of openpyxl cells: stored as numbers and dates, shown in the reader's locale.
XLSX_COUNT = "#,##0"
XLSX_DECIMAL = "#,##0.00"
XLSX_EURO = '"€" #,##0;-"€" #,##0'
XLSX_EURO_CENTS = '"€" #,##0.00;-"€" #,##0.00'
XLSX_PERCENT = "0.00%"  # of a fraction: 0.0499 shows as 4,99%
XLSX_DATE = "dd-mm-yyyy"
XLSX_DATETIME = "dd-mm-yyyy hh:mm"


def xlsx_format(value) -> str | None:
    """The number format of a spreadsheet cell holding `value` (None: leave it as text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return XLSX_DATETIME
    if isinstance(value, date):
        return XLSX_DATE
    if isinstance(value, int):
        return XLSX_COUNT
    if isinstance(value, float | Decimal):
        return XLSX_DECIMAL
    return None


def xlsx_apply_formats(sheet, *, min_row: int = 1) -> None:
    """Give every number and date cell of an openpyxl sheet the Dutch-readable format that
    `xlsx_format` picks, unless the writer chose one already (euros, percentages). openpyxl
    gives a date the ISO format "yyyy-mm-dd" by itself; that one is replaced too."""
    for row in sheet.iter_rows(min_row=min_row):
        for cell in row:
            if cell.number_format in ("General", "yyyy-mm-dd", "yyyy-mm-dd h:mm:ss"):
                chosen = xlsx_format(cell.value)
                if chosen:
                    cell.number_format = chosen


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def number(value, decimals: int = 0) -> str:
    """1.064.753, or 4,99 with `decimals=2`; "" for nothing, the value itself if not a number.

    A negative `decimals` is "at most that many", as Django's floatformat: 4,18 for 4.180."""
    amount = _decimal(value)
    if amount is None:
        return "" if value in (None, "") else str(value)
    places = abs(int(decimals))
    amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _sep, fraction = f"{abs(amount):f}".partition(".")
    if int(decimals) < 0:
        fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def euro(value, decimals: int = 0) -> str:
    """€ 13.617 (whole euros, as the budget documents write them) or € 1.234,50."""
    text = number(value, decimals)
    if not text or _decimal(value) is None:
        return text
    if text.startswith("-"):
        return f"-€{NBSP}{text[1:]}"
    return f"€{NBSP}{text}"


def percent(value, decimals: int = 2) -> str:
    """4,99 % of a value that is already a percentage; trailing zeros kept ("5,00 %")."""
    text = number(value, decimals)
    if not text or _decimal(value) is None:
        return text
    return f"{text}{NBSP}%"


def cell(value) -> str:
    """A figure in a table: whole numbers grouped (1.064.753), fractions with at most two
    decimals (4,99), text as it is, "–" for nothing. Not for years or record numbers."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, int):
        return number(value)
    return number(value, -2)


def _day(value):
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value
    return value


def short_date(value) -> str:
    """28-02-2025."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    value = _day(value)
    return f"{value.day:02d}-{value.month:02d}-{value.year}"


def long_date(value) -> str:
    """28 februari 2025."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    value = _day(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def weekday_date(value) -> str:
    """vrijdag 28 februari 2025."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    value = _day(value)
    return f"{WEEKDAYS[value.weekday()]} {long_date(value)}"


def day_month(value) -> str:
    """28 februari."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    value = _day(value)
    return f"{value.day} {MONTHS[value.month - 1]}"


def iso(value) -> str:
    """2025-02-28 (or 2025-02-28T14:05:00+01:00): for machines, never shown to people."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    if isinstance(value, datetime):
        return _day(value).isoformat()
    return value.isoformat()


def month_year(value) -> str:
    """februari 2025."""
    if not isinstance(value, date):
        return "" if value in (None, "") else str(value)
    return f"{MONTHS[value.month - 1]} {value.year}"


def short_datetime(value, seconds: bool = False) -> str:
    """28-02-2025 14:05 (a date alone is shown as a date); 28-02-2025 14:05:09 with
    `seconds` (the access log, where the order of reads matters)."""
    if not isinstance(value, datetime):
        return short_date(value)
    value = _day(value)
    return (
        f"{short_date(value)} {value:%H:%M:%S}" if seconds else f"{short_date(value)} {value:%H:%M}"
    )


def long_datetime(value) -> str:
    """28 februari 2025 om 14:05."""
    if not isinstance(value, datetime):
        return long_date(value)
    value = _day(value)
    return f"{long_date(value)} om {value:%H:%M}"


def parse_decimal(text) -> Decimal | None:
    """What a Dutch user types: "1,5", "1.064,5", "€ 13.617", "4,99 %"; None if it is not a
    number. A dot alone is a decimal point only where it cannot be a thousands separator
    ("1.5" is one and a half, "1.500" is fifteen hundred)."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal):
        return _decimal(text)
    cleaned = str(text).strip()
    for noise in ("€", "%", " ", NBSP, "\u202f"):
        cleaned = cleaned.replace(noise, "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (
        cleaned.count(".") == 1 and len(cleaned.rpartition(".")[2]) == 3
    ):
        cleaned = cleaned.replace(".", "")
    return _decimal(cleaned)


class DecimalField(forms.DecimalField):
    """A decimal form field that reads Dutch input ("1,5" fte) and shows "1,5" back."""

    default_error_messages = {"invalid": _("Vul een getal in, bijvoorbeeld 1,5.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            parsed = parse_decimal(value)
            if parsed is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = str(parsed)
        return super().to_python(value)

    def prepare_value(self, value):
        amount = _decimal(value)
        if amount is None:
            return value
        text = f"{amount.normalize():f}" if amount == amount.to_integral() else f"{amount:f}"
        return text.rstrip("0").rstrip(".").replace(".", ",") if "." in text else text
