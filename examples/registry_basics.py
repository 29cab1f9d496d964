"""The case registry from Python: load the bundled Kashgar example, ask for a status, see the
disagreements between sources and what was known at an earlier time.

Run: ``.venv/bin/python examples/registry_basics.py [DATABASE_URL]`` (default: a temporary SQLite
file; pass ``postgresql+psycopg://...`` to use PostgreSQL).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from flareup.data import kashgar_2020
from flareup.ingest.tables import read_table
from flareup.registry import Registry


def main(url: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        reg = Registry(url or f"sqlite:///{Path(tmp) / 'kashgar.db'}")
        files = kashgar_2020.files()
        for kind in kashgar_2020.IMPORT_ORDER:
            summary = reg.import_table(read_table(files[kind], kind))
            print(f"{kind:<13} inserted {summary.inserted:>3}, unchanged {summary.unchanged}")

        status = reg.status("653100", date="2020-10-28")
        print("\nKashgar Prefecture on 2020-10-28 (children summed where it has no own figure):")
        print(
            status.to_frame()[["metric", "value", "value_date", "cumulative", "origin"]].to_string(
                index=False
            )
        )

        print("\nSources that disagree:")
        print(
            reg.disagreements()[
                ["area", "date", "metric", "value", "chosen", "source_title"]
            ].to_string(index=False)
        )
        reg.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
