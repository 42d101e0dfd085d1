"""The regions tests load: Kota Makassar and Kabupaten Bogor, each with its province and
everything inside it (2 provinces, 2 kabupaten/kota, 55 kecamatan, 588 desa/kelurahan). The
fixture `regions` (tests/conftest.py, and once per module in tests/regions/) loads them."""

from __future__ import annotations

from gotong.regions.services import regions_load

SAMPLE = ("73.71", "32.01")


def sample_regions_load() -> tuple[str, ...]:
    for within in SAMPLE:
        regions_load(within=within)
    return SAMPLE
