"""The exception and warning tree of flareup.

::

    FlareupError
    ├── InputError              bad input: carries file, row, field, reason; may hold many problems
    ├── ConfigError             a rule, scenario or parameter file that is wrong (file, key, expected)
    ├── RegistryError           the store refused an operation (it is left unchanged)
    │   └── NotFoundError       an area, case or source that is not in the store
    ├── EstimationError         an estimate that cannot be made from the data given
    └── MissingExtraError       an optional dependency is not installed (says the pip command)

    FlareupWarning (UserWarning)
    └── DataTooThinWarning      an estimate was made but rests on too little data (EpiEstim's
                                warnings about early windows and few cases)

Every error a user can cause says what was wrong and where, in one line a person can act on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: ``scheme://user:password@`` anywhere in a text (URLs inside messages from drivers, too).
#: Greedy up to the last ``@`` before the host, so a password holding a raw ``@`` is masked whole.
_CREDENTIALS = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s'\"]*):[^/\s'\"]*@")


def mask_url(url: object) -> str:
    """A database URL with its password replaced by ``***``, for every message and log line.

    SQLAlchemy's ``URL.render_as_string(hide_password=True)`` where the URL parses; a URL that
    does not parse (the very case an error message is about) is masked by pattern instead.
    """
    text = str(url)
    try:
        from sqlalchemy.engine import make_url

        # masked again by pattern: a raw '@' in a password makes make_url split it wrongly
        return redact(make_url(text).render_as_string(hide_password=True))
    except Exception:  # an unparsable URL: mask whatever looks like user:password@
        return redact(text)


def redact(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@`` in it masked."""
    return _CREDENTIALS.sub(r"\g<head>:***@", text)


class FlareupError(Exception):
    """Base of every error flareup raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem with one piece of input.

    ``row`` is the 1-based data row of the file (the header is not counted) or ``None`` where the
    problem is with the file as a whole; ``field`` is the column or key, or ``None``.
    """

    file: str | None
    row: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file or "<input>"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: {self.reason}"


class InputError(FlareupError, ValueError):
    """Bad input. Holds one or more :class:`Problem`; the first is also on the attributes.

    Raised before anything is written, so the store is unchanged when it propagates.
    """

    def __init__(
        self,
        reason: str | None = None,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        problems: Sequence[Problem] | None = None,
        max_shown: int = 20,
    ) -> None:
        if problems is None:
            if reason is None:
                raise TypeError("InputError needs a reason or problems")
            problems = [Problem(file, row, field, reason)]
        if not problems:
            raise TypeError("InputError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0]
        self.file, self.row, self.field, self.reason = (
            first.file,
            first.row,
            first.field,
            first.reason,
        )
        lines = [str(p) for p in self.problems[:max_shown]]
        if len(self.problems) > max_shown:
            lines.append(f"... and {len(self.problems) - max_shown} more problems")
        super().__init__("\n".join(lines))

    @classmethod
    def collect(cls, problems: Iterable[Problem]) -> None:
        """Raise one InputError holding ``problems`` if there are any; else return."""
        found = list(problems)
        if found:
            raise cls(problems=found)


class ConfigError(FlareupError, ValueError):
    """A rule set, scenario or parameter file with an unknown key, a wrong type or value."""

    def __init__(self, reason: str, *, file: str | None = None, key: str | None = None) -> None:
        self.file, self.key, self.reason = file, key, reason
        where = file or "<config>"
        if key:
            where += f", key {key!r}"
        super().__init__(f"{where}: {reason}")


class RegistryError(FlareupError):
    """The store refused an operation; it is left as it was."""


class NotFoundError(RegistryError, LookupError):
    """Something asked for is not in the store (an area code, a case id, a source)."""


class EstimationError(FlareupError, ValueError):
    """An estimate cannot be made from the data given (for example, no cases at all)."""


class MissingExtraError(FlareupError, ImportError):
    """An optional dependency is missing; the message gives the exact install command."""

    def __init__(self, package: str, extra: str) -> None:
        self.package, self.extra = package, extra
        super().__init__(
            f"{package} is not installed; install it with: pip install 'flareup[{extra}]'"
        )


class FlareupWarning(UserWarning):
    """Base of flareup's warnings."""


class DataTooThinWarning(FlareupWarning):
    """An estimate was made, but rests on too little data to be trusted."""


def cannot_write(exc: OSError, path: object) -> str:
    """Why ``path`` could not be written, in words: 'cannot write: the folder out does not
    exist' where the OS says only 'No such file or directory' (a typo in a folder name is the
    usual cause; no command creates a missing folder for an output file, so none creates a
    tree from a typo either)."""
    from pathlib import Path

    parent = Path(str(path)).parent
    if not parent.is_dir() and not parent.exists():
        return f"cannot write: the folder {parent} does not exist"
    return f"cannot write: {exc.strerror or exc}"
