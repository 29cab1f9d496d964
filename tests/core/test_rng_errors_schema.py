"""The shared foundations: random streams, the error tree, the metric vocabulary."""

from __future__ import annotations

import numpy as np
import pytest

from flareup import rng, schema
from flareup.errors import ConfigError, InputError, Problem


def test_same_seed_same_draws_and_spawned_streams_differ() -> None:
    a = rng.generator(42).random(5)
    b = rng.generator(42).random(5)
    np.testing.assert_array_equal(a, b)
    children = rng.spawn(42, 3)
    draws = [rng.generator(c).random(3) for c in children]
    assert not np.array_equal(draws[0], draws[1])
    # Spawning is deterministic: the same root gives the same children.
    np.testing.assert_array_equal(draws[2], rng.generator(rng.spawn(42, 3)[2]).random(3))


def test_named_streams_are_stable_and_independent() -> None:
    x1 = rng.stream(7, "transmission").random(4)
    x2 = rng.stream(7, "transmission").random(4)
    y = rng.stream(7, "testing").random(4)
    np.testing.assert_array_equal(x1, x2)
    assert not np.array_equal(x1, y)


def test_bad_seed_is_refused() -> None:
    with pytest.raises(ValueError, match="non-negative integer"):
        rng.generator(-1)


def test_input_error_names_file_row_field_reason() -> None:
    err = InputError("negative count", file="counts.csv", row=3, field="value")
    assert str(err) == "counts.csv, row 3, field 'value': negative count"
    assert (err.file, err.row, err.field, err.reason) == (
        "counts.csv",
        3,
        "value",
        "negative count",
    )


def test_input_error_collects_many_problems() -> None:
    problems = [Problem("f.csv", i, "value", "negative count") for i in range(1, 31)]
    with pytest.raises(InputError) as info:
        InputError.collect(problems)
    assert len(info.value.problems) == 30
    assert "and 10 more problems" in str(info.value)
    InputError.collect([])  # nothing to raise


def test_config_error_names_file_and_key() -> None:
    err = ConfigError("expected a number", file="rules.toml", key="cumulative_threshold")
    assert str(err) == "rules.toml, key 'cumulative_threshold': expected a number"


def test_unknown_metric_lists_known_ones() -> None:
    with pytest.raises(KeyError) as info:
        schema.check_metric("confirmed_today")
    message = str(info.value)
    for name in schema.METRIC_NAMES:
        assert name in message


def test_metric_vocabulary_is_complete_and_partitioned() -> None:
    required = {
        "confirmed_new",
        "reclassified_new",
        "asymptomatic_new",
        "deaths_new",
        "recovered_new",
        "released_new",
        "tested_new",
        "imported_new",
        "confirmed_current",
        "severe_current",
        "critical_current",
        "asymptomatic_current",
        "positive_current",
        "under_observation_current",
        # counts read from bulletin and news text (flareup.ingest.bulletin)
        "local_new",
        "asymptomatic_local_new",
        "asymptomatic_imported_new",
        "suspected_new",
        "contacts_released_new",
        "removed_new",
        "tested_negative_new",
        "tested_positive_new",
        "confirmed_cumulative",
        "imported_cumulative",
        "asymptomatic_cumulative",
        "infections_cumulative",
        "deaths_cumulative",
        "recovered_cumulative",
        "released_cumulative",
        "mild_current",
        "hospitalized_current",
        "suspected_current",
        "probable_current",
        "contacts_cumulative",
        "tested_cumulative",
    }
    assert set(schema.METRIC_NAMES) == required
    assert set(schema.FLOW_METRICS).isdisjoint(schema.STOCK_METRICS)
    assert all(m.endswith("_new") for m in schema.FLOW_METRICS)
    assert all(m.endswith(("_current", "_cumulative")) for m in schema.STOCK_METRICS)
    assert all(schema.METRICS[m].definition for m in schema.METRIC_NAMES)


def test_risk_levels_are_ordered() -> None:
    assert [lvl.rank for lvl in schema.RISK_LEVEL_ORDER] == [0, 1, 2]
    assert schema.RiskLevel("high").rank > schema.RiskLevel("medium").rank


def test_a_doubling_time_with_an_unbounded_end_reads_in_words() -> None:
    """A halving time printed '0.7 d (95% CI 0.4–inf)': an infinite end now reads as no bound."""
    inf = float("inf")
    assert schema.days_interval_text(0.73, 0.359, 1.4) == "0.7 d (95% CI 0.4–1.4 d)"
    assert schema.days_interval_text(0.73, 0.359, inf) == (
        "0.7 d (95% CI 0.4 d or more; no upper bound)"
    )
    assert schema.days_interval_text(inf, inf, inf) == "not bounded (95% CI not bounded)"
    assert "inf" not in schema.days_interval_text(17.4, 2.2, inf)


def test_area_display_names_read_as_english_text_names_them() -> None:
    assert schema.area_display_name("Kashi Diqu (Kashgar Prefecture)") == "Kashgar Prefecture"
    assert schema.area_display_name("Shufu Xian") == "Shufu County"
    assert schema.area_display_name("Xinjiang") == "Xinjiang"
    assert schema.area_display_name("Shufu Guangzhou Gongyecheng") == "Shufu Guangzhou Gongyecheng"


def test_every_bundled_area_has_an_english_display_name() -> None:
    """The county farms showed as 'Xian Zhongxu Chang' (pinyin with no level word the rule
    knows); their romanised names now carry the English gloss, as the prefecture's does."""
    import csv
    from importlib.resources import files

    path = files("flareup.data.kashgar_2020") / "areas.csv"
    with path.open(encoding="utf-8") as f:
        names = {r["code"]: schema.area_display_name(r["name_en"]) for r in csv.DictReader(f)}
    assert names["653121400"] == "County Livestock Breeding Farm"
    assert names["653121406"] == "Shufu Guangzhou Industrial City"
    pinyin_units = {"Xian", "Zhen", "Xiang", "Shi", "Diqu", "Chang", "Linchang", "Gongyecheng"}
    assert not [n for n in names.values() if pinyin_units & set(n.split())], names


def test_column_labels_read_as_words_with_units() -> None:
    """A header a person reads: words, intervals and units said, never the bare data name."""
    assert schema.column_label("infections_cum") == "infections, cumulative"
    assert schema.column_label("R_lower") == "R (lower 95 %)"
    assert schema.column_label("r") == "r (per day)"
    assert schema.column_label("time_upper") == "doubling or halving time (upper 95 %)"
    assert schema.column_label("official_level") == "official risk level"
    # a metric the vocabulary does not list reads by its ending; any other name by its words
    assert schema.column_label("deaths_new") == "deaths, new"
    assert schema.column_label("asymptomatic_current") == "asymptomatic, current"
    assert schema.column_label("some_new_column_x") == "some new column x"
    # no header of a shown table keeps an underscore
    assert all("_" not in v for v in schema.COLUMN_LABELS.values())
