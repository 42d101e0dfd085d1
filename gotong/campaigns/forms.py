from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.campaigns.models import Category
from gotong.core.forms import RupiahField
from gotong.core.images import (
    COVER_CONTENT_TYPES,
    COVER_MAX_WIDTH,
    COVER_MIN_WIDTH,
    COVER_RATIO,
    MAX_UPLOAD_BYTES,
)
from gotong.regions.forms import LEVEL_FIELDS, RegionPickerMixin


class CampaignForm(RegionPickerMixin, forms.Form):
    region_legend = _("Wilayah yang dibantu (boleh kosong)")

    title = forms.CharField(label=_("Judul"), max_length=120, min_length=10)
    summary = forms.CharField(
        label=_("Ringkasan singkat"),
        max_length=200,
        required=False,
        help_text=_("Satu kalimat yang muncul di kartu kampanye."),
    )
    category = forms.ChoiceField(label=_("Kategori"), choices=Category.choices)
    beneficiary = forms.CharField(label=_("Penerima manfaat"), max_length=120)
    location = forms.CharField(
        label=_("Lokasi"),
        max_length=120,
        required=False,
        help_text=_("Kabupaten/kota dan provinsi, misalnya: Bangkalan, Jawa Timur."),
    )
    target = RupiahField(
        label=_("Target donasi (Rp)"),
        min_value=1,
        help_text=_("Contoh: 25.000.000"),
        error_messages={"invalid": _("Isi target dengan angka rupiah, misalnya 25.000.000.")},
    )
    deadline = forms.DateField(
        label=_("Batas waktu"),
        # The browser's date picker reads and writes ISO dates, whatever the language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    story = forms.CharField(
        label=_("Cerita"),
        widget=forms.Textarea(attrs={"rows": 12}),
        min_length=50,
        help_text=_("Ceritakan siapa yang dibantu dan untuk apa dananya. Mendukung Markdown."),
    )
    recurring_allowed = forms.BooleanField(
        label=_("Menerima donasi rutin"),
        required=False,
        help_text=_(
            "Donatur bisa memilih berdonasi tiap pekan atau tiap bulan sampai kampanye berakhir."
        ),
    )
    cover = forms.FileField(
        label=_("Foto sampul"),
        required=False,
        widget=forms.FileInput(
            attrs={
                "accept": ",".join(COVER_CONTENT_TYPES),
                "aria-describedby": "cover-limits",
                "data-max-bytes": MAX_UPLOAD_BYTES,
                "data-min-width": COVER_MIN_WIDTH,
            }
        ),
    )

    # What the cover may be, told before it is chosen (campaigns/_cover_field.html); the
    # service checks it with gotong/core/images.py.
    cover_limits = {
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        "min_width": COVER_MIN_WIDTH,
        "ratio": f"{COVER_RATIO[0]}:{COVER_RATIO[1]}",
        "width": COVER_MAX_WIDTH,
        "height": COVER_MAX_WIDTH * COVER_RATIO[1] // COVER_RATIO[0],
    }

    @property
    def own_fields(self) -> list[forms.BoundField]:
        """The campaign's fields, without the region picker's (shown in its own fieldset)."""
        return [field for field in self if field.name not in LEVEL_FIELDS]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("publish", _("Terbitkan")), ("reject", _("Kembalikan ke penggalang"))]
    )
    reason = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
