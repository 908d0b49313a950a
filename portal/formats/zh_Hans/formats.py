"""Chinese date and time formats: 2026年12月3日 星期四 09:00, 12月3日 for short forms, 24-hour times.

Templates use the names (``|date:"DATETIME_FORMAT"``), never a pattern, so English keeps its own.
"""

DATE_FORMAT = "Y年n月j日 l"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y年n月j日 l H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "n月j日 H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
