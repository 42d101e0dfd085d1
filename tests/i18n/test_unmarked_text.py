"""Every template text a person reads is marked for translation (issue 4 item 4).

Walks every .html and .txt template of the project (tests/i18n/template_text.py says what
counts as text) and fails with file:line for each word left outside {% translate %} and
{% blocktranslate %}, apart from a few names and codes that read the same in every language.
"""

from __future__ import annotations

import pytest

from tests.i18n.template_text import ALLOWED_WORDS, project_templates, unmarked_text

TEMPLATES = list(project_templates())


def test_every_template_is_checked():
    names = {name for name, _ in TEMPLATES}
    # The main folder, an app's own folder, and email texts are all in.
    assert {"base.html", "sandbox/pay.html", "emails/receipt.txt"} <= names
    assert "seo/robots.txt" not in names  # read by crawlers, not people


def test_no_template_has_unmarked_text():
    problems = [
        f"{path}:{line}: {word}"
        for _, path in TEMPLATES
        for line, word in unmarked_text(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "text not marked for translation:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("<p>Bayar sekarang</p>", [(1, "Bayar"), (1, "sekarang")]),
        (
            '<section aria-label="Ringkasan">x{% translate "A" %}</section>',
            [(1, "Ringkasan"), (1, "x")],
        ),
        ("<p>{% translate 'Halo' %} · {{ name }}</p>", []),
        ("<p>{% blocktranslate with a=b %}Halo {{ a }}{% endblocktranslate %}</p>", []),
        ("<p aria-label=\"{% translate 'Halo' %}\">BCA \u203a</p>", []),
        ("<style>body{font:Roboto}</style><script>var s = 'teks';</script>", []),
        ("{# catatan #}{% comment %}juga catatan{% endcomment %}<!-- dan ini -->", []),
        (
            '<img src="a.png" alt="Foto">\n<input type="submit" value="Kirim">',
            [(1, "Foto"), (2, "Kirim")],
        ),
        ('<meta name="description" content="Galang dana">', [(1, "Galang"), (1, "dana")]),
        ('<meta name="robots" content="noindex">', []),
        ('{% if n > 1 %}<a href="?halaman={{ n }}">{% endif %}&rarr; &#10003;', []),
        ("Halo,\n\n{% translate 'Terima kasih' %}\nSalam", [(1, "Halo"), (4, "Salam")]),
        ("<p>Gotong · QRIS · Rp 50.000</p>", []),
    ],
)
def test_checker_catches_unmarked_text(snippet, expected):
    assert unmarked_text(snippet) == expected


def test_allowed_words_are_names_and_codes_only():
    # A short list on purpose: a word added here is never translated anywhere.
    assert len(ALLOWED_WORDS) <= 15
