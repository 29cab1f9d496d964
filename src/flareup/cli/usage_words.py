"""Usage-mistake messages in our words where Typer gives pydantic's.

Typer (0.29 and later) checks option values with pydantic and shows the first error's message
as written for Python programmers: ``Value error, 'xml' is not one of ...``, ``Input should be
a valid integer, unable to parse string as an integer``. A command-line user wants the value
they typed and what it should be: ``'abc' is not a whole number``. Only the wording changes;
Typer still raises its usage error, so the exit status stays 2.
"""

from __future__ import annotations

import importlib
from typing import Any

#: pydantic error type -> what the value should have been
_SHOULD_BE = {
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "bool_parsing": "yes or no (true / false, 1 / 0)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "datetime_parsing": "a date and time (YYYY-MM-DDTHH:MM)",
}


def plain_message(exc: Any) -> str:
    """The first error of a pydantic ``ValidationError`` as a user reads it."""
    errors = exc.errors() if hasattr(exc, "errors") else []
    if not errors:
        return str(exc)
    first = errors[0]
    kind = str(first.get("type", ""))
    if kind in _SHOULD_BE and "input" in first:
        return f"{first['input']!r} is not {_SHOULD_BE[kind]}"
    msg = str(first.get("msg", exc))
    # a ValueError raised in a check (Typer's choices, our callbacks) says it all by itself
    return msg.removeprefix("Value error, ")


def install() -> None:
    """Let Typer's coercion report :func:`plain_message` (where this Typer has the hook)."""
    for name in ("typer._display", "typer._coercion", "typer._param_types"):
        try:
            module = importlib.import_module(name)
        except ImportError:  # another Typer: its own messages stand
            continue
        if hasattr(module, "get_error_msg"):
            setattr(module, "get_error_msg", _escaped)  # noqa: B010 - a module Typer keeps private


def _escaped(exc: Any) -> str:
    try:
        from typer._click.utils import _escape_control_characters
    except ImportError:  # pragma: no cover - Typer without the helper
        return plain_message(exc)
    return str(_escape_control_characters(plain_message(exc)))
