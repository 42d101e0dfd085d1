"""The header links to staff queues only for people who may open them."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, staff_with_role

pytestmark = pytest.mark.django_db
QUEUES = {
    "moderator": ["/staf/tinjauan/", "/staf/verifikasi/", "/staf/laporan/"],
    "finance": ["/staf/pencairan/", "/staf/mutasi-bank/"],
}


def links(client, user) -> set[str]:
    if user is not None:
        client.force_login(user)
    html = client.get("/kampanye/").content.decode()
    every = [url for urls in QUEUES.values() for url in urls]
    return {url for url in every if f'href="{url}"' in html}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("visitor", set()),
        ("campaigner", set()),
        ("staff", set()),
        ("moderator", set(QUEUES["moderator"])),
        ("finance", set(QUEUES["finance"])),
        ("admin", set(QUEUES["moderator"] + QUEUES["finance"])),
    ],
)
def test_header_shows_the_queues_a_person_may_open(client, who, expected):
    user = {
        "visitor": lambda: None,
        "campaigner": UserFactory,
        "staff": lambda: UserFactory(is_staff=True),
        "moderator": lambda: staff_with_role("moderator"),
        "finance": lambda: staff_with_role("finance"),
        "admin": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    assert links(client, user) == expected
    for url in expected:
        assert client.get(url).status_code == 200
