"""The extractor's behavioural probes (tests/data/bulletins/probes/*.jsonl; what a probe is:
benchmarks/bulletin_probes.py). A probe marked ``xfail`` fails today for the reason given; the
mark is strict, so a probe that starts to pass must lose it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bulletin_probes as P  # benchmarks/ is on pytest's path (pyproject)

PROBES = P.load(sorted(P.PROBES.glob("*.jsonl")))


@pytest.mark.parametrize(
    "probe",
    [
        pytest.param(p, id=f"{p.file}:{p.id}", marks=pytest.mark.xfail(reason=p.xfail, strict=True))
        if p.xfail
        else pytest.param(p, id=f"{p.file}:{p.id}")
        for p in PROBES
    ],
)
def test_probe(probe: Any) -> None:
    res = probe.run()
    assert res.passed, res.explain()


def test_probe_ids_are_unique_and_a_bad_line_is_named(tmp_path: Path) -> None:
    ids = [(p.file, p.id) for p in PROBES]
    assert len(ids) == len(set(ids))
    assert P.norm_place("Kashgar Prefecture") == P.norm_place("kashgar") == "kashgar"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "published": "2021-01-01", "expect": []}\n{"id": 1}\n')
    with pytest.raises(ValueError, match=r"bad\.jsonl:2"):
        P.load([bad])


def test_a_probe_fails_on_a_missing_and_on_an_extra_record(tmp_path: Path) -> None:
    f = tmp_path / "t.jsonl"
    rec = '{"category": "deaths_new", "value": 4, "date": "2021-03-10", "place": "Kenya"}'
    f.write_text(
        '{"id": "ok", "text": "Kenya reported 4 new deaths today.", "published": "2021-03-10", '
        f'"expect": [{rec}]}}\n'
        '{"id": "short", "text": "Kenya reported 4 new deaths and 9 new cases today.", '
        f'"published": "2021-03-10", "expect": [{rec}]}}\n'
        '{"id": "long", "text": "Kenya reported 4 new deaths today.", "published": "2021-03-10", '
        f'"expect": [{rec}, {rec}]}}\n'
    )
    ok, extra, missing = (p.run() for p in P.load([f]))
    assert ok.passed
    assert not extra.passed and extra.extra and not extra.missing
    assert not missing.passed and missing.missing and not missing.extra


def test_an_expected_evidence_must_be_in_the_records_evidence(tmp_path: Path) -> None:
    f = tmp_path / "e.jsonl"
    text = "Kenya reported 4 new deaths today."
    rec = '"category": "deaths_new", "value": 4, "date": "2021-03-10", "place": "Kenya"'
    f.write_text(
        f'{{"id": "own", "text": "{text}", "published": "2021-03-10", '
        f'"expect": [{{{rec}, "evidence": "4 new deaths"}}]}}\n'
        f'{{"id": "other", "text": "{text}", "published": "2021-03-10", '
        f'"expect": [{{{rec}, "evidence": "Kenya reported"}}]}}\n'
        f'{{"id": "none", "text": "{text}", "published": "2021-03-10", "expect": [{{{rec}}}]}}\n'
    )
    own, other, none = P.load([f])
    assert own.evidence == ("4 new deaths",) and none.evidence == (None,)
    assert own.run().passed and none.run().passed
    res = other.run()
    assert not res.passed and res.missing and res.extra
    assert "evidence 'Kenya reported'" in res.explain()
