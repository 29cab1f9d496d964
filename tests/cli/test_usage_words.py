"""Usage mistakes in a command-line user's words: the value typed and what it should be."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError
from typer.testing import CliRunner

from flareup.cli import app
from flareup.cli.usage_words import plain_message

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["simulate", "kashgar-2020", "--runs", "abc"], "'abc' is not a whole number"),
        (["simulate", "kashgar-2020", "--scale", "half"], "'half' is not a number"),
        (["rt", "--format", "xml"], "'xml' is not one of 'table', 'csv', 'json'"),
    ],
)
def test_bad_values_are_said_plainly(args: list[str], said: str) -> None:
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    flat = " ".join(res.output.replace("│", " ").split())
    assert said in flat, res.output
    for jargon in ("Input should be", "Value error", "unable to parse"):
        assert jargon not in flat, res.output


def test_plain_message_of_pydantic_errors() -> None:
    def first(t: object, v: object) -> ValidationError:
        try:
            TypeAdapter(t).validate_python(v)
        except ValidationError as exc:
            return exc
        raise AssertionError("no error")

    assert plain_message(first(int, "1.5")) == "'1.5' is not a whole number"
    import datetime

    assert plain_message(first(datetime.date, "2020-13-01")) == (
        "'2020-13-01' is not a date (YYYY-MM-DD)"
    )
    # other kinds keep pydantic's own message (a bound says what it is)
    from typing import Annotated

    from pydantic import Field

    bound = plain_message(first(Annotated[int, Field(ge=1)], 0))
    assert bound == "Input should be greater than or equal to 1"
