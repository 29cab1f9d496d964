"""Quarantine protocols for contact follow-up, as data (TOML).

A protocol says how long a contact is observed, counted from the last exposure, and on which
days of the observation a nucleic-acid test is taken (day 1 = the first day of quarantine).
Bundled: ``china-2020`` (NHC 防控方案 7th ed., 2020-09: 14 days centralised observation from the
last exposure; tests on days 1, 4, 7, 14 as written down in the 8th ed.), ``china-2021`` (8th
ed. "14+7") and ``seven-day`` (9th ed., 2022, 7 days). A custom protocol is a TOML file::

    [protocol]
    name = "my-protocol"
    quarantine_days = 10
    test_days = [1, 5, 10]
    contacts_of_contacts = true        # follow contacts of contacts too
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from flareup.errors import ConfigError

PROTOCOL_DIR = Path(__file__).with_name("protocols")


@dataclass(frozen=True, slots=True)
class Protocol:
    """A follow-up protocol: observation length (days from last exposure) and test days."""

    name: str
    quarantine_days: int
    test_days: tuple[int, ...]
    contacts_of_contacts: bool = True
    description: str = ""
    reference: str = ""


def list_protocols() -> list[str]:
    """Names of the bundled protocols."""
    return sorted(p.stem for p in PROTOCOL_DIR.glob("*.toml"))


def load_protocol(name_or_path: str | Path) -> Protocol:
    """A bundled protocol by name, or a TOML file; every key is checked (ConfigError)."""
    path = Path(name_or_path)
    if not path.suffix and (PROTOCOL_DIR / f"{name_or_path}.toml").exists():
        path = PROTOCOL_DIR / f"{name_or_path}.toml"
    file = str(path)
    if not path.is_file():
        raise ConfigError(
            f"no protocol {str(name_or_path)!r}; bundled: {', '.join(list_protocols())}, "
            "or give a TOML file",
            key="protocol",
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=file) from None
    table = raw.get("protocol")
    if not isinstance(table, dict):
        raise ConfigError("missing [protocol] table", file=file, key="protocol")
    known = {
        "name",
        "quarantine_days",
        "test_days",
        "contacts_of_contacts",
        "description",
        "reference",
    }
    for key in table:
        if key not in known:
            raise ConfigError(
                f"unknown key; expected one of {', '.join(sorted(known))}",
                file=file,
                key=f"protocol.{key}",
            )
    days = table.get("quarantine_days")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 60:
        raise ConfigError(
            f"expected a whole number of days in 1..60, got {days!r}",
            file=file,
            key="protocol.quarantine_days",
        )
    tests = table.get("test_days", [])
    if not isinstance(tests, list) or any(
        isinstance(t, bool) or not isinstance(t, int) or not 1 <= t <= days for t in tests
    ):
        raise ConfigError(
            f"expected a list of days in 1..{days} (day 1 = first day of quarantine), got {tests!r}",
            file=file,
            key="protocol.test_days",
        )
    coc = table.get("contacts_of_contacts", True)
    if not isinstance(coc, bool):
        raise ConfigError("expected true or false", file=file, key="protocol.contacts_of_contacts")
    return Protocol(
        name=str(table.get("name", path.stem)),
        quarantine_days=days,
        test_days=tuple(sorted(set(tests))),
        contacts_of_contacts=coc,
        description=str(table.get("description", "")),
        reference=str(table.get("reference", "")),
    )


__all__ = ["PROTOCOL_DIR", "Protocol", "list_protocols", "load_protocol"]
