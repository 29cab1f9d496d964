"""Rule files: strict loading. A broken file raises ConfigError naming file and key, never a level."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from risk_helpers import areas, counts

from flareup.errors import ConfigError
from flareup.risk import bundled_rule_sets, classify, load_rules


def _bundled_text(name: str) -> str:
    return resources.files("flareup.risk").joinpath("rules", f"{name}.toml").read_text("utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "my-rules.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_bundled_sets_load_with_source_and_version() -> None:
    assert bundled_rule_sets() == ["china-2020", "china-2022", "incidence-threshold"]
    for name in bundled_rule_sets():
        r = load_rules(name)
        assert r.name == name and r.version and r.source.citation and r.source.published


def test_user_file_path_loads(tmp_path: Path) -> None:
    text = _bundled_text("china-2020").replace('name = "china-2020"', 'name = "my-2020"')
    r = load_rules(_write(tmp_path, text))
    assert r.name == "my-2020" and r.file.endswith("my-rules.toml")


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        (
            "window_days = 14\n",
            "window_days = 14\nwindow_dayz = 14\n",
            "thresholds.window_dayz",
            "unknown key",
        ),
        (
            "cumulative_cases_above = 50",
            'cumulative_cases_above = "50"',
            "thresholds.cumulative_cases_above",
            "expected an integer",
        ),
        (
            "cumulative_cases_above = 50",
            "cumulative_cases_above = 50.5",
            "thresholds.cumulative_cases_above",
            "expected an integer",
        ),
        ("quiet_days = 14\n", "", "stepdown.quiet_days", "missing key"),
        ('version = "2020.1"', "version = 2020", "version", "expected a string"),
        (
            'case_metrics = ["confirmed_new"]',
            'case_metrics = ["confirmed"]',
            "counting.case_metrics",
            "unknown metric",
        ),
        (
            'units = ["county", "township"]',
            'units = ["county", "village"]',
            "units",
            "unknown area level",
        ),
        ("quiet_days = 14", "quiet_days = 0", "stepdown.quiet_days", "at least 1"),
        ('engine = "cumulative_cluster"', 'engine = "magic"', "engine", "unknown engine"),
    ],
)
def test_bad_file_names_file_and_key_and_never_classifies(
    tmp_path: Path, old: str, new: str, key: str, words: str
) -> None:
    text = _bundled_text("china-2020")
    assert old in text
    path = _write(tmp_path, text.replace(old, new, 1))
    result = None
    with pytest.raises(ConfigError) as err:
        rules = load_rules(path)
        result = classify(rules, counts({"confirmed_new": {0: 5}}), areas())
    assert result is None
    assert err.value.key == key
    assert err.value.file == str(path)
    assert str(path) in str(err.value) and key in str(err.value) and words in str(err.value)


def test_incidence_criterion_with_wrong_type_and_unknown_bound(tmp_path: Path) -> None:
    text = _bundled_text("incidence-threshold")
    p = _write(tmp_path, text.replace("rate14 = { above = 150.0 }", 'rate14 = { above = "150" }'))
    with pytest.raises(ConfigError, match=r"criteria\[0\]\.rate14\.above.*expected a number"):
        load_rules(p)
    p = _write(tmp_path, text.replace("rate14 = { above = 150.0 }", "rate14 = { over = 150.0 }"))
    with pytest.raises(ConfigError, match=r"criteria\[0\]\.rate14\.over.*unknown key"):
        load_rules(p)
    p = _write(tmp_path, text.replace('level = "high"', 'level = "red"', 1))
    with pytest.raises(ConfigError, match=r"criteria\[0\]\.level"):
        load_rules(p)


def test_not_toml_and_not_found(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_rules(_write(tmp_path, "name = [unclosed"))
    with pytest.raises(ConfigError, match="bundled: china-2020, china-2022, incidence-threshold"):
        load_rules("china-2021")
