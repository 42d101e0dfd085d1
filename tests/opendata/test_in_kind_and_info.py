"""Open data of in-kind aid and help information (issue 14, decision 38) through its pages,
API and commands: needs, pledges and deliveries in two kabupaten/kota, posts in two provinces,
then every figure against the source rows, the rule of suppression, the package's validity and
no person in any of it."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone, translation

from gotong.info.kinds import InfoKind
from gotong.info.models import InfoPost, InfoStatusChange
from gotong.info.services import info_mark_false, info_verify
from gotong.inkind.catalogue import Item
from gotong.inkind.models import AidMonth, NeedLine
from gotong.inkind.needs import LineInput
from gotong.inkind.pledges import handover_code, pledge_accept, pledge_confirm, pledge_create
from gotong.opendata.package import file_names
from gotong.transparency.services import log_seal
from tests.factories import UserFactory
from tests.info.conftest import old_user, post
from tests.inkind.conftest import DESA, HELPER_PHONE, POSTER_PHONE, need_open

pytestmark = pytest.mark.django_db

BOGOR_DESA = "32.01.01.1001"
PLACE = "Gang Mawar RT 03 RW 09 rumah cat biru"
WHEELCHAIR = "Kursi roda untuk Pak Darmawan"
PEOPLE = ("Siti Rahayu", "Joko Santoso", "Wayan Sudarsa", "Maria Lestari", "Andi Pratama")


def _person(i: int):
    return UserFactory(display_name=PEOPLE[i % len(PEOPLE)], email=f"warga{i}@contoh.id")


def _pledge(line, quantity: int, helper, *, confirm: bool = False):
    pledge = pledge_create(
        actor=helper,
        line=line,
        quantity=quantity,
        deliver_by=timezone.localdate() + datetime.timedelta(days=2),
        whatsapp=HELPER_PHONE,
    )
    if confirm:
        poster = line.need.poster
        pledge_accept(pledge=pledge, actor=poster)
        pledge.refresh_from_db()
        pledge_confirm(pledge=pledge, actor=poster, code=handover_code(pledge))
    return pledge


@pytest.fixture
def aid(regions, moderator, verifier):
    """Makassar: masker 200 (3 pledges of 10, two confirmed), sembako 50 (one pledge: under
    the rule), lainnya 3 wheelchairs (3 pledges of 1). Bogor: beras 100 (2 pledges: under the
    rule). Posts: two in Sulawesi Selatan (one verified), one in Jawa Barat marked false."""
    poster = _person(0)
    makassar = need_open(
        moderator,
        poster,
        region=DESA,
        place_detail=PLACE,
        lines=[
            LineInput(item=Item.MASKER, quantity=200),
            LineInput(item=Item.SEMBAKO, quantity=50),
            LineInput(item=Item.LAINNYA, quantity=3, item_other=WHEELCHAIR, unit="buah"),
        ],
    )
    masker, sembako, lainnya = makassar.lines.order_by("id")
    helpers = [_person(i) for i in range(1, 9)]
    for n, helper in enumerate(helpers[:3]):
        _pledge(masker, 10, helper, confirm=n < 2)
    _pledge(sembako, 5, helpers[3])
    for helper in helpers[4:7]:
        _pledge(lainnya, 1, helper)
    bogor = need_open(
        moderator, _person(9), region=BOGOR_DESA, lines=[LineInput(item=Item.BERAS, quantity=100)]
    )
    for helper in helpers[6:8]:
        _pledge(bogor.lines.get(), 20, helper)
    note = {"note": "Dicek ke posko", "evidence": "https://posko.example/jadwal"}
    authors = [old_user(display_name=name) for name in PEOPLE[:3]]
    first = post(authors[0])
    post(authors[1], kind=InfoKind.POSKO)
    post(authors[2], kind=InfoKind.POSKO, region_code="32.01")
    info_verify(post=first, actor=verifier, **note)
    info_mark_false(post=InfoPost.objects.get(region_id="32.01"), actor=verifier, **note)
    log_seal()
    return {"people": [poster, *helpers, *authors]}


def _rows(client, name: str) -> list[dict[str, str]]:
    answer = client.get(f"/data/{name}.csv")
    assert answer.status_code == 200
    return list(csv.DictReader(io.StringIO(answer.content.decode())))


def test_in_kind_monthly_equals_the_lines_and_hides_cells_under_three_pledges(client, aid):
    rows = {(r["item"], r["kabupaten_code"]): r for r in _rows(client, "in_kind_monthly")}
    masker = rows[(Item.MASKER, "73.71")]
    assert (masker["province_code"], masker["province_name"]) == ("73", "Sulawesi Selatan")
    assert masker["kabupaten_name"] == "Kota Makassar"
    assert masker["unit"] == "lembar"
    assert [masker[c] for c in ("requested", "pledges", "pledged", "delivered", "released")] == [
        "200",
        "3",
        "30",
        "20",
        "0",
    ]
    assert masker["suppressed"] == "false"
    for cell in (rows[(Item.SEMBAKO, "73.71")], rows[(Item.BERAS, "32.01")]):
        assert cell["suppressed"] == "true"
        assert [cell[c] for c in ("pledges", "pledged", "released", "delivered")] == [""] * 4
        assert cell["needs_opened"] == "1"  # the need is public: its columns stay
    assert rows[(Item.BERAS, "32.01")]["requested"] == "100"
    lainnya = rows[(Item.LAINNYA, "73.71")]
    assert (lainnya["suppressed"], lainnya["pledges"], lainnya["unit"]) == ("false", "3", "")
    assert lainnya["requested"] == lainnya["pledged"] == ""  # the posters' own units
    # Every figure shown is the stored row's, and the stored rows sum to the lines' counters.
    stored = AidMonth.objects.aggregate(
        requested=Sum("requested"), pledged=Sum("pledged"), delivered=Sum("delivered")
    )
    lines = NeedLine.objects.aggregate(
        requested=Sum("quantity"), pledged=Sum("pledged"), delivered=Sum("delivered")
    )
    assert stored == lines == {"requested": 353, "pledged": 78, "delivered": 20}
    shown = sum(int(r["requested"]) for r in rows.values() if r["requested"])
    assert shown + 3 == stored["requested"]  # + the wheelchairs


def test_the_in_kind_api_groups_per_item_and_hides_the_same_cells(client, aid):
    by_item = client.get("/api/v1/stats/in-kind?by=item")
    assert by_item.status_code == 200
    body = by_item.json()
    assert body["log_head"]["root_hash"] == client.get("/transparency/log/head").json()["root_hash"]
    items = {i["key"]: i for i in body["items"]}
    assert items[Item.MASKER] == {
        "key": Item.MASKER,
        "item": Item.MASKER,
        "unit": "lembar",
        "needs_opened": 1,
        "needs_fulfilled": 0,
        "needs_expired": 0,
        "requested": 200,
        "pledges": 3,
        "pledged": 30,
        "released": 0,
        "delivered": 20,
        "suppressed": False,
    }
    assert items[Item.BERAS]["suppressed"]
    assert items[Item.BERAS]["pledged"] is None
    assert items[Item.LAINNYA]["delivered"] is None
    month = f"{timezone.localdate():%Y-%m}"
    provinces = client.get("/api/v1/stats/in-kind?by=province").json()["items"]
    assert {(i["key"], i["item"]) for i in provinces} == {
        ("73", Item.MASKER),
        ("73", Item.SEMBAKO),
        ("73", Item.LAINNYA),
        ("32", Item.BERAS),
    }
    one = client.get(f"/api/v1/stats/in-kind?by=month&item=masker&from={month}&to={month}")
    assert [(i["key"], i["delivered"]) for i in one.json()["items"]] == [(month, 20)]
    assert client.get("/api/v1/stats/in-kind?from=2000-01&to=2000-02").json()["items"] == []


def test_info_monthly_counts_the_status_history(client, aid):
    rows = {(r["kind"], r["province_code"]): r for r in _rows(client, "info_monthly")}
    assert set(rows) == {
        (InfoKind.DISTRIBUTION, "73"),
        (InfoKind.POSKO, "73"),
        (InfoKind.POSKO, "32"),
    }
    assert rows[(InfoKind.DISTRIBUTION, "73")]["verified"] == "1"
    assert rows[(InfoKind.POSKO, "32")]["marked_false"] == "1"
    assert rows[(InfoKind.POSKO, "32")]["province_name"] == "Jawa Barat"
    assert sum(int(r["posts"]) for r in rows.values()) == InfoPost.objects.count() == 3
    applied = InfoStatusChange.objects.filter(outcome="applied")
    for column, status in (("verified", "terverifikasi"), ("marked_false", "salah")):
        assert (
            sum(int(r[column]) for r in rows.values()) == applied.filter(to_status=status).count()
        )


def test_the_package_validates_with_its_foreign_keys_and_the_export_matches(client, aid, tmp_path):
    from frictionless import Package

    call_command("open_data_export", str(tmp_path))
    package = json.loads((tmp_path / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert {"in_kind_monthly", "info_monthly", "regions"} <= set(resources)
    head = client.get("/transparency/log/head").json()
    for name in ("in_kind_monthly", "info_monthly", "regions"):
        resource = resources[name]
        assert resource["log_head"]["root_hash"] == head["root_hash"]
        assert (
            json.loads((tmp_path / f"{name}.json").read_text())["log_head"] == resource["log_head"]
        )
        for field in resource["schema"]["fields"]:
            assert " / " in field["description"], (name, field["name"])
    assert resources["in_kind_monthly"]["schema"]["foreignKeys"] == [
        {"fields": ["province_code"], "reference": {"resource": "regions", "fields": ["code"]}},
        {"fields": ["kabupaten_code"], "reference": {"resource": "regions", "fields": ["code"]}},
    ]
    assert "janji bantuan" in package["suppression"]
    assert "pledges" in package["suppression"]
    for path in tmp_path.iterdir():
        assert client.get(f"/data/{path.name}").content == path.read_bytes(), path.name
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_broken_reference_fails_validation(client, aid, tmp_path):
    """The foreign keys are checked: a kabupaten the regions table lacks is an error."""
    from frictionless import Package

    call_command("open_data_export", str(tmp_path))
    regions = (tmp_path / "regions.csv").read_text().splitlines()
    (tmp_path / "regions.csv").write_text(
        "\n".join(line for line in regions if not line.startswith("32.01,")) + "\n"
    )
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    assert "foreign-key" in {kind for (kind,) in report.flatten(["type"])}


def test_no_served_file_or_answer_names_a_person(client, aid):
    page = client.get("/data/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "in_kind_monthly" in text
    assert "info_monthly" in text
    bodies = [text] + [client.get(f"/data/{name}").content.decode() for name in file_names()]
    bodies += [
        client.get(f"/api/v1/stats/in-kind?by={by}").content.decode()
        for by in ("month", "item", "province")
    ]
    secrets = [value for person in aid["people"] for value in (person.email, person.display_name)]
    secrets += [PLACE, "Gang Mawar", WHEELCHAIR, "Darmawan", HELPER_PHONE, POSTER_PHONE]
    secrets += ["6281398765002", "6281234567001", "Balai RW 04", "Pembagian sembako"]
    for body in bodies:
        for value in secrets:
            assert value not in body


def test_bad_questions_get_the_api_error_shape(client, aid):
    for query in ("by=kabupaten", "from=2026-13", "to=kemarin", "item=emas"):
        answer = client.get(f"/api/v1/stats/in-kind?{query}")
        assert answer.status_code == 422, query
        assert answer.json()["code"] == "invalid"
        assert answer.json()["errors"], query


def test_a_delivery_shows_at_once_and_the_rebuild_and_check_agree(client, aid, moderator):
    client.get("/api/v1/stats/in-kind?by=item")  # cached
    before = client.get("/data/in_kind_monthly.csv").content
    _pledge(NeedLine.objects.get(item=Item.MASKER), 10, UserFactory(), confirm=True)
    _pledge(NeedLine.objects.get(item=Item.SEMBAKO), 5, UserFactory(), confirm=True)
    assert client.get("/data/in_kind_monthly.csv").content != before
    items = {i["key"]: i for i in client.get("/api/v1/stats/in-kind?by=item").json()["items"]}
    assert (items[Item.MASKER]["pledges"], items[Item.MASKER]["delivered"]) == (4, 30)
    assert items[Item.SEMBAKO]["delivered"] is None  # 2 pledges: still under the rule
    call_command("open_data_verify")
    AidMonth.objects.filter(item=Item.MASKER).update(delivered=0)
    with pytest.raises(SystemExit):
        call_command("open_data_verify")
    call_command("open_data_rebuild")
    call_command("open_data_verify")
    assert AidMonth.objects.get(item=Item.MASKER).delivered == 30


def test_the_transparency_page_charts_the_share_received_per_item(client, aid):
    cache.clear()
    with translation.override("id"):
        html = client.get("/transparansi/").content.decode()
    table = html[html.index('data-testid="chart-table-in-kind"') :].split("</table>")[0]
    assert "Masker: 20 dari 200 lembar" in table  # two of three pledges of 10 confirmed
    assert "10,0 %" in table
    assert "sembako" not in table.lower()  # one pledge: under the rule
    assert "Beras" not in table  # two pledges
