"""Hoax clarifications: the claim a `klarifikasi hoaks` post answers (quoted, where it spread, an
archive link), its verdict, method and references; on revisions and their diffs, the pages,
the ClaimReview JSON-LD, the API and the demo."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from gotong.demo.info import HOAX_CLAIM, HOAX_TITLE, demo_info_seed
from gotong.info.claims import ClaimInput, Verdict
from gotong.info.models import InfoPost, InfoStatusChange
from gotong.info.services import info_mark_false, info_post_edit, info_verify
from gotong.info.transitions import InfoStatus
from tests.info.conftest import CLAIM, hoax, old_user, post

pytestmark = pytest.mark.usefixtures("makassar")

LD_JSON = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)
CLAIM_FIELDS = {
    "claim_text",
    "claim_spread_on",
    "claim_archive_url",
    "claim_verdict",
    "claim_method",
    "claim_references",
}


def claim_review(client, p: InfoPost) -> dict | None:
    blocks = LD_JSON.findall(client.get(f"/info/{p.pk}/").content.decode())
    assert len(blocks) <= 1
    return json.loads(blocks[0]) if blocks else None


def edit(p: InfoPost, **kwargs) -> InfoPost:
    fields = {name: getattr(p, name) for name in ("title", "what", "when_text", "where_text")}
    return info_post_edit(post=p, actor=p.author, **(fields | kwargs))


def form_data(**kwargs) -> dict[str, str]:
    return {
        "provinsi": "73",
        "kabupaten": "73.71",
        "kind": "klarifikasi_hoaks",
        "title": "Hoaks: daun sirsak sembuhkan DBD",
        "what": "Pesan berantai tentang obat DBD.",
        "when_text": "Sejak 1 Desember",
        "where_text": "Kecamatan Tallo",
        "source_kind": "url",
        "source_url": "https://cekfakta.example/sirsak",
        "source_date": "2026-11-30",
        "claim_text": CLAIM.text,
        "claim_spread_on": CLAIM.spread_on,
        "claim_archive_url": CLAIM.archive_url,
        "claim_verdict": CLAIM.verdict,
        "claim_method": CLAIM.method,
        "claim_references": "\r\n".join(CLAIM.references),
    } | kwargs


def test_a_clarification_keeps_its_claim_on_the_post_and_its_first_revision():
    p = hoax()
    assert p.claim_text == CLAIM.text
    assert (p.claim_spread_on, p.claim_archive_url) == (CLAIM.spread_on, CLAIM.archive_url)
    assert (p.claim_verdict, p.claim_verdict_label) == ("hoaks", "HOAKS")
    assert p.claim_method == CLAIM.method
    assert p.claim_reference_list == CLAIM.references
    first = p.revisions.get()
    assert (first.claim_text, first.claim_verdict) == (CLAIM.text, "hoaks")
    assert first.claim_references == "\n".join(CLAIM.references)
    assert p.expires_at - p.checked_at == datetime.timedelta(days=365)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"text": "  "}, "claim_text"),
        ({"text": "x" * 2001}, "claim_text"),
        ({"spread_on": ""}, "claim_spread_on"),
        ({"archive_url": ""}, "claim_archive_url"),
        ({"archive_url": "javascript:alert(1)"}, "claim_archive_url"),
        ({"verdict": ""}, "claim_verdict"),
        ({"verdict": "bohong"}, "claim_verdict"),
        ({"method": ""}, "claim_method"),
        ({"references": []}, "claim_references"),
        ({"references": ["https://ok.example/a", "ftp://x.example/b"]}, "claim_references"),
        ({"references": [f"https://r.example/{n}" for n in range(11)]}, "claim_references"),
    ],
)
def test_a_clarification_needs_every_part_of_its_claim(change, field):
    with pytest.raises(ValidationError) as raised:
        hoax(claim=dataclasses.replace(CLAIM, **change))
    assert set(raised.value.message_dict) == {field}
    assert InfoPost.objects.count() == 0


def test_every_missing_part_is_named_at_once():
    with pytest.raises(ValidationError) as raised:
        hoax(claim=None, title="")
    assert set(raised.value.message_dict) == CLAIM_FIELDS | {"title"}
    assert raised.value.message_dict["claim_verdict"] == ["Pilih putusan klaim."]


def test_a_repeated_reference_is_kept_once():
    p = hoax(claim=dataclasses.replace(CLAIM, references=["https://a.example/x"] * 2))
    assert p.claim_reference_list == ["https://a.example/x"]


def test_other_kinds_carry_no_claim():
    with pytest.raises(ValidationError) as raised:
        post(claim=CLAIM)
    assert set(raised.value.message_dict) == {"claim_text"}
    plain = post(claim=ClaimInput())
    assert not plain.has_claim
    assert all(getattr(plain, name) == "" for name in CLAIM_FIELDS)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"text": "Air rebusan daun sirsak menyembuhkan DBD dalam dua hari."}, "Diubah: klaim"),
        ({"verdict": Verdict.FACT}, "Diubah: putusan klaim"),
    ],
)
def test_changing_the_claim_or_its_verdict_sends_a_verified_clarification_back(
    verifier, change, reason
):
    p = hoax()
    info_verify(post=p, actor=verifier, note="Dicek ke puskesmas", evidence="telepon")
    edit(p, claim=dataclasses.replace(CLAIM, **change))
    p.refresh_from_db()
    assert (p.status, p.revision) == (InfoStatus.UNVERIFIED, 2)
    assert InfoStatusChange.objects.get(post=p, event="correct").reason == reason
    assert p.revisions.get(number=2).claim_verdict == change.get("verdict", CLAIM.verdict)


def test_method_references_and_where_it_spread_are_a_revision_that_keeps_the_status(verifier):
    p = hoax()
    info_verify(post=p, actor=verifier, note="Dicek", evidence="telepon")
    edit(
        p,
        claim=dataclasses.replace(
            CLAIM,
            spread_on="TikTok",
            method="Juga ditanyakan ke Dinkes.",
            references=["https://dinkes.example/dbd"],
        ),
    )
    p.refresh_from_db()
    assert (p.status, p.revision) == (InfoStatus.VERIFIED, 2)
    assert p.claim_reference_list == ["https://dinkes.example/dbd"]
    assert p.revisions.get(number=1).claim_spread_on == CLAIM.spread_on


def test_an_edit_without_the_claim_keeps_it_and_a_bad_claim_changes_nothing():
    p = hoax()
    edit(p, title="Hoaks: sirsak bukan obat DBD")
    p.refresh_from_db()
    assert (p.revision, p.claim_text, p.claim_verdict) == (2, CLAIM.text, CLAIM.verdict)
    with pytest.raises(ValidationError) as raised:
        edit(p, claim=dataclasses.replace(CLAIM, archive_url="data:text/html,x", verdict=""))
    assert set(raised.value.message_dict) == {"claim_archive_url", "claim_verdict"}
    p.refresh_from_db()
    assert (p.revision, p.claim_archive_url) == (2, CLAIM.archive_url)


def test_the_new_page_always_shows_the_claim_block_with_its_hint_and_reads_it_for_that_kind(
    client,
):
    client.force_login(old_user())
    page = client.get("/info/baru/").content.decode()
    assert 'data-claim-for="klarifikasi_hoaks"' in page
    assert "Isi hanya untuk klarifikasi hoaks." in page
    assert 'name="claim_verdict"' in page
    assert re.search(r'<script src="[^"]*info-claim\.js" defer></script>', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # no inline script
    missing = client.post("/info/baru/", form_data(claim_text="", claim_verdict=""))
    assert missing.status_code == 400
    assert "Isi klaim." in missing.content.decode()
    assert "Pilih putusan klaim." in missing.content.decode()
    assert InfoPost.objects.count() == 0
    created = client.post("/info/baru/", form_data())
    p = InfoPost.objects.get()
    assert created["Location"].endswith(f"/info/{p.pk}/")
    assert (p.claim_verdict, p.claim_reference_list) == ("hoaks", CLAIM.references)
    kitchen = client.post("/info/baru/", form_data(kind="dapur_umum", title="Dapur umum RW 04"))
    assert kitchen.status_code == 302
    assert not InfoPost.objects.get(title="Dapur umum RW 04").has_claim  # the block is ignored


def test_the_edit_page_holds_the_claim_only_for_a_clarification_and_shows_its_diff(
    client, verifier
):
    p, other = hoax(), post()
    info_verify(post=p, actor=verifier, note="Dicek", evidence="telepon")
    client.force_login(p.author)
    page = client.get(f"/info/{p.pk}/ubah/").content.decode()
    assert CLAIM.text in page
    assert '<option value="hoaks" selected>' in page
    client.force_login(other.author)
    assert 'name="claim_text"' not in client.get(f"/info/{other.pk}/ubah/").content.decode()
    client.force_login(p.author)
    data = {
        "title": p.title,
        "what": p.what,
        "when_text": p.when_text,
        "where_text": p.where_text,
        "claim_text": p.claim_text,
        "claim_spread_on": p.claim_spread_on,
        "claim_archive_url": p.claim_archive_url,
        "claim_verdict": "fakta",
        "claim_method": p.claim_method,
        "claim_references": p.claim_references,
    }
    refused = client.post(f"/info/{p.pk}/ubah/", data | {"claim_references": "javascript:x"})
    assert refused.status_code == 400
    assert "Tautan harus diawali http:// atau https://." in refused.content.decode()
    assert client.post(f"/info/{p.pk}/ubah/", data).status_code == 302
    p.refresh_from_db()
    assert (p.status, p.claim_verdict) == (InfoStatus.UNVERIFIED, "fakta")
    detail = client.get(f"/info/{p.pk}/").content.decode()
    assert "<strong>Putusan:</strong> <del>HOAKS</del> <ins>FAKTA</ins>" in detail
    assert "Diubah: putusan klaim" in detail


def test_the_page_quotes_the_claim_and_links_its_archive_and_references(client):
    p = hoax()
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert f'<blockquote class="claim-quote">{CLAIM.text}</blockquote>' in page
    assert "Tersebar di grup WhatsApp, Facebook" in page
    assert f'<a href="{CLAIM.archive_url}" rel="nofollow noopener ugc"' in page
    assert CLAIM.method in page
    for url in CLAIM.references:
        assert f'<a href="{url}" rel="nofollow noopener ugc">{url}</a>' in page
    listed = client.get("/info/").content.decode()
    assert '<span class="tag claim-verdict-false">HOAKS</span>' in listed


@pytest.mark.parametrize(
    ("verdict", "tone", "rating"),
    [
        (Verdict.FALSE, "false", 1),
        (Verdict.HOAX, "false", 1),
        (Verdict.FRAUD, "false", 1),
        (Verdict.DISINFORMATION, "false", 1),
        (Verdict.UNPROVEN, "unproven", 3),
        (Verdict.FACT, "true", 5),
    ],
)
def test_each_verdict_has_its_colour_and_its_rating(client, verdict, tone, rating):
    p = hoax(claim=dataclasses.replace(CLAIM, verdict=verdict))
    page = client.get(f"/info/{p.pk}/").content.decode()
    assert f'class="claim-verdict claim-verdict-{tone}"' in page
    assert f"<small>Putusan</small> {verdict.label}</p>" in page
    review = claim_review(client, p)
    assert review is not None
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": rating,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": str(verdict.label),
    }


def test_the_claim_review_json_ld(client):
    p = hoax()
    review = claim_review(client, p)
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{settings.PUBLIC_BASE_URL}/info/{p.pk}/",
        "name": p.title,
        "inLanguage": "id-ID",
        "claimReviewed": CLAIM.text,
        "datePublished": p.created_at.date().isoformat(),
        "author": {
            "@type": "Organization",
            "name": "Gotong",
            "url": f"{settings.PUBLIC_BASE_URL}/",
        },
        "reviewRating": review["reviewRating"],
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [
                {
                    "@type": "CreativeWork",
                    "url": CLAIM.archive_url,
                    "description": CLAIM.spread_on,
                }
            ],
        },
    }


def test_no_claim_review_for_other_kinds_nor_for_a_clarification_declared_false(client, verifier):
    plain = post()
    page = client.get(f"/info/{plain.pk}/").content.decode()
    assert "application/ld+json" not in page
    assert 'data-testid="info-claim"' not in page
    wrong = hoax()
    info_mark_false(post=wrong, actor=verifier, note="Rujukan palsu", evidence="telepon")
    page = client.get(f"/info/{wrong.pk}/").content.decode()
    assert 'data-testid="info-claim"' in page  # still readable, with its banner
    assert claim_review(client, wrong) is None


def test_the_api_carries_the_claim_of_a_clarification_only(client):
    p, plain = hoax(), post()
    expected = {
        "text": CLAIM.text,
        "spread_on": CLAIM.spread_on,
        "archive_url": CLAIM.archive_url,
        "verdict": "hoaks",
        "verdict_label": "HOAKS",
        "method": CLAIM.method,
        "references": CLAIM.references,
    }
    one = client.get(f"/api/v1/info/{p.pk}").json()
    assert one["claim"] == expected
    assert one["title"] == p.title  # the other fields stay
    assert client.get(f"/api/v1/info/{plain.pk}").json()["claim"] is None
    listed = {item["id"]: item["claim"] for item in client.get("/api/v1/info").json()["items"]}
    assert listed == {p.pk: expected, plain.pk: None}
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert set(schemas["InfoClaimOut"]["properties"]) == set(expected)
    assert "claim" in schemas["InfoOut"]["properties"]


def test_the_demo_has_a_verified_clarification_with_its_full_claim(verifier):
    author = old_user()
    demo_info_seed(author=author, verifier=verifier)
    p = InfoPost.objects.get(title=HOAX_TITLE)
    assert p.status == InfoStatus.VERIFIED
    assert p.claim_verdict == Verdict.FRAUD
    assert all(getattr(p, name) for name in CLAIM_FIELDS)
    assert p.claim_reference_list == HOAX_CLAIM.references
    assert demo_info_seed(author=author, verifier=verifier) == 0
