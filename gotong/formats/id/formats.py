# Indonesian: 27 November 2026, 27 Nov 2026 14:05; receipts write the time as 14.05.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
