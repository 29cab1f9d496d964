"""``flareup bulletin`` through Typer's CliRunner: formats, stdin, --import, bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flareup.cli import app, common
from flareup.data.kashgar_2020 import IMPORT_ORDER, files
from flareup.registry import Registry

runner = CliRunner()

TEXT = (
    "URUMQI, Oct. 28 (Xinhua) -- Xinjiang reported five new confirmed COVID-19 cases and "
    "19 new asymptomatic cases on Tuesday, all in Shufu County, the regional health commission "
    "said on Wednesday. In Beijing, 2 new cases were reported on Tuesday."
)


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        # the private attribute, so that the width goes back to following $COLUMNS (setting
        # .width back to its old value would pin it for every later test)
        mp.setattr(common.console, "_width", 250)
        mp.setattr(common.err_console, "_width", 250)
        yield


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    for kind in IMPORT_ORDER:
        p = files()[kind]
        r = runner.invoke(app, ["import", kind, str(p), "--db", url])
        assert r.exit_code == 0, r.output
    return url


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    p = tmp_path / "xinjiang.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_table_csv_json_and_stdin(text_file: Path) -> None:
    r = runner.invoke(app, ["bulletin", str(text_file), "--published", "2020-10-28"])
    assert r.exit_code == 0, r.output
    assert "3 counts found" in r.output and "asymptomatic_new" in r.output
    r = runner.invoke(app, ["bulletin", str(text_file), "--published", "2020-10-28", "-f", "csv"])
    assert r.exit_code == 0, r.output
    got = pd.read_csv(pd.io.common.StringIO(r.stdout))
    assert set(zip(got["date"], got["place"], got["category"], got["value"], strict=True)) == {
        ("2020-10-27", "Xinjiang", "confirmed_new", 5),
        ("2020-10-27", "Xinjiang", "asymptomatic_new", 19),
        ("2020-10-27", "Beijing", "confirmed_new", 2),
    }
    r = runner.invoke(
        app, ["bulletin", "-", "--published", "2020-10-28", "--format", "json"], input=TEXT
    )
    assert r.exit_code == 0, r.output
    recs = json.loads(r.stdout)
    assert {x["value"] for x in recs} == {5, 19, 2}
    for x in recs:  # every record points at its words
        assert TEXT[x["start"] : x["end"]] == x["evidence"]
        assert x["sentence"] in TEXT


def test_import_is_news_kind_never_overrides_official_and_is_idempotent(
    db: str, text_file: Path
) -> None:
    args = ["bulletin", str(text_file), "--published", "2020-10-28", "--import", "--db", db]
    r = runner.invoke(app, [*args, "--source", "Xinhua"])
    assert r.exit_code == 0, r.output
    assert "2 inserted, 0 unchanged, 0 superseded; 1 not stored" in r.output
    # Beijing is not a registry area: said, not dropped
    assert "not stored: confirmed_new 2" in r.output and "not a registry area" in r.output
    r = runner.invoke(app, [*args, "--source", "Xinhua"])
    assert r.exit_code == 0, r.output
    assert "0 inserted, 2 unchanged, 0 superseded" in r.output
    reg = Registry(db)
    try:
        every = reg.counts(areas=["650000"], start="2020-10-27", end="2020-10-27", policy="all")
        news = every[every["source_kind"] == "news"]
        assert set(zip(news["metric"], news["value"], strict=True)) == {
            ("confirmed_new", 5),
            ("asymptomatic_new", 19),
        }
        latest = reg.counts(areas=["650000"], start="2020-10-27", end="2020-10-27")
        official = every[every["source_kind"] != "news"]
        for m in set(official["metric"]) & set(news["metric"]):
            row = latest[latest["metric"] == m].iloc[0]
            assert row["source_kind"] != "news", m  # an official figure is never overridden
    finally:
        reg.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the text is empty"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"\xff\xfe\x81\x00abc", "binary"),
        ("Zahlreiche Fälle wurden gemeldet, sagte das Ministerium.".encode(), "language"),
        (b"99999999999999999999 new cases were reported.", "no counts found"),
        (b"On 9999-12-31 the report said nothing.", "no counts found"),
        ("thirty 九 new cases".encode(), "no counts found"),
        (b"99999999999 days later, the cases were reported.", "no counts found"),
    ],
)
def test_bad_input_is_one_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = runner.invoke(app, ["bulletin", str(p), "--published", "2020-10-28"])
    assert r.exit_code == 1, r.output
    assert isinstance(r.exception, SystemExit)
    assert message in r.output and "bad.txt" in r.output


def test_large_input_and_usage_mistakes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Five new cases were reported today. " * 300_000)  # ~10 MB
    r = runner.invoke(app, ["bulletin", str(big), "--published", "2020-10-28"])
    assert r.exit_code == 1 and "larger than" in r.output
    r = runner.invoke(app, ["bulletin", str(big), "--published", "28/10/2020"])
    assert r.exit_code == 2 and "Invalid value for '--published'" in r.output
    r = runner.invoke(app, ["bulletin", str(tmp_path / "missing.txt"), "--published", "2020-10-28"])
    assert r.exit_code == 1 and "cannot read file" in r.output
    r = runner.invoke(app, ["bulletin", str(big)])
    assert r.exit_code == 2  # --published is required
    r = runner.invoke(app, ["bulletin", str(big), "--published", "2020-10-28", "-f", "xml"])
    assert r.exit_code == 2 and "--format" in r.output


def test_output_file_and_json_follow_the_shared_contract(text_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "counts.csv"
    r = runner.invoke(
        app, ["bulletin", str(text_file), "--published", "2020-10-28", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    got = pd.read_csv(out)  # table with -o writes every column as CSV
    assert {"date", "place", "category", "value", "sentence", "start", "end"} <= set(got.columns)
    assert len(got) == 3
    r = runner.invoke(app, ["bulletin", str(text_file), "--published", "2020-10-28", "-f", "json"])
    recs = json.loads(r.stdout)
    assert all(
        "period_start" in x and x["period_start"] is None for x in recs
    )  # null, not left out


def test_table_shows_hedges_and_ranges_on_the_value(tmp_path: Path) -> None:
    # the terminal table carries the qualifier on the value (csv / json keep the field)
    p = tmp_path / "hedged.txt"
    p.write_text(
        "Kashgar tested more than 2.8 million people on Sunday. "
        "About 150-200 new cases were reported in Hotan on Sunday.",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["bulletin", str(p), "--published", "2020-10-26"])
    assert r.exit_code == 0, r.output
    assert ">=2,800,000" in r.output and "~150-200" in r.output
    assert "qualifier" not in r.output
    r = runner.invoke(app, ["bulletin", str(p), "--published", "2020-10-26", "-f", "csv"])
    got = pd.read_csv(pd.io.common.StringIO(r.stdout))
    assert sorted(got["qualifier"]) == ["approximate", "at_least"]


def test_at_80_columns_each_count_is_one_line_with_its_evidence_beneath(
    text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a laptop terminal: the evidence folded into a fifth column took several lines a count
    monkeypatch.setattr(common.console, "_width", 80)
    r = runner.invoke(app, ["bulletin", str(text_file), "--published", "2020-10-28"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(len(x) for x in lines) <= 80
    row = next(i for i, x in enumerate(lines) if "asymptomatic_new" in x)
    assert lines[row].split() == ["2020-10-27", "Xinjiang", "asymptomatic_new", "19"]
    assert lines[row + 1].startswith("    ") and "19 new asymptomatic" in lines[row + 1]
    monkeypatch.setattr(common.console, "_width", 200)
    wide = runner.invoke(app, ["bulletin", str(text_file), "--published", "2020-10-28"])
    assert wide.exit_code == 0, wide.output
    # wide enough, the table keeps its five columns: date and evidence on one line
    assert any("2020-10-27" in x and "19 new asymptomatic" in x for x in wide.output.splitlines())


def test_import_summary_stays_one_line_at_80_columns(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 'counts from \n/long/path/x.txt: 2 \ninserted, ...': the summary broke mid-sentence
    deep = tmp_path / "a-long-folder-name-for-the-bureau" / "daily-bulletins" / "xinhua.txt"
    deep.parent.mkdir(parents=True)
    deep.write_text(TEXT)
    monkeypatch.setattr(common.err_console, "_width", 80)
    r = runner.invoke(
        app,
        ["bulletin", str(deep), "--published", "2020-10-28", "--import", "--db", db, "-f", "csv"],
    )
    assert r.exit_code == 0, r.output
    line = next(ln for ln in r.stderr.splitlines() if ln.startswith("counts from "))
    assert line == (
        f"counts from {deep}: 2 inserted, 0 unchanged, 0 superseded; 1 not stored "
        "(no registry area or day)"
    )
    assert r.stdout.startswith("date,")  # the records alone on stdout


def test_place_gives_a_text_that_never_names_its_place_one(db: str, tmp_path: Path) -> None:
    """A county's own bulletin never names the county ('本县今日新增无症状感染者3例'): its
    counts had no place and an import stored none of them. --place says what the reader
    knows of the source; a text that names its place keeps it; an unknown name is a usage
    mistake, said before any text is read."""
    own = tmp_path / "own.txt"
    own.write_text("本县今日新增无症状感染者3例。\n", encoding="utf-8")
    args = ["bulletin", str(own), "--published", "2020-10-29", "--db", db, "--import"]
    r = runner.invoke(app, args)
    assert r.exit_code == 1 and "nothing was imported" in r.output
    # the refusal says why and what to do
    assert "1 with no place in the text: give the text's own place with --place NAME" in r.output
    # read without --import, the listing says so too (stderr: stdout stays the records)
    r = runner.invoke(app, [*args[:4], "-f", "csv"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2, r.output
    assert "1 of the 1 counts have no place" in r.stderr and "--place NAME" in r.stderr
    r = runner.invoke(app, [*args, "--place", "Kenya"])
    assert r.exit_code == 1 and "1 placed outside the registry's areas" in r.output
    r = runner.invoke(app, [*args, "--place", "疏附县"])
    assert r.exit_code == 0, r.output
    assert "1 inserted, 0 unchanged, 0 superseded; 0 not stored" in r.output
    reg = Registry(db)
    try:
        got = reg.counts(areas=["653121"], start="2020-10-29", end="2020-10-29", policy="all")
        news = got[got["source_kind"] == "news"]
        assert list(zip(news["metric"], news["value"], strict=True)) == [("asymptomatic_new", 3)]
    finally:
        reg.close()
    named = tmp_path / "named.txt"
    named.write_text("Nairobi reported 4 new cases on Monday.\n", encoding="utf-8")
    r = runner.invoke(
        app, ["bulletin", str(named), "--published", "2021-05-11", "--place", "Kenya", "-f", "json"]
    )
    assert r.exit_code == 0 and [x["place"] for x in json.loads(r.stdout)] == ["Nairobi"]
    r = runner.invoke(
        app, ["bulletin", str(named), "--published", "2021-05-11", "--place", "Atlantis"]
    )
    assert r.exit_code == 2 and "Invalid value for '--place': unknown place 'Atlantis'" in r.output
