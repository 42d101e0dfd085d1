from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gotong.info.claims import (
    CLAIM_FIELDS,
    CLAIM_LIMIT,
    METHOD_LIMIT,
    SPREAD_LIMIT,
    ClaimInput,
    Verdict,
    references_split,
)
from gotong.info.kinds import InfoKind
from gotong.info.models import GroupKind, InfoReportReason, SourceKind
from gotong.info.sources import SourceInput
from gotong.regions.forms import LEVEL_FIELDS, RegionPickerMixin

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ClaimForm(forms.Form):
    """The claim block of a `klarifikasi hoaks` post (`claims.py` checks it); the create page
    always shows it, and reads it only for that kind."""

    claim_legend = _("Klarifikasi hoaks")
    claim_hint = _("Isi hanya untuk klarifikasi hoaks.")
    claim_text = forms.CharField(
        label=_("Klaim yang beredar (kutip apa adanya)"),
        max_length=CLAIM_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    claim_spread_on = forms.CharField(
        label=_("Tersebar di"),
        max_length=SPREAD_LIMIT,
        required=False,
        help_text=_("Mis. grup WhatsApp, Facebook"),
    )
    claim_archive_url = forms.CharField(
        label=_("Tautan arsip klaim"),
        max_length=500,
        required=False,
        help_text=_("Mis. web.archive.org atau archive.ph"),
    )
    claim_verdict = forms.ChoiceField(
        label=_("Putusan"), choices=[("", _("— Pilih —")), *Verdict.choices], required=False
    )
    claim_method = forms.CharField(
        label=_("Cara memeriksa"),
        max_length=METHOD_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    claim_references = forms.CharField(
        label=_("Rujukan"),
        max_length=5100,
        required=False,
        help_text=_("Satu tautan per baris"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @property
    def claim_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CLAIM_FIELDS if name in self.fields]

    def claim(self) -> ClaimInput:
        data = self.cleaned_data
        return ClaimInput(
            text=data["claim_text"],
            spread_on=data["claim_spread_on"],
            archive_url=data["claim_archive_url"],
            verdict=data["claim_verdict"],
            method=data["claim_method"],
            references=references_split(data["claim_references"]),
        )


class InfoForm(RegionPickerMixin, ClaimForm):
    region_legend = _("Wilayah")
    kind = forms.ChoiceField(label=_("Jenis informasi"), choices=InfoKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=140)
    what = forms.CharField(
        label=_("Apa"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    when_text = forms.CharField(label=_("Kapan"), max_length=200)
    where_text = forms.CharField(label=_("Di mana"), max_length=300)
    is_institution = forms.BooleanField(
        label=_("Saya menulis atas nama lembaga (puskesmas, posko, dinas)"), required=False
    )
    institution_contact = forms.CharField(
        label=_("Kontak lembaga (ditampilkan)"), max_length=120, required=False
    )
    source_kind = forms.ChoiceField(
        label=_("Sumber"), choices=SourceKind.choices, widget=forms.RadioSelect
    )
    source_url = forms.CharField(label=_("Tautan sumber"), max_length=500, required=False)
    source_file = forms.FileField(label=_("Foto atau dokumen"), required=False)
    source_date = forms.DateField(label=_("Tanggal dilihat"), widget=DATE)
    valid_until = forms.DateField(
        label=_("Berlaku sampai (boleh kosong)"),
        required=False,
        widget=DATE,
        help_text=_(
            "Misalnya hari pembagian sembako. Kosongkan untuk masa berlaku bawaan jenisnya (mis. "
            "7 hari untuk jadwal dan layanan, 30 hari untuk lowongan relawan). Sebelum habis, "
            "kami tanyakan lewat email apakah masih berlaku."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required_level=2, **kwargs)
        self.fields["source_date"].initial = timezone.localdate()

    @property
    def own_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in (*LEVEL_FIELDS, *CLAIM_FIELDS)]

    def claim_or_none(self) -> ClaimInput | None:
        """The claim for a `klarifikasi hoaks` post; what the block holds is ignored otherwise."""
        return self.claim() if self.cleaned_data["kind"] == InfoKind.HOAX else None

    def source(self) -> SourceInput:
        data = self.cleaned_data
        return SourceInput(
            kind=data["source_kind"],
            seen_on=data["source_date"],
            url=data["source_url"] if data["source_kind"] == SourceKind.URL else "",
            file=data["source_file"] if data["source_kind"] == SourceKind.FILE else None,
        )


class VoteForm(forms.Form):
    still_true = forms.TypedChoiceField(
        label=_("Menurut Anda"),
        choices=[("1", _("Masih benar")), ("0", _("Sudah tidak benar"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    group_kind = forms.ChoiceField(
        label=_("Saya berbicara sebagai warga"), choices=GroupKind.choices, widget=forms.RadioSelect
    )
    kecamatan = forms.ChoiceField(label=_("Kecamatan Anda"), required=False)
    organisation = forms.CharField(label=_("Atau organisasi Anda"), max_length=120, required=False)
    evidence_url = forms.CharField(
        label=_("Tautan bukti (boleh kosong)"), max_length=500, required=False
    )
    evidence_photo = forms.FileField(label=_("Foto bukti (boleh kosong)"), required=False)

    def __init__(self, *args, kecamatan_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kecamatan"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("— Pilih —")), *kecamatan_choices]

    def group_key(self) -> str:
        data = self.cleaned_data
        return (
            data["kecamatan"] if data["group_kind"] == GroupKind.DISTRICT else data["organisation"]
        )


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("verify", _("Terverifikasi")), ("false", _("Salah"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Catatan pemeriksaan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Bukti (tautan, foto, siapa yang ditelepon)"), max_length=500
    )


class InfoEditForm(ClaimForm):
    """The author's edit: the text only, and the claim of a `klarifikasi hoaks` post (kind,
    region and sources stay; a new revision)."""

    title = forms.CharField(label=_("Judul"), max_length=140)
    what = forms.CharField(
        label=_("Apa"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    when_text = forms.CharField(label=_("Kapan"), max_length=200)
    where_text = forms.CharField(label=_("Di mana"), max_length=300)
    institution_contact = forms.CharField(
        label=_("Kontak lembaga (ditampilkan)"), max_length=120, required=False
    )

    def __init__(self, *args, with_claim: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_claim:
            for name in CLAIM_FIELDS:
                del self.fields[name]

    @property
    def text_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in CLAIM_FIELDS]


class InfoLinkForm(forms.Form):
    reference = forms.CharField(
        label=_("Nomor atau tautan info"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Contoh: 12 atau https://…/info/12/")}),
    )


class InfoReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Alasan"), choices=InfoReportReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Penjelasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class InfoReportDecisionForm(forms.Form):
    """The verifikator on a report: dismiss it (with a reason) or declare the post false (with
    a note and evidence, as on the post's page)."""

    decision = forms.ChoiceField(choices=[("dismiss", "dismiss"), ("false", "false")])
    reason = forms.CharField(max_length=1000, required=False)
    note = forms.CharField(max_length=1000, required=False)
    evidence = forms.CharField(max_length=500, required=False)
