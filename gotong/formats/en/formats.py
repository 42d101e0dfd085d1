# English: November 27, 2026; Nov 27, 2026 14:05 (24-hour clock, as the times are WIB).
DATE_FORMAT = "F j, Y"
SHORT_DATE_FORMAT = "M j, Y"
DATETIME_FORMAT = "F j, Y, H:i"
SHORT_DATETIME_FORMAT = "M j, Y H:i"
