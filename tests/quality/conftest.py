"""The quality tests share one production-like site per test process (`site.py`); each module
marks itself `xdist_group("quality")`, so under `make test` they run on one worker and start
that site once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.quality.site import Site, site_start


@pytest.fixture(scope="session")
def production_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = site_start(tmp_path_factory.mktemp("production-site"))
    try:
        yield site
    finally:
        site.stop()
