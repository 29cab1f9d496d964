"""The dashboard's writes: an uploaded table imported exactly as ``flareup import`` does, and
one official designation recorded. Re-exported by :mod:`flareup.report.pages`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from flareup.errors import InputError
from flareup.schema import OFFICIAL_RULE_SET

if TYPE_CHECKING:
    from flareup.registry import Registry


def import_upload(
    reg: Registry, kind: str, filename: str, data: bytes, *, user: str | None = None
) -> dict[str, Any]:
    """Validate and import an uploaded table exactly as ``flareup import`` does: all or nothing;
    an InputError names file, row, field and reason for every problem and changes nothing."""
    from flareup.ingest.tables import read_table

    name = Path(filename or "upload.csv").name
    if Path(name).suffix.lower() not in (".csv", ".parquet", ".json"):
        raise InputError("expected a .csv, .parquet or .json file", file=name, field="file")
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / name
        p.write_bytes(data)
        try:
            vt = read_table(p, kind)
        except InputError as exc:
            raise _renamed(exc, str(p), name) from None
        vt = _with_file(vt, str(p), name)
        s = reg.import_table(vt, user=user or "flareup serve")
    return {
        "kind": str(kind),
        "file": name,
        "inserted": s.inserted,
        "unchanged": s.unchanged,
        "superseded": s.superseded,
    }


def _renamed(exc: InputError, path: str, name: str) -> InputError:
    from flareup.errors import Problem

    return InputError(
        problems=[
            Problem(name if q.file == path else q.file, q.row, q.field, q.reason)
            for q in exc.problems
        ]
    )


def _with_file(vt: Any, path: str, name: str) -> Any:
    from dataclasses import replace

    src = vt.source
    if getattr(src, "uri", None) == path:
        src = replace(src, uri=f"upload:{name}")
    return replace(vt, file=name, source=src)


def record_designation(
    reg: Registry, body: dict[str, Any], *, user: str | None = None
) -> dict[str, Any]:
    """Record one official designation (area, level, valid_from, [valid_to], reason, source),
    validated as a designations table row."""
    cols = ["area", "level", "valid_from", "valid_to", "rule_set", "rule_version", "reason"]
    row = {c: body.get(c) for c in cols}
    row["rule_set"] = row["rule_set"] or OFFICIAL_RULE_SET
    row["source"] = body.get("source")
    if not row["source"]:
        raise InputError("every designation needs its source", field="source")
    df = pd.DataFrame([row])
    return import_upload(
        reg, "designations", "designation.csv", df.to_csv(index=False).encode(), user=user
    )
