"""The settings table: what a link may carry, and how it reads back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from convlab import settings
from convlab.lesson.settings import MAX_SENTENCE_CHARS, SAMPLES
from convlab.settings import CHOICES, DEFAULTS, RANGES


def test_a_link_without_parameters_is_the_default_view() -> None:
    assert settings.from_query({}) == (DEFAULTS, [])
    assert settings.to_query(DEFAULTS) == {}


def test_only_changed_settings_go_into_the_link() -> None:
    values = {**DEFAULTS, "n": 5, "padding": "causal", "sentence": "a b c"}
    assert settings.to_query(values) == {"n": "5", "padding": "causal", "sentence": "a b c"}


def test_unusable_values_fall_back_and_are_listed() -> None:
    values, ignored = settings.from_query(
        {"n": "99", "padding": "circular", "filters": "two", "seed": "-1", "cnn_kernel_sizes": "0"}
    )
    for key in ("n", "padding", "filters", "seed", "cnn_kernel_sizes"):
        assert values[key] == DEFAULTS[key]
    assert ignored == ["n=99", "filters=two", "seed=-1", "padding=circular", "cnn_kernel_sizes=0"]


def test_strides_and_dilation_above_one_keep_the_strides() -> None:
    values, ignored = settings.from_query({"strides": "2", "dilation": "3"})
    assert (values["strides"], values["dilation"]) == (2, 1)
    assert ignored == ["dilation=3"]


def test_long_text_is_cut_to_its_limit() -> None:
    values, _ = settings.from_query({"sentence": "x" * 5000})
    assert len(values["sentence"]) == MAX_SENTENCE_CHARS


def test_nul_and_lone_surrogates_never_reach_a_page() -> None:
    values, ignored = settings.from_query(
        {"sentence": "good\x00 \ud800bad", "cnn_sentence": "\udfff"}
    )
    assert (values["sentence"], values["cnn_sentence"], ignored) == ("good  bad", "", [])


def test_a_chinese_sentence_suggests_seeded_random_vectors() -> None:
    values, _ = settings.from_query({"sentence": "很好看"})
    assert values["oov"] == "random"
    assert settings.to_query(values) == {"sentence": "很好看"}


def test_a_chosen_policy_outlives_the_suggestion() -> None:
    query = {"sentence": "很好看", "oov": "zero", "n": "99"}
    values, _ = settings.from_query(query)
    assert values["oov"] == "zero"
    assert settings.chosen(query) == {"sentence", "oov"}
    assert settings.to_query(values) == {"sentence": "很好看", "oov": "zero"}
    english, _ = settings.from_query({"oov": "random"})
    assert settings.to_query(english) == {"oov": "random"}


# Any value a widget can produce survives the trip through the URL unchanged.
widget_values = st.fixed_dictionaries(
    {key: st.integers(*RANGES[key]) for key in RANGES}
    | {key: st.sampled_from(CHOICES[key]) for key in CHOICES}
    | {"sentence": st.sampled_from(SAMPLES)}
)


@given(widget_values)
def test_every_widget_value_reads_back_from_its_link(changed: dict) -> None:
    values = {**DEFAULTS, **changed}
    if values["strides"] > 1:
        values["dilation"] = 1  # the widgets keep one of the two at 1
    assert settings.from_query(settings.to_query(values)) == (values, [])
