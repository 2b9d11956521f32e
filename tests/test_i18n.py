"""One catalogue, two languages: complete, consistent, and exactly what the code asks for."""

import re
import string
import unicodedata
from pathlib import Path

import pytest

from convlab import i18n, settings, ui
from convlab.errors import InputError
from convlab.lesson import forms
from convlab.lesson.equivalence import TOLERANCE, VERDICTS
from convlab.ownmodel import settings as ownmodel_settings
from convlab.ownmodel import table as ownmodel_table
from convlab.tokenize import TOKENIZERS
from convlab.ui.roads import COLUMNS
from convlab.ui.walkthrough import ICONS, SPEEDS
from convlab.vectors.sets import OOV_POLICIES

REPO = Path(__file__).resolve().parents[1]
SOURCES = [
    *(path for path in REPO.glob("convlab/**/*.py") if "messages" not in path.parts),
    *REPO.glob("pages/**/*.py"),
    REPO / "app.py",
]
LITERAL_KEY = re.compile(r"""["']((?:[a-z0-9_]+\.)+[a-z0-9_]+)["']""")
WIDGET = re.compile(r"""(?:setting|labelled)\(\s*st\.\w+,\s*["'](\w+)["']""")
"""A widget labelled from its key: ``t(f"label.{key}")`` and ``t(f"help.{key}")``."""
QUESTION = re.compile(r"""["'](home\.q_\w+)["']""")


def code() -> str:
    return "\n".join(path.read_text() for path in SOURCES)


def dynamic_keys() -> set[str]:
    """The keys the code builds from a domain value, derived from those values themselves."""
    widgets = set(settings.DEFAULTS) | set(WIDGET.findall(code()))
    return {
        *(f"{kind}.{key}" for key in widgets for kind in ("label", "help")),
        *(f"oov.{policy}" for policy in OOV_POLICIES),
        *(f"tokenizer.{mode}" for mode in TOKENIZERS),
        *(f"form.{form}" for form in (*forms.FORMS, "numpy")),
        *(f"forms.short.{form}" for form in forms.FORMS),
        *(f"forms.diff.{dtype}" for dtype in TOLERANCE),
        *(f"walk.speed.{speed}" for speed in SPEEDS),
        *(f"{kind}{button}" for button in ICONS for kind in ("walk.", "help.walk_")),
        *(f"conv2d.squeeze.{form}" for form in ("conv1d", "conv2d", "numpy")),
        *(f"verdict.{verdict}" for verdict in VERDICTS),
        *(f"row.{row}" for row in COLUMNS),
        *(f"{page.topic}.{part}" for page in ui.PAGES for part in ("title", "intro")),
        *(f"{question}.link" for question in QUESTION.findall(code())),
        *(f"own.source.{source}" for source in ownmodel_settings.SOURCES),
        *(f"own.input.{kind}" for kind in ownmodel_settings.INPUTS),
        *(f"own.signal.{kind}" for kind in ownmodel_settings.SIGNALS),
        *(f"own.axis.{axis}" for axis in ownmodel_table.AXES),
        *(f"own.col.{column}" for column in ownmodel_table.COLUMNS),
    }


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.CATALOGUE))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    entry = i18n.CATALOGUE[key]
    assert set(entry) == set(i18n.LANGS)
    assert fields(entry["en"]) == fields(entry["zh"])
    assert entry["en"].strip() and entry["zh"].strip()


def test_every_literal_key_in_the_code_exists() -> None:
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text())}
    wanted = {key for key in used if key.split(".")[0] in {k.split(".")[0] for k in i18n.CATALOGUE}}
    missing = sorted(key for key in wanted if key not in i18n.CATALOGUE and "{" not in key)
    assert missing == []


def test_no_message_is_unused() -> None:
    quoted = set(LITERAL_KEY.findall(code())) | dynamic_keys()
    unused = [key for key in i18n.CATALOGUE if key not in quoted]
    assert unused == []


def test_every_setting_has_a_label_and_help() -> None:
    for key in settings.DEFAULTS:
        assert f"label.{key}" in i18n.CATALOGUE
        assert f"help.{key}" in i18n.CATALOGUE


def test_message_fills_numbers_in_and_falls_back_to_english() -> None:
    assert i18n.message("err.n_min", "zh", n=0) == "kernel_size n 至少为 1（当前为 0）。"
    assert i18n.message("err.n_min", "fr", n=0) == "kernel_size n must be at least 1 (got 0)."


def test_input_error_speaks_both_languages() -> None:
    err = InputError("err.too_few_words", needed=5, words=2, n=5)
    assert str(err).startswith("With padding 'valid' a window of n=5 needs at least 5 words")
    assert "至少需要 5 个词" in err.say("zh")


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """CommonMark's rule for a ``**`` run: (can open, can close), from its neighbours."""

    def space(ch: str) -> bool:
        return ch == "" or ch.isspace()

    def punct(ch: str) -> bool:
        return ch != "" and unicodedata.category(ch)[0] in "PS"

    left = not space(after) and (not punct(after) or space(before) or punct(before))
    right = not space(before) and (not punct(before) or space(after) or punct(after))
    return left, right


@pytest.mark.parametrize("lang", list(i18n.LANGS))
def test_bold_renders_as_bold(lang: str) -> None:
    """Every ``**`` pair opens and closes, so no reader sees the asterisks.

    Chinese punctuation counts as punctuation: ``？**每`` cannot close, so
    ``**为什么…？**每个…`` shows its asterisks; the closing run goes before ``？``.
    """
    unbalanced = []
    for key, entry in i18n.CATALOGUE.items():
        text = re.sub(r"\{\w+\}", "1", re.sub(r"`[^`]*`", "code", entry[lang]))  # numbers
        runs = [m.start() for m in re.finditer(r"(?<!\*)\*\*(?!\*)", text)]
        for i, at in enumerate(runs):
            left, right = _flanking(text[at - 1 : at] if at else "", text[at + 2 : at + 3])
            if not (left if i % 2 == 0 else right) or len(runs) % 2:
                unbalanced.append(f"{key}: …{text[max(0, at - 12) : at + 14]}…")
    assert not unbalanced, "\n".join(unbalanced)
