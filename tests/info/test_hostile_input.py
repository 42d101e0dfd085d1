"""The issue's acceptance: a post without a source cannot be published; hostile input (XSS in
every field, huge text, bad URLs such as `javascript:`) is inert or refused with a clear
message. Everything goes through the real pages: /info/baru/, edit, vote, verdict."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gotong.info.models import InfoPost, InfoRevision, InfoSource, InfoStatusChange, InfoVote
from tests.info.conftest import CLAIM, hoax, old_user, post

pytestmark = pytest.mark.usefixtures("makassar")

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEXT_FIELDS = (
    "title",
    "what",
    "when_text",
    "where_text",
    "institution_contact",
    "claim_text",
    "claim_spread_on",
    "claim_method",
)
LIMITS = {
    "title": 140,
    "what": 3000,
    "when_text": 200,
    "where_text": 300,
    "institution_contact": 120,
    "claim_text": 2000,
    "claim_spread_on": 300,
    "claim_method": 3000,
    "claim_references": 5100,
    "source_url": 500,
    "claim_archive_url": 500,
}
BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example/hoaks.pdf",
    " http://",
    "http://",
    "https://",
    "http:/cekfakta.example",
    "//cekfakta.example/a",
    "http://[cekfakta.example",
    'http://cekfakta.example/"><img src=x onerror=alert(1)>',
    'https://cekfakta.example/"onmouseover="alert(1)',
    "https://cekfakta.example/a\nb",
    "https://cek fakta.example/",
]
URL_MESSAGES = (
    "Tautan harus diawali http:// atau https://.",
    "Tautan tidak boleh berisi spasi atau tanda &lt; &gt; &quot;.",
    "Tautan ini tidak bisa dibuka: periksa alamatnya.",
)


class InertCheck(HTMLParser):
    """What a page would run: no event-handler attribute, no link that is not http(s) or
    relative, and no script but a static file or JSON-LD that holds no markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script: dict[str, str | None] | None = None
        self.script_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            link = name in ("href", "src", "action", "formaction") and value
            if link and not value.startswith(("/", "?", "#", "http://", "https://")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self.script, self.script_text = dict(attrs), ""
        # The layout's own icons are decorative inline SVG (aria-hidden, a viewBox); any other
        # embedded document is someone's markup.
        given = dict(attrs)
        icon = tag == "svg" and given.get("aria-hidden") == "true" and "viewbox" in given
        if tag in ("iframe", "object", "embed", "svg", "math") and not icon:
            self.problems.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self.script is None:
            return
        if self.script.get("src"):
            if self.script_text.strip():
                self.problems.append("script with src and a body")
        elif self.script.get("type") == "application/ld+json":
            if "<" in self.script_text or ">" in self.script_text:
                self.problems.append("markup inside JSON-LD")
            json.loads(self.script_text)
        else:
            self.problems.append(f"inline script: {self.script_text[:60]!r}")
        self.script = None


def assert_inert(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x onerror" not in html
    check = InertCheck()
    check.feed(html)
    check.close()
    assert check.problems == []


def new_form(**kwargs) -> dict[str, str]:
    return {
        "provinsi": "73",
        "kabupaten": "73.71",
        "kind": "klarifikasi_hoaks",
        "title": f"Hoaks {SCRIPT}",
        "what": f"{SCRIPT} {IMG}",
        "when_text": SCRIPT,
        "where_text": IMG,
        "is_institution": "on",
        "institution_contact": IMG,
        "source_kind": "url",
        "source_url": "https://cekfakta.example/sirsak",
        "source_date": "2026-11-30",
        "claim_text": f"{SCRIPT}\n{IMG}",
        "claim_spread_on": IMG,
        "claim_archive_url": CLAIM.archive_url,
        "claim_verdict": "hoaks",
        "claim_method": f"{IMG} {SCRIPT}",
        "claim_references": "\n".join(CLAIM.references),
    } | kwargs


def edit_form(p: InfoPost, **kwargs) -> dict[str, str]:
    return {
        "title": p.title,
        "what": p.what,
        "when_text": p.when_text,
        "where_text": p.where_text,
        "institution_contact": p.institution_contact,
        "claim_text": p.claim_text,
        "claim_spread_on": p.claim_spread_on,
        "claim_archive_url": p.claim_archive_url,
        "claim_verdict": p.claim_verdict,
        "claim_method": p.claim_method,
        "claim_references": p.claim_references,
    } | kwargs


def png(width: int = 320) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, 240), "teal").save(out, format="PNG")
    return SimpleUploadedFile("bukti.png", out.getvalue(), content_type="image/png")


def saved() -> tuple[int, int, int, int]:
    return (
        InfoPost.objects.count(),
        InfoRevision.objects.count(),
        InfoSource.objects.count(),
        InfoStatusChange.objects.count(),
    )


def test_xss_in_every_field_of_every_page_stays_text(client, verifier):
    author = old_user()
    client.force_login(author)
    created = client.post("/info/baru/", new_form())
    assert created.status_code == 302
    p = InfoPost.objects.get()
    assert (p.title, p.claim_spread_on, p.institution_contact) == (f"Hoaks {SCRIPT}", IMG, IMG)

    voter = old_user()
    client.force_login(voter)
    voted = client.post(
        f"/info/{p.pk}/tanggapan/",
        {
            "still_true": "0",
            "group_kind": "organisasi",
            "organisation": IMG,
            "evidence_url": "https://cekfakta.example/bukti",
        },
    )
    assert voted.status_code == 302
    assert InfoVote.objects.get().group_key == IMG.lower()

    client.force_login(verifier)
    judged = client.post(
        f"/info/{p.pk}/putusan/", {"verdict": "verify", "note": SCRIPT, "evidence": IMG}
    )
    assert judged.status_code == 302

    client.force_login(author)
    assert_inert(client.get(f"/info/{p.pk}/ubah/").content.decode())
    changed = edit_form(p, title=IMG, what=f"{IMG} {SCRIPT}", claim_text=IMG, claim_method=SCRIPT)
    assert client.post(f"/info/{p.pk}/ubah/", changed).status_code == 302
    p.refresh_from_db()
    assert (p.revision, p.status) == (2, "belum_diverifikasi")

    for who in (author, voter, verifier, None):
        if who is None:
            client.logout()
        else:
            client.force_login(who)
        page = client.get(f"/info/{p.pk}/").content.decode()
        assert_inert(page)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    for listing in ("/info/", "/info/?region=73.71", "/wilayah/73.71/", "/staf/info/"):
        client.force_login(verifier)
        html = client.get(listing).content.decode()
        assert_inert(html)
        assert "&quot;&gt;&lt;img" in html

    blocks = [
        part.split("</script>")[0]
        for part in client.get(f"/info/{p.pk}/")
        .content.decode()
        .split('<script type="application/ld+json"')[1:]
    ]
    assert len(blocks) == 1
    review = json.loads(blocks[0].split(">", 1)[1])
    assert (review["claimReviewed"], review["name"]) == (IMG, IMG)
    assert review["itemReviewed"]["appearance"][0]["description"] == IMG

    api = client.get(f"/api/v1/info/{p.pk}")
    assert api["Content-Type"] == "application/json; charset=utf-8"
    assert api["X-Content-Type-Options"] == "nosniff"
    data = api.json()
    assert (data["title"], data["claim"]["text"], data["claim"]["method"]) == (IMG, IMG, SCRIPT)
    assert data["history"][1]["reason"] == SCRIPT
    assert data["history"][1]["evidence"] == IMG
    listed = client.get("/api/v1/info")
    assert listed["X-Content-Type-Options"] == "nosniff"
    assert listed.json()["items"][0]["claim"]["spread_on"] == IMG


@pytest.mark.parametrize("field", [*LIMITS])
def test_huge_text_is_refused_with_a_message_and_nothing_is_saved(client, field):
    client.force_login(old_user())
    response = client.post("/info/baru/", new_form(**{field: "x" * 100_000}))
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Pastikan nilai ini mengandung paling banyak {LIMITS[field]} karakter" in page
    assert saved() == (0, 0, 0, 0)


def test_huge_text_is_refused_on_edit_vote_and_verdict(client, verifier):
    p = hoax(is_institution=True, institution_contact="Puskesmas Tallo")
    before = saved()
    client.force_login(p.author)
    for field in TEXT_FIELDS:
        response = client.post(f"/info/{p.pk}/ubah/", edit_form(p, **{field: "x" * 100_000}))
        assert response.status_code == 400
        assert "Pastikan nilai ini mengandung paling banyak" in response.content.decode()
    client.force_login(old_user())
    vote = {"still_true": "1", "group_kind": "organisasi", "organisation": "Karang Taruna"}
    for field in ("organisation", "evidence_url"):
        response = client.post(f"/info/{p.pk}/tanggapan/", vote | {field: "x" * 100_000})
        assert response.status_code == 400
        assert "Pastikan nilai ini mengandung paling banyak" in response.content.decode()
    client.force_login(verifier)
    verdict = {"verdict": "false", "note": "Dicek", "evidence": "telepon"}
    for field in ("note", "evidence"):
        response = client.post(f"/info/{p.pk}/putusan/", verdict | {field: "x" * 100_000})
        assert response.status_code == 400
        assert "Pastikan nilai ini mengandung paling banyak" in response.content.decode()
    p.refresh_from_db()
    assert (p.revision, p.status, p.institution_contact) == (
        1,
        "belum_diverifikasi",
        "Puskesmas Tallo",
    )
    assert saved() == before
    assert not InfoVote.objects.exists()


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("field", ["source_url", "claim_archive_url", "claim_references"])
def test_bad_links_are_refused_on_the_new_page(client, field, url):
    client.force_login(old_user())
    response = client.post("/info/baru/", new_form(**{field: url}))
    assert response.status_code == 400
    page = response.content.decode()
    assert any(message in page for message in URL_MESSAGES)
    assert saved() == (0, 0, 0, 0)
    assert_inert(page)


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_links_are_refused_on_edit_and_as_vote_evidence(client, url):
    p = hoax()
    before = saved()
    client.force_login(p.author)
    for field in ("claim_archive_url", "claim_references"):
        response = client.post(f"/info/{p.pk}/ubah/", edit_form(p, **{field: url}))
        assert response.status_code == 400
        assert any(message in response.content.decode() for message in URL_MESSAGES)
        assert_inert(response.content.decode())
    client.force_login(old_user())
    response = client.post(
        f"/info/{p.pk}/tanggapan/",
        {
            "still_true": "0",
            "group_kind": "organisasi",
            "organisation": "RT 03",
            "evidence_url": url,
        },
    )
    assert response.status_code == 400
    assert any(message in response.content.decode() for message in URL_MESSAGES)
    assert_inert(response.content.decode())
    assert saved() == before
    assert not InfoVote.objects.exists()


def test_a_link_with_spaces_around_it_is_kept_trimmed(client):
    client.force_login(old_user())
    response = client.post(
        "/info/baru/",
        new_form(
            source_url="  https://cekfakta.example/a  ", claim_archive_url=" https://a.example/x"
        ),
    )
    assert response.status_code == 302
    p = InfoPost.objects.get()
    assert p.sources.get().url == "https://cekfakta.example/a"
    assert p.claim_archive_url == "https://a.example/x"


@pytest.mark.parametrize(
    "source",
    [
        {"source_kind": ""},
        {"source_kind": "url", "source_url": ""},
        {"source_kind": "file"},
        {"source_kind": "gosip"},
        {"source_kind": "seen", "source_date": ""},
        {"source_kind": "seen", "source_date": "2999-01-01"},
    ],
)
def test_no_source_no_publication(client, source):
    client.force_login(old_user())
    response = client.post("/info/baru/", new_form(**source))
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert saved() == (0, 0, 0, 0)


def test_an_uploaded_source_must_be_a_photo_or_a_pdf(client):
    client.force_login(old_user())
    page = SimpleUploadedFile("bukti.html", f"<html>{SCRIPT}</html>".encode(), "text/html")
    refused = client.post("/info/baru/", new_form(source_kind="file", source_file=page))
    assert refused.status_code == 400
    assert "Berkas ini bukan foto yang bisa dibaca." in refused.content.decode()
    assert saved() == (0, 0, 0, 0)
    assert (
        client.post("/info/baru/", new_form(source_kind="file", source_file=png())).status_code
        == 302
    )
    photo = InfoSource.objects.get()
    assert photo.file.name.endswith(".jpg")  # re-encoded: a phone's GPS position is dropped
    assert photo.file.read(3) == b"\xff\xd8\xff"
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    client.post("/info/baru/", new_form(source_kind="file", source_file=pdf, title="Surat dinas"))
    assert InfoSource.objects.get(post__title="Surat dinas").file.name.endswith(".pdf")


def test_hostile_choices_and_nul_are_refused_with_a_message(client, verifier):
    client.force_login(old_user())
    response = client.post(
        "/info/baru/", new_form(kind=SCRIPT, claim_verdict=IMG, title="Judul\x00")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Masukkan pilihan yang valid.") == 2
    assert "Karakter null tidak diizinkan." in page
    assert_inert(page)
    assert saved() == (0, 0, 0, 0)
    p = post()
    client.force_login(verifier)
    response = client.post(
        f"/info/{p.pk}/putusan/", {"verdict": SCRIPT, "note": "x", "evidence": "y"}
    )
    assert response.status_code == 400
    assert_inert(response.content.decode())
    p.refresh_from_db()
    assert p.status == "belum_diverifikasi"
