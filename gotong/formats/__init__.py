"""Date formats per language (settings.FORMAT_MODULE_PATH). Only what differs from Django's own
locale formats is here; everything else (thousands separators, input formats) is Django's."""
