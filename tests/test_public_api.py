"""The curated public API: every name in flareup.__all__ imports and is what it says."""

from __future__ import annotations

import importlib

import flareup


def test_all_names_resolve() -> None:
    assert len(set(flareup.__all__)) == len(flareup.__all__)
    for name in flareup.__all__:
        assert getattr(flareup, name) is not None, name


def test_star_import_gives_every_name() -> None:
    ns: dict[str, object] = {}
    exec("from flareup import *", ns)
    missing = [n for n in flareup.__all__ if n not in ns]
    assert missing == []


def test_names_are_the_defining_objects() -> None:
    assert flareup.InputError is importlib.import_module("flareup.errors").InputError
    assert flareup.read_table is importlib.import_module("flareup.ingest.tables").read_table
    assert flareup.Registry is importlib.import_module("flareup.registry").Registry
    assert flareup.kashgar_2020.files()["counts"].name == "counts.csv"


def test_unknown_name_is_attribute_error() -> None:
    try:
        flareup.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
