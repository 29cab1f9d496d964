"""Refuse personal data: flareup stores pseudonymous identifiers only.

Called by the table readers (one line in :func:`flareup.ingest.tables._validate`) for the
person-level kinds (cases, contacts, exposures, settings, samples). A file is refused, with a
problem per offending column or cell, when

* a column header names personal data: a person's name, a phone number, an identity-card or
  passport number (English and Chinese headers: ``name``, ``patient_name``, ``姓名``, ``phone``,
  ``mobile``, ``电话``, ``手机``, ``id_number``, ``身份证``, ``passport`` ...), or
* a cell holds a mainland Chinese resident identity number (18 characters, GB 11643-1999: a
  valid birth date and the ISO 7064 MOD 11-2 check character), a mainland mobile number
  (``1[3-9]`` and 9 digits, optionally ``+86``), a landline with area code (``0xx-xxxxxxxx``) or
  an international number (``+`` and 8-15 digits).

The canonical ``name`` of a setting (a factory, a market) and the area names are not personal.
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np
import pandas as pd

from flareup.errors import Problem
from flareup.ingest.model import TableKind

#: Kinds whose rows are about people or the places they were.
PERSON_KINDS: Final[frozenset[TableKind]] = frozenset(
    {
        TableKind.CASES,
        TableKind.CONTACTS,
        TableKind.EXPOSURES,
        TableKind.SETTINGS,
        TableKind.SAMPLES,
    }
)

_ALLOWED_HEADERS: Final[frozenset[str]] = frozenset({"name", "name_en", "name_alt", "name_zh"})
_HEADER = re.compile(
    r"(^|_)(full_?name|first_?name|last_?name|given_?name|family_?name|surname|"
    r"patient_?name|person_?name|contact_?name|case_?name|name|"
    r"phone|telephone|tel|mobile|cell_?phone|msisdn|"
    r"id_?card|id_?number|id_?no|national_?id|identity|resident_?id|passport|ssn)($|_)"
    r"|姓名|名字|电话|手机|联系方式|身份证|证件号|护照",
    re.IGNORECASE,
)
_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<![\d])(?:(?:\+?86[\s-]?)?1[3-9]\d{9}|0\d{2,3}-\d{7,8}|\+\d{8,15})(?![\d])")
_ANY = re.compile(r"\d{11}|\d{3,4}-\d{7}|\+\d{8}")
_WEIGHTS: Final[tuple[int, ...]] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK: Final[str] = "10X98765432"


def is_resident_id(text: str) -> bool:
    """An 18-character mainland resident identity number with a plausible birth date and a
    valid check character (GB 11643-1999, ISO 7064 MOD 11-2)."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    year, month, day = int(text[6:10]), int(text[10:12]), int(text[12:14])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == text[17].upper()


def _contains_id(value: str) -> bool:
    return any(is_resident_id(m) for m in _ID18.findall(value))


def check_personal_data(raw: pd.DataFrame, kind: TableKind, file: str | None) -> list[Problem]:
    """Problems for personal data in ``raw`` (headers and text cells); empty when clean."""
    if kind not in PERSON_KINDS:
        return []
    problems: list[Problem] = []
    for col in raw.columns:
        name = str(col).strip()
        if name.lower() not in _ALLOWED_HEADERS and _HEADER.search(name):
            problems.append(
                Problem(
                    file,
                    None,
                    name,
                    "this column looks like personal data (a name, phone or ID number); "
                    "flareup stores pseudonymous ids only: remove the column",
                )
            )
    for col in raw.columns:
        s = raw[col]
        if not (s.dtype == object or isinstance(s.dtype, pd.StringDtype)):
            continue
        text = s.astype(str).where(s.notna(), "")
        # every pattern below holds 11 digits in a row, a 0xx(x)-xxxxxxx landline or +8 digits
        digits = text.str.contains(_ANY, regex=True, na=False).to_numpy(dtype=bool)
        if not digits.any():
            continue  # the common case: nothing number-like anywhere in the column
        cand = text[digits]
        phone = cand.str.contains(_PHONE, na=False).to_numpy(dtype=bool)
        maybe = cand.str.contains(r"\d{17}[\dXx]", regex=True, na=False).to_numpy(dtype=bool)
        resident = np.zeros(len(cand), dtype=bool)
        resident[maybe] = [_contains_id(v) for v in cand[maybe]]
        rows = np.flatnonzero(digits)
        for pos, is_phone, is_id in zip(rows, phone, resident, strict=True):
            if is_id or is_phone:
                what = "a resident identity number" if is_id else "a phone number"
                problems.append(
                    Problem(
                        file,
                        int(pos) + 1,
                        str(col),
                        f"holds {what}; flareup stores pseudonymous ids only "
                        "(replace it with a study id)",
                    )
                )
                if len(problems) >= 200:
                    return problems
    return problems


__all__ = ["PERSON_KINDS", "check_personal_data", "is_resident_id"]
