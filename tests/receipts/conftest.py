from __future__ import annotations

import pytest

from tests.transparency.helpers import TEST_KEY


@pytest.fixture(autouse=True)
def _log_settings(settings, tmp_path):
    """A fixed signing key, and a private VAR_DIR so no test writes a key file into var/."""
    settings.LOG_SIGNING_KEY = TEST_KEY
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
