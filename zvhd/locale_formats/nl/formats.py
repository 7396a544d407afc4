"""Django's own date formats for Dutch, made to agree with `zvhd.formats` (issue 23).

Django's Dutch SHORT_DATE_FORMAT is "j-n-Y" ("23-8-2026"), while the project's lists write
"28-02-2025"; a `|date` without a format, a DateColumn and a form field's initial value use
these. Months are lower case in "F" already.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
# Input formats stay Django's own for Dutch (which also accepts ISO dates).
