"""The investigation through the registry and the CLI: the bundled simulated Kashgar records,
privacy refusals and per-row errors that leave the store unchanged."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flareup.cli import app
from flareup.data.kashgar_2020 import files
from flareup.errors import InputError
from flareup.ingest.privacy import is_resident_id
from flareup.ingest.tables import read_table, validate_frame
from flareup.registry import Registry
from flareup.report import investigation as inv

runner = CliRunner()


def _with_areas(path: Path) -> Registry:
    r = Registry(f"sqlite:///{path}")
    areas = files()["areas"]
    assert isinstance(areas, Path)
    r.import_table(read_table(areas, "areas"))
    return r


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Registry]:
    r = _with_areas(tmp_path / "inv.db")
    yield r
    r.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """One registry with the bundled records for the module (the refusals leave it unchanged,
    which the tests check)."""
    r = _with_areas(tmp_path_factory.mktemp("loaded") / "inv.db")
    inv.import_investigation(r, inv.investigation_dir())
    yield r
    r.close()


def _n(reg: Registry) -> dict[str, int]:
    return {
        k: len(getattr(reg, k)()) for k in ("cases", "contacts", "exposures", "settings", "samples")
    }


def test_bundled_export_imports_and_the_factory_leads(loaded: Registry) -> None:
    n = _n(loaded)
    # the export is one full-scale run (215 cases, 19,015 contacts; SOURCE.md): the same order
    # as Kashgar's ~190 detections by 11-05
    assert n["cases"] >= 100 and n["contacts"] > 10_000 and n["samples"] > 0
    res = inv.clusters(loaded, min_size=5)
    first = res.clusters.iloc[0]
    assert first["size"] >= 0.8 * n["cases"]  # the outbreak stays with the factory
    r = inv.sources(loaded, cluster=str(first["cluster"]))
    top = r.iloc[0]
    settings = loaded.settings().set_index("id")
    # the simulated introduction was the named garment factory
    assert settings.loc[top["candidate"], "name"] == "shufu-garment-factory"
    ch, si = inv.chains(loaded)
    assert ch["generation"].max() >= 1 and ch["infector"].notna().sum() >= 50
    # most cases were asymptomatic when found (15 of 215 with an onset): few onset pairs, but
    # some, and never more pairs than cases with an onset
    onsets = loaded.cases()["date_onset"].notna().sum()
    assert 1 <= si.n <= onsets - 1


def test_contact_of_unknown_case_is_a_row_error_and_nothing_is_stored(
    loaded: Registry, tmp_path: Path
) -> None:
    before = _n(loaded)
    f = tmp_path / "contacts.csv"
    pd.DataFrame(
        {"from": ["C0001", "NOBODY"], "to": ["Pnew1", "Pnew2"], "type": ["household", "work"]}
    ).to_csv(f, index=False)
    with pytest.raises(InputError) as e:
        loaded.import_table(read_table(f, "contacts"))
    p = e.value.problems[0]
    assert (p.row, p.field) == (2, "from") and "NOBODY" in p.reason
    assert _n(loaded) == before


def test_exposure_to_unknown_setting_is_refused(loaded: Registry, tmp_path: Path) -> None:
    before = _n(loaded)
    f = tmp_path / "exposures.csv"
    pd.DataFrame({"case_id": ["C0001"], "setting_id": ["NOWHERE"]}).to_csv(f, index=False)
    with pytest.raises(InputError, match="unknown setting 'NOWHERE'") as e:
        loaded.import_table(read_table(f, "exposures"))
    assert e.value.problems[0].row == 1
    assert _n(loaded) == before


@pytest.mark.parametrize(
    ("date", "reason"),
    [("2020-02-30", "not an ISO date"), ("2099-01-01", "in the future"), ("30/10/2020", "ISO")],
)
def test_sample_with_impossible_date_is_refused(
    loaded: Registry, tmp_path: Path, date: str, reason: str
) -> None:
    before = _n(loaded)
    f = tmp_path / "samples.csv"
    pd.DataFrame(
        {"setting_id": ["W0001", "W0001"], "date": ["2020-10-26", date], "result": "positive"}
    ).to_csv(f, index=False)
    with pytest.raises(InputError, match=reason) as e:
        loaded.import_table(read_table(f, "samples"))
    assert (e.value.problems[0].row, e.value.problems[0].field) == (2, "date")
    assert _n(loaded) == before


def test_personal_data_is_refused_by_header_and_content(tmp_path: Path) -> None:
    assert is_resident_id("11010519491231002X")  # the GB 11643-1999 example
    assert not is_resident_id("110105194912310021")  # wrong check character
    base = {"id": ["C1"], "location": ["653121"], "date_reporting": ["2020-10-25"]}
    base["classification"] = ["confirmed"]
    for extra, field in (
        ({"姓名": ["x"]}, "姓名"),
        ({"phone": ["x"]}, "phone"),
        ({"id_number": ["x"]}, "id_number"),
    ):
        with pytest.raises(InputError, match="personal data") as e:
            validate_frame(pd.DataFrame({**base, **extra}), "cases")
        assert e.value.problems[0].field == field
    with pytest.raises(InputError, match="resident identity number") as e:
        validate_frame(pd.DataFrame({**base, "id": ["11010519491231002X"]}), "cases")
    assert (e.value.problems[0].row, e.value.problems[0].field) == (1, "id")
    for phone in ("13812345678", "+86 138 1234 5678".replace(" ", ""), "0998-6123456"):
        with pytest.raises(InputError, match="phone number"):
            validate_frame(pd.DataFrame({"from": ["C1"], "to": [phone]}), "contacts")
    # a setting's name and a date are not personal data
    validate_frame(
        pd.DataFrame({"id": ["F"], "kind": ["factory"], "area": ["6531"], "name": ["Shufu 3"]}),
        "settings",
    )


def test_commands(loaded: Registry) -> None:
    db = str(loaded.url)
    r = runner.invoke(app, ["clusters", "--db", db, "--min-size", "5", "-f", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["cluster"] == "K001"
    r = runner.invoke(app, ["sources", "--db", db, "--cluster", "K001", "-f", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("cluster,rank,candidate")
    top = pd.read_csv(io.StringIO(r.stdout)).iloc[0]
    # the table rounds the relative risk as its reason says it ('RR 154.2'), not to 3 places
    r = runner.invoke(app, ["sources", "--db", db, "--cluster", "K001"], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert f"RR {top['rr']:.1f}" in " ".join(r.stdout.split())
    first = next(line for line in r.stdout.splitlines() if line.startswith("K001   "))
    assert first.split()[-2:] == [f"{top['score']:.1f}", f"{top['rr']:.1f}"], first
    r = runner.invoke(app, ["chains", "--db", db, "-f", "csv"])
    assert r.exit_code == 0 and "generation" in r.stdout.splitlines()[0]
    r = runner.invoke(
        app, ["followup", "--date", "2020-10-28", "--db", db, "--area", "653121", "--counts"]
    )
    assert r.exit_code == 0 and "converted" in r.stdout
    r = runner.invoke(app, ["followup", "--date", "2020-10-28", "--db", db, "-f", "json"])
    rows = json.loads(r.stdout)
    assert {"id", "status", "next_test"} <= set(rows[0])
    r = runner.invoke(
        app,
        ["followup", "--date", "2020-10-28", "--db", db, "--status", "due_for_test", "-f", "csv"],
    )
    assert r.exit_code == 0 and set(pd.read_csv(io.StringIO(r.stdout))["status"]) == {
        "due_for_test"
    }
    r = runner.invoke(app, ["followup", "--date", "2020-10-28", "--db", db, "--status", "x"])
    assert r.exit_code == 2 and "unknown status" in r.output  # a usage mistake
    r = runner.invoke(app, ["followup", "--date", "28/10/2020", "--db", db])
    assert r.exit_code == 2 and "Invalid value for '--date'" in r.output and "ISO date" in r.output
    # bad input: exit 1 with a message, never a traceback
    r = runner.invoke(app, ["sources", "--db", db, "--cluster", "K999"])
    assert r.exit_code == 1 and "no cluster" in r.output
    r = runner.invoke(app, ["clusters", "--db", db, "-f", "xml"])
    assert r.exit_code == 2 and "--format" in r.output


def test_clusters_name_their_areas_for_people_and_keep_codes_for_machines(
    loaded: Registry,
) -> None:
    """The clusters' `areas` read as bare codes (653121205) in the table and on the
    investigation page; both now name each area as English text does, beside its code (the
    name from the registry's areas table, "Zhanmin Xiang" -> "Zhanmin Township"), while CSV
    and JSON keep the codes alone."""
    from flareup.report import pages as P
    from flareup.schema import area_display_name

    db = str(loaded.url)
    res = inv.clusters(loaded, min_size=5)
    code = str(res.clusters["areas"].iloc[0]).split(";")[0]
    name = area_display_name(str(loaded.area(code)["name_en"]))
    assert name != code
    r = runner.invoke(app, ["clusters", "--db", db, "--min-size", "5"], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert name in " ".join(r.stdout.split()), r.stdout
    # a big cluster's hundreds of settings are counted on screen, not cut mid-id ('D0' / '004')
    n_settings = str(res.clusters["settings"].iloc[0]).count(";") + 1
    assert f"{n_settings} settings" in r.stdout and "..." not in r.stdout
    r = runner.invoke(app, ["clusters", "--db", db, "--min-size", "5", "-f", "json"])
    row = json.loads(r.stdout)[0]
    assert "area_names" not in row and code in row["areas"].split(";")
    page = P.investigation(loaded, "2020-10-30")
    t = next(t for t in page.tables if t.title == "Clusters")
    i = t.columns.index("areas")
    assert t.columns[i + 1] == "area_names"
    assert name in str(t.rows[0][i + 1]).split("; ") and code in str(t.rows[0][i])


def test_chart_and_epicontacts(loaded: Registry, tmp_path: Path) -> None:
    db = str(loaded.url)
    r = runner.invoke(
        app,
        ["chains", "--db", db, "--chart", str(tmp_path / "c.json"), "--epicontacts", str(tmp_path)],
    )
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "c.json").read_text())["mark"]["type"] == "circle"
    ll = pd.read_csv(tmp_path / "linelist.csv")
    ct = pd.read_csv(tmp_path / "contacts.csv")
    assert ll.columns[0] == "id" and list(ct.columns[:2]) == ["from", "to"]


def test_cluster_chart(loaded: Registry, tmp_path: Path) -> None:
    db = str(loaded.url)
    out = tmp_path / "k.json"
    r = runner.invoke(app, ["clusters", "--db", db, "--min-size", "5", "--chart", str(out)])
    assert r.exit_code == 0, r.output
    spec = json.loads(out.read_text())
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["color"]["field"] == "linked_by"
    rows = next(iter(spec["datasets"].values()))
    # every case of every cluster of 5+ is drawn once, with the kind of link that placed it
    r = runner.invoke(app, ["clusters", "--db", db, "--min-size", "5", "-f", "json"])
    assert len(rows) == sum(c["size"] for c in json.loads(r.stdout))
    assert {row["linked_by"] for row in rows} <= {
        "factory",
        "other",
        "school",
        "market",
        "dormitory",
        "household",
        "cold_chain_lot",
        "contact",
        "no link (timing)",
    }
    svg = tmp_path / "k.svg"
    r = runner.invoke(app, ["clusters", "--db", db, "--min-size", "5", "--chart", str(svg)])
    assert r.exit_code == 0 and svg.read_text().lstrip().startswith("<svg")
    r = runner.invoke(app, ["clusters", "--db", db, "--chart", str(tmp_path / "k.gif")])
    assert r.exit_code == 2 and not (tmp_path / "k.gif").exists()


def test_demo_section_runs_and_is_idempotent(reg: Registry) -> None:
    from rich.console import Console

    from flareup.cli.tracing_cmds import demo_section

    con = Console(record=True, width=80)
    demo_section(reg, con)
    n = _n(reg)
    bundled = pd.read_csv(inv.investigation_dir() / "cases.csv")
    assert n["cases"] == len(bundled) >= 100  # every bundled case imported
    # counts as every table counts them ('11953 rows' before)
    said = con.export_text()
    line = next(ln for ln in said.splitlines() if ln.startswith("  imported contacts"))
    assert n["contacts"] >= 10_000 and line.split()[2:] == [f"{n['contacts']:,}", "rows"]
    demo_section(reg)  # a re-run imports nothing new
    assert _n(reg) == n


def test_simulate_export_registry_writes_importable_records(tmp_path: Path) -> None:
    from flareup.sim.investigation import Recall, outbreak_with_source, small_town

    inv_, _ = outbreak_with_source(
        "market", seed=3, population=small_town(people=2000), recall=Recall(missing=0.3)
    )
    paths = inv_.write(tmp_path / "export")
    reg = _with_areas(tmp_path / "x.db")
    try:
        # the town's areas are not Kashgar's: add them first
        pd.DataFrame(
            {"code": ["659901", "659902"], "name_en": ["North", "South"], "level": "township"}
        ).to_csv(tmp_path / "areas.csv", index=False)
        reg.import_table(read_table(tmp_path / "areas.csv", "areas"))
        done = inv.import_investigation(reg, paths["cases"].parent)
        assert [s.kind for s in done] == ["settings", "cases", "contacts", "exposures", "samples"]
        ids = pd.concat([reg.cases()["id"], reg.contacts()["from"], reg.contacts()["to"]])
        assert ids.str.fullmatch(r"[CP]\d+").all()  # pseudonyms only
    finally:
        reg.close()


def test_simulate_command_refuses_bad_scenario(tmp_path: Path) -> None:
    r = runner.invoke(app, ["simulate", "nonesuch", "--export-registry", str(tmp_path / "x")])
    assert r.exit_code == 1 and not (tmp_path / "x").exists()


def test_chains_without_pairs_say_so_instead_of_nan(tmp_path: Path) -> None:
    # 'serial interval from 0 infector-infectee pairs with both onsets: mean nan days, sd nan'
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    Registry(url).close()
    res = runner.invoke(app, ["chains", "--db", url], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert "serial interval: no infector-infectee pair with both onsets" in res.stdout
    assert "nan" not in res.stdout


def test_followup_title_counts_contacts_as_every_table_counts(loaded: Registry) -> None:
    res = runner.invoke(
        app, ["followup", "--date", "2020-10-28", "--db", str(loaded.url)], env={"COLUMNS": "80"}
    )
    assert res.exit_code == 0, res.output
    n = len(loaded.contacts())
    assert n >= 10_000
    assert f"Follow-up on 2020-10-28 under china-2020: {n:,} contacts" in res.stdout  # was 11953
