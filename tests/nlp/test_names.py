"""Spelling skeletons: transliteration variants of one name share a key, different names do not."""

from __future__ import annotations

import pytest

from geobrief.nlp.names import name_skeleton


@pytest.mark.parametrize(
    "variants",
    [
        ("Muammar Gaddafi", "Moammar Qadhafi", "Muammar Kadhafi"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
        ("Kim Jong Un", "Kim Jong-un", "Kim Jongun"),
        ("Yevgeny Prigozhin", "Evgeny Prigozhin", "Yevgeniy Prigozhin"),
        ("Osama bin Laden", "Usama bin Ladin"),
        ("Mohammed Morsi", "Muhammad Mursi"),
        ("Sergei Shoigu", "Sergey Shoygu"),
    ],
)
def test_variants_share_a_skeleton(variants: tuple[str, ...]) -> None:
    assert len({name_skeleton(v) for v in variants}) == 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sergei Lavrov", "Sergei Ivanov"),
        ("Abiy Ahmed", "Abiy Ahmed Ali"),
        ("Maria Zakharova", "Maria Zakharov"),
        ("Kim Jong Un", "Kim Jong Il"),
    ],
)
def test_different_names_differ(a: str, b: str) -> None:
    assert name_skeleton(a) != name_skeleton(b)


def test_empty_and_symbols() -> None:
    assert name_skeleton("") == "" and name_skeleton("—!") == ""
