"""Indonesian banks a campaign's funds can be paid to, by kode bank: the three-digit code every
bank's "transfer antarbank" screen asks for. A disbursement stores the code; the name is read
from here. Also how an account number is written down: digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Bank:
    code: str
    name: str
    # Other ways people write the bank's name (old names, full legal names), for old records.
    aliases: tuple[str, ...] = ()


# The banks most campaigners use first, in this order; then every other bank by name.
COMMON = ("014", "002", "008", "009", "451", "200", "022", "013", "011", "501", "542", "535")

BANKS: tuple[Bank, ...] = (
    Bank("002", "BRI", ("Bank Rakyat Indonesia",)),
    Bank("008", "Mandiri", ("Bank Mandiri",)),
    Bank("009", "BNI", ("Bank Negara Indonesia",)),
    Bank("011", "Danamon", ("Bank Danamon",)),
    Bank("013", "Permata", ("PermataBank", "Bank Permata")),
    Bank("014", "BCA", ("Bank Central Asia",)),
    Bank("016", "Maybank", ("Maybank Indonesia", "BII", "Bank Internasional Indonesia")),
    Bank("019", "Panin", ("Panin Bank", "Pan Indonesia Bank")),
    Bank("022", "CIMB Niaga", ("CIMB", "Niaga")),
    Bank("023", "UOB Indonesia", ("UOB",)),
    Bank("028", "OCBC NISP", ("OCBC", "NISP")),
    Bank("031", "Citibank"),
    Bank("037", "Artha Graha", ("Artha Graha Internasional",)),
    Bank("041", "HSBC Indonesia", ("HSBC",)),
    Bank("046", "DBS Indonesia", ("DBS", "digibank")),
    Bank("050", "Standard Chartered"),
    Bank("110", "BJB", ("Bank Jabar Banten", "Bank Jawa Barat")),
    Bank("111", "Bank DKI", ("DKI",)),
    Bank("112", "BPD DIY", ("Bank BPD DIY", "Bank Jogja")),
    Bank("113", "Bank Jateng", ("Jateng", "Bank Jawa Tengah")),
    Bank("114", "Bank Jatim", ("Jatim", "Bank Jawa Timur")),
    Bank("115", "Bank Jambi", ("Jambi",)),
    Bank("116", "Bank Aceh Syariah", ("Bank Aceh",)),
    Bank("117", "Bank Sumut", ("Sumut", "Bank Sumatera Utara")),
    Bank("118", "Bank Nagari", ("Nagari", "Bank Sumbar")),
    Bank("119", "Bank Riau Kepri Syariah", ("Bank Riau Kepri", "BRK")),
    Bank("120", "Bank Sumsel Babel", ("Sumsel Babel",)),
    Bank("121", "Bank Lampung", ("Lampung",)),
    Bank("122", "Bank Kalsel", ("Kalsel",)),
    Bank("123", "Bank Kalbar", ("Kalbar",)),
    Bank("124", "Bank Kaltimtara", ("Bank Kaltim", "Kaltimtara")),
    Bank("125", "Bank Kalteng", ("Kalteng",)),
    Bank("126", "Bank Sulselbar", ("Sulselbar", "Bank Sulsel")),
    Bank("127", "Bank SulutGo", ("SulutGo", "Bank Sulut")),
    Bank("128", "Bank NTB Syariah", ("Bank NTB",)),
    Bank("129", "Bank BPD Bali", ("BPD Bali",)),
    Bank("130", "Bank NTT", ("NTT",)),
    Bank("131", "Bank Maluku Malut", ("Bank Maluku",)),
    Bank("132", "Bank Papua", ("Papua",)),
    Bank("133", "Bank Bengkulu", ("Bengkulu",)),
    Bank("134", "Bank Sulteng", ("Sulteng",)),
    Bank("135", "Bank Sultra", ("Sultra",)),
    Bank("137", "Bank Banten", ("Banten",)),
    Bank("147", "Muamalat", ("Bank Muamalat", "Bank Muamalat Indonesia")),
    Bank("153", "Sinarmas", ("Bank Sinarmas",)),
    Bank("200", "BTN", ("Bank Tabungan Negara",)),
    Bank("213", "SMBC Indonesia", ("BTPN", "Jenius", "Bank BTPN")),
    Bank("425", "BJB Syariah"),
    Bank("426", "Mega", ("Bank Mega",)),
    Bank("441", "KB Bank", ("Bukopin", "KB Bukopin", "Bank Bukopin")),
    Bank("451", "BSI", ("Bank Syariah Indonesia", "BSM", "Bank Syariah Mandiri")),
    Bank("484", "KEB Hana", ("Hana Bank", "LINE Bank")),
    Bank("485", "MNC Bank", ("Motion Bank",)),
    Bank("490", "Bank Neo Commerce", ("Neo Commerce", "BNC")),
    Bank("494", "Bank Raya", ("BRI Agroniaga", "Raya")),
    Bank("501", "Blu (BCA Digital)", ("Blu", "BCA Digital", "blu by BCA Digital")),
    Bank("503", "Nobu", ("Bank Nationalnobu", "Nobu Bank")),
    Bank("506", "Mega Syariah", ("Bank Mega Syariah",)),
    Bank("517", "Panin Dubai Syariah", ("Panin Syariah",)),
    Bank("535", "SeaBank", ("Sea Bank", "Bank Seabank Indonesia")),
    Bank("536", "BCA Syariah"),
    Bank("542", "Jago", ("Bank Jago",)),
    Bank("547", "BTPN Syariah"),
    Bank("567", "Allo Bank", ("Allo",)),
    Bank("947", "Aladin Syariah", ("Bank Aladin", "Aladin")),
)

BY_CODE: dict[str, Bank] = {bank.code: bank for bank in BANKS}


def bank_choices() -> list[tuple[object, object]]:
    """The form's choices: an empty first line, the common banks, then the others by name;
    each labelled "name (code)" so the code people see at the ATM is there too."""

    def label(bank: Bank) -> str:
        return f"{bank.name} ({bank.code})"

    others = sorted((b for b in BANKS if b.code not in COMMON), key=lambda b: b.name.lower())
    return [
        ("", gettext_lazy("Pilih bank")),
        (gettext_lazy("Bank yang sering dipakai"), [(c, label(BY_CODE[c])) for c in COMMON]),
        (gettext_lazy("Bank lain (A-Z)"), [(b.code, label(b)) for b in others]),
    ]


def bank_name(code: str) -> str:
    bank = BY_CODE.get(code)
    return bank.name if bank else ""


_NOISE = re.compile(r"\b(pt|tbk|persero|bank|indonesia)\b|[^a-z0-9]")


def _key(text: str) -> str:
    return _NOISE.sub("", text.lower())


_BY_KEY: dict[str, str] = {
    _key(text): bank.code for bank in BANKS for text in (bank.name, *bank.aliases) if _key(text)
}


def bank_code_for(text: str) -> str | None:
    """The code of the bank `text` names ("bank bca", "PT Bank Mandiri (Persero) Tbk", "014"),
    or None when it names none of ours."""
    stripped = text.strip()
    if stripped in BY_CODE:
        return stripped
    return _BY_KEY.get(_key(stripped))


ACCOUNT_NUMBER_MIN, ACCOUNT_NUMBER_MAX = 5, 20
_SEPARATORS = re.compile(r"[\s.\-]")
_DIGITS = re.compile(r"[0-9]*")


def account_number_normalise(raw: str) -> str:
    """The account number as digits only: "123-456 789" and "123.456.789" are "123456789".
    Anything else than digits and those separators, or a length outside 5 to 20 digits, is
    refused with a message for the person who typed it."""
    digits = _SEPARATORS.sub("", raw)
    if not _DIGITS.fullmatch(digits):
        raise ValidationError(
            _(
                "Nomor rekening hanya boleh berisi angka (spasi, titik, dan tanda hubung "
                "boleh dipakai sebagai pemisah)."
            ),
            code="invalid",
        )
    if not ACCOUNT_NUMBER_MIN <= len(digits) <= ACCOUNT_NUMBER_MAX:
        raise ValidationError(
            _("Nomor rekening harus %(min)d sampai %(max)d angka; yang Anda isi %(n)d angka.")
            % {"min": ACCOUNT_NUMBER_MIN, "max": ACCOUNT_NUMBER_MAX, "n": len(digits)},
            code="length",
        )
    return digits
