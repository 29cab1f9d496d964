"""Plain-text tables in bulletin text: where they are and how their cells line up.

Layout only (what the cells mean is ``table_counts``). Two layouts recur when a report's
table is pasted or scraped as text:

* one row per line: a header line of column names ('Day Confirmed cases Confirmed deaths',
  'Region | Cases | Deaths', 'District<TAB>2019<TAB>2020') above lines of a label and as many
  numbers ('Sep 1 40 1', 'Lagos | 20 | 1'); cells are split on pipes, tabs or runs of two
  spaces, else (single spaces) the numbers at the end of the line are the cells and the
  header is cut into as many column names at their head nouns;
* one cell per line (an HTML table flattened, often with a trailing '|'): a header of k
  cells, then groups of k lines, a label and k-1 numbers.

A table needs a header and at least two rows with the same number of value columns; it ends
at the first line that is no such row. Method: line scan with a regular-expression cell
grammar (no model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flareup.ingest.bulletin import rx

#: a number cell: digits with optional comma thousands ('1,318'), or a dash for an empty cell
_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
_NUM_CELL = rx.compile(rf"(?:{_NUM})")
#: a count with thousands spaced or with commas ('234 073', '16,231')
_NUM_SPACED = r"\d{1,3}(?:[ ,]\d{3})+|\d+"
#: a count and its rise in brackets with a plus sign ('1,694 (+566)', '34 (+5)')
_RISE_CELL = rx.compile(rf"(?P<n>{_NUM})\s*\(\s*\+\s*(?P<rise>{_NUM})\s*\)")
#: cells that hold no count: empty marks, and shares or rates ('12.5', '4%') of a CFR column
_EMPTY_CELL = rx.compile(r"[-–—]|n/?a|N/?A|\.\.|\d+(?:[.,]\d+)?\s?%|\d+\.\d+|\d+,\d{1,2}")
#: the head nouns and status words of a column name (a column of counts names what it counts)
_HEAD_NOUN = rx.compile(
    r"(?:cases?|deaths?|fatalities|died|dead|recover(?:ies|ed|y)|discharged?|discharges|"
    r"tests?|tested|samples?|contacts?|admissions?|admitted|hospitali[sz](?:ations?|ed)|"
    r"infections?|infected|patients?|positives?|negatives?|ICU|CFR|rate|percent(?:age)?|share|"
    r"proportion|%|\(%\))",
    re.IGNORECASE,
)
_STATUS = rx.compile(
    r"(?:confirmed|suspected|probable|new|total|cumulative|active|recovered|lab(?:oratory)?|"
    r"local|imported|daily|weekly|asymptomatic|severe|critical|current)",
    re.IGNORECASE,
)
_YEAR = rx.compile(r"(?:19|20)\d\d")
_MAX_LINE = 160
_RULE = rx.compile(r"\s*\|?(?:\s*:?[-=]{3,}:?\s*\|?)+\s*")
_MONTH_END = rx.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell: ``text == document[start:end]``; ``value`` its number (None: empty cell)."""

    start: int
    end: int
    text: str
    value: int | None
    #: the day's rise written after the count in brackets ('1,694 (+566)': 566), a cell of its own
    rise: Cell | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: the line (or lines) it spans, its label and its value cells."""

    start: int
    end: int
    label: Cell
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table: ``start``..``end`` spans header and rows; ``corner`` names the label column
    ('Year', 'District', or ''); ``columns`` the value columns; ``caption`` the title lines
    just above the header."""

    start: int
    end: int
    corner: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str
    kind: str = "table"  # 'list': label lines under a lead line (the caption), one column


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # without the line break
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _cell(line: _Line, a: int, b: int) -> Cell:
    """The cell ``line.text[a:b]`` trimmed, with its number."""
    piece = line.text[a:b]
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    start = line.start + a + lead
    value = int(body.replace(",", "")) if _NUM_CELL.fullmatch(body) else None
    if value is None and rx.fullmatch(r"\d{1,3}(?: \d{3})+", body):
        value = int(body.replace(" ", ""))  # "234 957": a cell whose thousands are spaced
    m = None if value is not None else _RISE_CELL.fullmatch(body)
    if m is not None:
        # "1,694 (+566)": a total and the day's rise
        r0 = start + m.start("rise")
        rise = Cell(
            r0, start + m.end("rise"), m.group("rise"), int(m.group("rise").replace(",", ""))
        )
        return Cell(
            start, start + m.end("n"), m.group("n"), int(m.group("n").replace(",", "")), rise
        )
    return Cell(start, start + len(body), body, value)


def _delimited(line: _Line) -> list[Cell] | None:
    """The cells of a line split on pipes, tabs or runs of 2+ spaces; None for prose."""
    t = line.text
    if "|" in t:
        sep = rx.compile(r"\|")
    elif "\t" in t:
        sep = rx.compile(r"\t+")
    elif rx.search(r"\S {2,}\S", t):
        sep = rx.compile(r" {2,}")
    else:
        return None
    cells, pos = [], 0
    for m in sep.finditer(t):
        cells.append(_cell(line, pos, m.start()))
        pos = m.end()
    cells.append(_cell(line, pos, len(t)))
    # a leading / trailing pipe opens / closes the row, no cell of its own
    while cells and not cells[-1].text:
        cells.pop()
    while cells and not cells[0].text:
        cells.pop(0)
    return cells if len(cells) >= 2 else None


def _is_value(c: Cell) -> bool:
    return c.value is not None or bool(_EMPTY_CELL.fullmatch(c.text))


def _is_label(text: str) -> bool:
    """A row label: a word, a date or a year, not a bare count."""
    return (
        bool(text)
        and len(text) <= 60
        and (
            bool(rx.search(r"[A-Za-z]", text))
            or bool(_YEAR.fullmatch(text))
            # "03/05/2021", "2021-05-03": a day written in digits
            or bool(rx.fullmatch(r"\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{2,4})?", text))
        )
    )


#: a column name's closing span ('New (last 24h)', 'Deaths (past 7 days)')
SPAN_BRACKET = rx.compile(
    r"\s*\((?:(?:last|past|previous)\s+)?\d+\s*(?:h|hrs?|hours?|days?|weeks?)\)$", re.I
)


def _is_column(text: str) -> bool:
    """A value column's name: what it counts ('Cases', 'Confirmed deaths') or a period; a
    status may carry its span in brackets ('New (last 24h)')."""
    bare = rx.sub(SPAN_BRACKET, "", text) if text.endswith(")") else text
    return bool(_HEAD_NOUN.search(text) or _STATUS.fullmatch(bare) or _YEAR.fullmatch(text))


def split_header(header: str, *, fine: bool = False) -> tuple[str, list[str]]:
    """'Day Confirmed cases Confirmed deaths' -> ('Day', ['Confirmed cases', 'Confirmed
    deaths']): the words before the first count word name the label column; each head noun
    (or a status word not followed by one; ``fine``: every status word) closes a value
    column's name."""
    words = header.split()
    first = next(
        (
            i
            for i, w in enumerate(words)
            if _HEAD_NOUN.fullmatch(w) or _STATUS.fullmatch(w) or _YEAR.fullmatch(w)
        ),
        None,
    )
    if first is None:
        return header.strip(), []
    corner = " ".join(words[:first])
    cols: list[str] = []
    cur: list[str] = []
    rest = words[first:]
    for i, w in enumerate(rest):
        if cols and not cur and rx.fullmatch(r"\(?%\)?|\(in\s*%\)", w):
            cols[-1] = f"{cols[-1]} {w}"  # "CFR (%)": the unit of the column before
            continue
        cur.append(w)
        nxt = rest[i + 1] if i + 1 < len(rest) else None
        if (
            _YEAR.fullmatch(w)
            or _HEAD_NOUN.fullmatch(w)
            or nxt is None
            or (_STATUS.fullmatch(w) and (fine or not _HEAD_NOUN.fullmatch(nxt)))
        ):
            cols.append(" ".join(cur))
            cur = []
    return corner, cols


def _spaced_row(line: _Line) -> tuple[Cell, tuple[Cell, ...]] | None:
    """A row of one value column whose count spaces its thousands ('Eastern Cape 174 176')."""
    m = rx.fullmatch(r"\s*(?P<label>\S.*?)\s+(?P<num>\d{1,3}(?: \d{3})+)\s*", line.text)
    if m is None or not _is_label(m.group("label")) or rx.search(r"\d$", m.group("label")):
        return None
    body = m.group("num")
    cell = Cell(
        line.start + m.start("num"), line.start + m.end("num"), body, int(body.replace(" ", ""))
    )
    return _cell(line, m.start("label"), m.end("label")), (cell,)


def _token_row(line: _Line, n: int) -> tuple[Cell, tuple[Cell, ...]] | None:
    """A single-spaced row: its last ``n`` tokens are numbers (or dashes), the rest a label."""
    toks = [(m.start(), m.end()) for m in rx.finditer(r"\S+", line.text)]
    if len(toks) <= n:
        return None
    cells = tuple(_cell(line, a, b) for a, b in toks[-n:])
    if not all(_is_value(c) for c in cells):
        return None
    label = _cell(line, toks[0][0], toks[-n - 1][1])
    gap = rx.search(r"[A-Za-z]{2,}\.?(?=\s\d{1,3}$)", label.text)
    if gap and rx.fullmatch(r"\d{3}", cells[0].text) and not _MONTH_END.search(gap.group(0)):
        return None  # "Lagos 1 234 12": a thousands gap, not a cell (the layout is unclear)
    if rx.search(r"\)\s\d{1,3}$", label.text) and rx.fullmatch(r"\d{3}", cells[0].text):
        # "2019 (to 19 Dec) 5 207 72": after a bracket, the counts space their thousands
        return _regrouped(line, toks, n)
    return (label, cells) if _is_label(label.text) else None


def _regrouped(
    line: _Line, toks: list[tuple[int, int]], n: int
) -> tuple[Cell, tuple[Cell, ...]] | None:
    """The row's last numeric tokens grouped into ``n`` counts whose thousands are spaced,
    where only one grouping exists ('5 207 72' in two columns: 5207, 72); None otherwise."""
    k = len(toks)
    while k > 0 and rx.fullmatch(r"\d{1,3}", line.text[toks[k - 1][0] : toks[k - 1][1]]):
        k -= 1
    nums = toks[k:]

    def parts(i: int, left: int) -> list[list[tuple[int, int]]]:
        if i == len(nums):
            return [[]] if left == 0 else []
        out = []
        j = i + 1
        while True:
            for rest in parts(j, left - 1) if left else []:
                out.append([(nums[i][0], nums[j - 1][1]), *rest])
            if j < len(nums) and len(line.text[nums[j][0] : nums[j][1]]) == 3:
                j += 1
            else:
                break
        return out

    found = parts(0, n)
    if len(found) != 1 or k == 0:
        return None
    label = _cell(line, toks[0][0], toks[k - 1][1])
    cells = []
    for a, b in found[0]:
        body = line.text[a:b]
        cells.append(Cell(line.start + a, line.start + b, body, int(body.replace(" ", ""))))
    return (label, tuple(cells)) if _is_label(label.text) else None


def _all_rows(lines: list[_Line], i: int, n: int) -> bool:
    """Whether the (at least two) lines after line ``i`` end in exactly ``n`` numbers each."""
    rows = 0
    for line in lines[i + 1 :]:
        if not line.text.strip():
            break
        got = _token_row(line, n)
        if (
            got is None
            or (
                rx.search(rf"(?:^|\s)(?:{_NUM})$", got[0].text) and not _YEAR.fullmatch(got[0].text)
            )
            # "Mar 3 12 1": the day of a date label would be read as a cell
            or _MONTH_END.search(got[0].text)
        ):
            break
        rows += 1
    return rows >= 2


def _caption(lines: list[_Line], i: int) -> str:
    """Up to two non-empty lines just above line ``i`` (within three lines): the title."""
    out: list[str] = []
    for j in range(i - 1, max(-1, i - 4), -1):
        t = lines[j].text.strip()
        # (a sentence of prose above is no title: "... including 114 related deaths.")
        # ("..., week 9 (25 February to 3 March 2019)": a title may close with its period)
        dated = rx.search(
            r"\([^()]*\d[^()]*[A-Z][a-z]{2}[^()]*\)$|\([^()]*[A-Z][a-z]{2}[^()]*\d[^()]*\)$", t
        )
        if t and len(t) <= 150 and not (len(t) > 40 and rx.search(r"[.)]$", t) and not dated):
            out.insert(0, t)
            if len(out) == 2:
                break
        elif out:
            break
    return " ".join(out)


#: a day closing a header line ('... Total cases for 27 December 2020', '... as of May 3')
_HEADER_DAY = rx.compile(
    r"\s+(?:for|as\s+(?:of|at)|on|at|to|until)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+(?:19|20)\d\d)?\s*$"
)


#: a label column of weeks' numbers ('Week', 'Epi week', 'EW')
_WEEK_CORNER = rx.compile(
    r"(?:epi(?:demiological)?\s*)?(?:week|wk|ew)(?:\s*(?:no\.?|number|#))?", re.I
)


def _row_table(lines: list[_Line], i: int) -> Table | None:
    """A table of one row per line whose header is line ``i``."""
    head = lines[i]
    if not head.text.strip() or len(head.text) > _MAX_LINE:
        return None
    cells = _delimited(head)
    if cells is not None:
        if any(c.value is not None and not _YEAR.fullmatch(c.text) for c in cells):
            return None
        names = [c.text for c in cells]
        if not all(_is_column(x) for x in names[1:]) or _is_column(names[0]):
            if not all(_is_column(x) for x in names):
                return None
            corner, cols = "", names
        else:
            corner, cols = names[0], names[1:]
    else:
        # ("Province Total cases for 27 December 2020": the day the column's counts are of)
        day = _HEADER_DAY.search(head.text)
        words = head.text[: day.start()] if day else head.text
        if rx.search(r"\d", rx.sub(_YEAR, "", words)) or rx.search(r"[.:;]\s*$", head.text):
            return None
        corner, cols = split_header(words)
        fine = split_header(words, fine=True)[1]
        if day is not None and cols:
            cols[-1] = f"{cols[-1]}{day.group(0)}"
            fine = []
        if len(fine) > len(cols) and _all_rows(lines, i, len(fine)):
            # "District Confirmed Suspected Deaths" over "Lagos 10 5 1": three columns
            cols = fine
    if not cols or not all(_is_column(c) for c in cols):
        return None
    n = len(cols)
    rows: list[Row] = []
    for line in lines[i + 1 :]:
        if not line.text.strip() or len(line.text) > _MAX_LINE:
            break
        if _RULE.fullmatch(line.text):
            continue  # "|---|---|", "-----": a rule under the header, no row
        got: tuple[Cell, tuple[Cell, ...]] | None = None
        dl = _delimited(line)
        # ("Week | Cases" over "30 | 1 200": a week's number is its row's label)
        weekly = bool(_WEEK_CORNER.fullmatch(corner)) and dl is not None
        if weekly and dl is not None and rx.fullmatch(r"\d{1,2}", dl[0].text):
            dl = [Cell(dl[0].start, dl[0].end, dl[0].text, None), *dl[1:]]
        if (
            dl is not None
            and len(dl) == n + 1
            and (_is_label(dl[0].text) or (weekly and dl[0].value is None and dl[0].text.isdigit()))
        ):
            if all(_is_value(c) for c in dl[1:]):
                got = dl[0], tuple(dl[1:])
        elif dl is None or len(dl) > n + 1:
            got = _token_row(line, n)
            if got is None and n == 1 and dl is None:
                # "Province Total cases" over "Eastern Cape 174 176": one column, spaced
                got = _spaced_row(line)
        if got is None:
            break
        rows.append(Row(line.start, line.end, got[0], got[1]))
    if len(rows) < 2:
        return None
    return Table(head.start, rows[-1].end, corner, tuple(cols), tuple(rows), _caption(lines, i))


def _cell_line(line: _Line) -> Cell | None:
    """A line holding one short cell ('2006 |', 'Deaths |', '18')."""
    # ("|Gauteng", "|713": a flattened HTML table may open each cell with its pipe)
    m = rx.fullmatch(r"\s*\|?\s*([^|\t]{1,45}?)\s*\|?\s*", line.text)
    if m is None or not m.group(1).strip():
        return None
    return _cell(line, m.start(1), m.end(1))


def _cell_table(lines: list[_Line], i: int) -> Table | None:
    """A table of one cell per line whose header starts at line ``i``: a corner name, then
    k-1 column names, then groups of k lines (a label, k-1 numbers)."""
    first = _cell_line(lines[i])
    if first is None or first.value is not None or _is_column(first.text):
        return None
    head: list[Cell] = [first]
    j = i + 1
    while j < len(lines):
        c = _cell_line(lines[j])
        if c is None or not _is_column(c.text):
            break
        if c.value is not None and (
            not _YEAR.fullmatch(c.text) or any(h.value is None for h in head[1:])
        ):
            break  # years name the columns only where all do ('District 2019 2020')
        head.append(c)
        j += 1
    k = len(head)
    if k < 2:
        return None
    rows: list[Row] = []
    while j + k <= len(lines):
        group = [_cell_line(x) for x in lines[j : j + k]]
        if any(c is None for c in group):
            break
        cells = [c for c in group if c is not None]
        if not _is_label(cells[0].text) or not all(_is_value(c) for c in cells[1:]):
            break
        rows.append(Row(lines[j].start, lines[j + k - 1].end, cells[0], tuple(cells[1:])))
        j += k
    if len(rows) < 2:
        return None
    return Table(
        lines[i].start,
        rows[-1].end,
        first.text,
        tuple(c.text for c in head[1:]),
        tuple(rows),
        _caption(lines, i),
    )


#: "Lagos: 64", "- Western Cape – 800 cases;", "Kano 50": a line of a place and its count
_NAME = r"[A-Z][\w'’.]*(?:[ -](?:[A-Z][\w'’.]*|of|and|de|del|la|el|al)){0,4}"
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"
#: "Lagos: 64", "- Western Cape – 800 cases;", "Kano 50", "Edo (50)": a place and its count
_LIST_LINE = rx.compile(
    rf"\s*(?:[-•*·]\s*)?(?P<label>{_NAME})\s*(?:[:–—-]\s*|\s|\(\s*)(?P<num>{_COUNT})\)?"
    r"(?:\s+(?P<noun>[a-z][a-z -]{0,30}?))?"
    # ("Lusaka: 3,921 (71 deaths)": a second count with its noun in brackets)
    # ("Hodeidah: 78,000 cases; 321 deaths": or after a semicolon, a comma or 'and')
    rf"(?:\s*(?:\(|[;,]|\band\b)\s*(?P<num2>{_COUNT})\s+(?P<noun2>[a-z][a-z -]{{0,20}}?)\s*\)?)?"
    r"\s*[;.,]?\s*"
)
#: "64 in Lagos", "- 12 cases in Kano Central;": the count first
_LIST_LINE_IN = rx.compile(
    rf"\s*(?:[-•*·]\s*)?(?P<num>{_COUNT})\s+(?:(?P<noun>[a-z][a-z -]{{0,30}}?)\s+)?"
    rf"(?:in|from|at)\s+(?:the\s+)?(?P<label>{_NAME})\s*[;.,]?\s*"
)
#: a lead line: it ends with a colon ('New cases by province:') or names a count noun
_LEAD = rx.compile(
    r":\s*$|\b(?:cases|deaths|infections|patients|fatalities|carriers)\b", re.IGNORECASE
)


def _list_line(text: str) -> re.Match[str] | None:
    return _LIST_LINE.fullmatch(text) or _LIST_LINE_IN.fullmatch(text)


def _pair_list(lines: list[_Line], i: int, lead: str) -> Table | None:
    """A list flattened one cell per line under a lead that ends with a colon ('The
    provincial breakdown is as follows:' over '|GAUTENG', '|713', '|WESTERN CAPE', '|462'):
    pairs of a label line and a number line, a table of kind 'list' of one column."""
    rows: list[Row] = []
    j = i + 1
    while j + 1 < len(lines):
        a, b = _cell_line(lines[j]), _cell_line(lines[j + 1])
        if a is None or b is None or b.value is None or a.value is not None:
            break
        if not _is_label(a.text) or _is_column(a.text):
            break
        rows.append(Row(lines[j].start, lines[j + 1].end, a, (b,)))
        j += 2
    if len(rows) < 2:
        return None
    return Table(lines[i].start, rows[-1].end, "", ("",), tuple(rows), lead, kind="list")


def _list_table(lines: list[_Line], i: int) -> Table | None:
    """A list of label lines ('Lagos: 64', '64 in Lagos') under a lead line ``i`` ('164 new
    cases:', 'The cases were distributed as follows:'): a table of one value column, whose
    category the lead says."""
    lead = lines[i].text.strip()
    own = _noun_rows(lines, i + 1) if i + 1 < len(lines) else None
    if own is not None:
        return own  # rows whose counts carry their own nouns: read as such
    if lead.endswith(":") and not _list_line(lines[i].text):
        pairs = _pair_list(lines, i, lead)
        if pairs is not None:
            return pairs
    if not lead or not _LEAD.search(lead) or _list_line(lines[i].text):
        return None
    rows: list[Row] = []
    for line in lines[i + 1 :]:
        m = _list_line(line.text)
        if m is None or len(line.text) > 90 or _is_column(m.group("label")):
            break
        label = _cell(line, m.start("label"), m.end("label"))
        cells = [_cell(line, m.start("num"), m.end("num"))]
        if m.groupdict().get("num2"):
            cells.append(_cell(line, m.start("num2"), m.end("num2")))
        rows.append(Row(line.start, line.end, label, tuple(cells)))
    if len(rows) < 2:
        return None
    noun = _list_line(lines[i + 1].text)
    column = noun.group("noun") or "" if noun else ""
    second = noun.groupdict().get("noun2") if noun else None
    if second and all(len(r.cells) == 2 for r in rows):
        # "Lusaka: 3,921 (71 deaths)" on every line: a second column, named by its noun
        return Table(
            lines[i].start, rows[-1].end, "", (column, second), tuple(rows), lead, kind="list"
        )
    rows = [Row(r.start, r.end, r.label, r.cells[:1]) for r in rows]
    return Table(lines[i].start, rows[-1].end, "", (column,), tuple(rows), lead, kind="list")


#: an item of a list written on one line after a lead: "Bac Giang 98", "Almaty 3,429 (+39)",
#: "Lagos – 35 cases"
_INLINE_ITEM = rx.compile(
    # ("Kasese (3)": the count in brackets)
    rf"(?P<label>{_NAME})\s*(?:[:–—-]\s*|\s|\((?=\s*\d[\d,]*\s*\)))\s*(?P<num>{_COUNT})\)?"
    rf"(?:\s*\(\s*\+\s*(?P<delta>{_COUNT})\s*\))?"
    r"(?:\s+(?:new\s+)?(?:cases?|deaths?|infections?))?(?=\s*(?:[,;.]|\band\b|$))"
)
_INLINE_SEP = rx.compile(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)")
#: dates and years in a lead ("on 14 August", "as of Aug. 14, 2022"): no count of its own
_LEAD_DATE = rx.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b(?:19|20)\d\d\b|\b(?:24|48|72)\s+hours\b|\b(?:COVID|H\d+N)-?\d+\b"
)


def inline_list(sentence: str, offset: int = 0) -> Table | None:
    """A list of places each with its count written on one line after a lead that holds no
    count ('New local cases on Wednesday: Bac Giang 98, Bac Ninh 40, Hanoi 12.', 'Cases by
    city: Almaty 3,429 (+39), Shymkent 2,100 (+12)'), as a table of kind 'list' whose caption
    is the lead (columns: the count, and the day's rise where a '(+N)' follows it); None for
    any other sentence. ``offset``: where the sentence starts in the text."""
    colon = sentence.rfind(":")
    if colon < 0:
        return None
    lead = sentence[:colon]
    if not _LEAD.search(lead) or rx.search(r"\d", _LEAD_DATE.sub(" ", lead)):
        return None
    rows: list[Row] = []
    pos = colon + 1
    while True:
        gap = rx.match(r"\s*", sentence[pos:])
        start = pos + (gap.end() if gap else 0)
        m = _INLINE_ITEM.match(sentence, start)
        if m is None:
            return None
        line = _Line(offset, offset + len(sentence), sentence)
        cells = [_cell(line, m.start("num"), m.end("num"))]
        if m.group("delta"):
            cells.append(_cell(line, m.start("delta"), m.end("delta")))
        label = _cell(line, m.start("label"), m.end("label"))
        rows.append(Row(offset + m.start(), offset + m.end(), label, tuple(cells)))
        sep = _INLINE_SEP.match(sentence, m.end())
        if sep is None:
            break
        pos = sep.end()
    if len(rows) < 2 or not rx.fullmatch(r"\s*\.?\s*", sentence[rows[-1].end - offset :]):
        return None
    deltas = {len(r.cells) for r in rows}
    columns = ("", "+") if deltas == {2} else ("",)
    if len(deltas) > 1:
        return None  # some items with the day's rise, some without: not one table
    return Table(offset, offset + len(sentence), "", columns, tuple(rows), lead, kind="inline")


#: a line of a statistics box: a total and, in brackets, its rise ('234 073 confirmed (24 247)',
#: '16,231 deaths (1,722 new)')
_BOX_LINE = rx.compile(
    rf"\s*(?P<num>{_NUM_SPACED})\s+(?P<noun>[a-z][a-z -]{{1,30}}?)\s*"
    rf"\(\s*(?P<rise>{_NUM_SPACED})(?P<new>\s+new)?\s*\)\s*"
)
#: the box's legend: its bracketed figures are the new ones ('total (new) cases in last 24 hours')
_BOX_LEGEND = rx.compile(r"\(\s*new\b|\bnew\)", re.IGNORECASE)


#: a value column's name inside a header written over several lines ('Total confirmed ‡ cases',
#: 'Total confirmed new cases', 'Total deaths', 'Total new')
_STACKED_COLUMN = rx.compile(
    r"\b(?:(?:total|cumulative)\s+)?(?:(?:confirmed|suspected|probable)\s+)?(?:new\s+)?"
    r"(?:cases|deaths)\b|\b(?:total\s+)?new\b",
    re.IGNORECASE,
)
#: a row of such a table: a label (or none, where it stands on the line above), the counts,
#: then what the columns after them say in words ('Local transmission 0')
_STACKED_ROW = rx.compile(
    r"\s*(?P<label>[A-Za-z][^\d]*?)?\s*(?P<nums>\d+(?:\s+\d+)+?)"
    r"(?P<tail>\s+[A-Za-z][^\d]*(?:\s+\d+)?)?\s*"
)


def _stacked_table(lines: list[_Line], i: int) -> Table | None:
    """A table whose header is written over one or several lines, as a report's table reads when
    it is pasted from a PDF ('Reporting Country/ Territory/Area Total confirmed' / '‡ cases' / 'Total
    confirmed' / 'new cases1' / 'Total deaths Total new' / 'Transmission classification§ ...'),
    over rows of a label, one count per value column and words for the columns after them
    ('China 81174 58 3242 11 Local transmission 0'; on one line, the words after the counts
    keep the header's other readers from it). A label on its own line is the next row's
    ('Republic of Korea' over '8413 93 84 3 ...'); a line of words before a labelled row heads
    a group ('Western Pacific Region'); a row whose label the copy lost is left out. The value
    columns are the header's count names in order; a name without its noun ('Total new') takes
    the noun of the name before it, and 'total' before 'new' is dropped ('Total confirmed new
    cases': the new ones)."""
    block: list[_Line] = []
    j = i
    while j < len(lines) and len(block) < 8:
        t = lines[j].text.strip()
        # (footnote digits glued to a word, 'cases1', are no counts)
        if not t or rx.search(r"(?<![A-Za-z])\d", t) or rx.search(r"[.;:]$", t):
            break
        if block and rx.search(r"[\t|]", lines[j].text + block[0].text):
            break  # (a header split by tabs or pipes is one line: the two-line kind is grouped)
        block.append(lines[j])
        j += 1
    if not block:
        return None
    words = rx.sub(r"(?<=[A-Za-z])\d+\b|[‡§†*¹²³]", " ", " ".join(x.text for x in block))
    names = [m.group(0) for m in _STACKED_COLUMN.finditer(words)]
    if len(names) < 2 or not rx.search(r"\b(?:cases|deaths)\b", words, re.IGNORECASE):
        return None
    cols: list[str] = []
    for name in names:
        low = name.lower()
        if "new" in low:
            low = rx.sub(r"^(?:total|cumulative)\s+", "", low)
        if not rx.search(r"cases|deaths", low):
            noun = rx.search(r"cases|deaths", cols[-1]) if cols else None
            if noun is None:
                return None
            low = f"{low} {noun.group(0)}"
        cols.append(low)
    k = len(cols)
    # the header ends where the rows begin: take back the lines of the block that are labels
    rows: list[Row] = []
    pending: _Line | None = None
    for line in lines[i + 1 :]:
        t = line.text.strip()
        if not t:
            break
        m = _STACKED_ROW.fullmatch(line.text)
        if m is None or len(m.group("nums").split()) != k:
            if m is None and not rx.search(r"\d", t) and len(t) <= 60 and line not in block:
                pending = line  # a group's heading or the next row's label
                continue
            if line in block:
                continue
            break
        nums = [(x.start(), x.end()) for x in rx.finditer(r"\d+", m.group("nums"))]
        base = m.start("nums")
        cells = tuple(_cell(line, base + a, base + b) for a, b in nums)
        if m.group("label"):
            label = _cell(line, m.start("label"), m.end("label"))
        elif pending is not None:
            label = _cell(pending, 0, len(pending.text))
        else:
            pending = None
            continue  # a row whose label the copy lost
        start = pending.start if pending is not None and not m.group("label") else line.start
        rows.append(Row(start, line.end, label, cells))
        pending = None
    if len(rows) < 2 or rows[0].start < block[-1].end:
        return None
    return Table(block[0].start, rows[-1].end, "", tuple(cols), tuple(rows), _caption(lines, i))


#: a count with its own noun inside a row ('1413 total cases', '2 new deaths', 'no new cases')
_OWN_ITEM = rx.compile(
    rf"(?P<num>{_NUM}|no)\s+(?P<noun>(?:[a-z]+\s+){{0,2}}?(?:cases?|deaths?|recoveries|"
    r"recovered|tests?|infections?|fatalities))\b"
)
_OWN_ROW = rx.compile(
    rf"\s*(?:[-•*·]\s*)?(?P<label>{_NAME}(?:,\s+{_NAME})?)\s*[:–—-]\s*(?P<items>.+?)\s*[;.]?\s*"
)


def _own_items(items: str) -> list[re.Match[str]] | None:
    """The counts of a row's items ('1413 total cases - 134 new cases, 2 new deaths'), each
    with its noun and nothing else between them but separators; None otherwise."""
    out, pos = [], 0
    for m in _OWN_ITEM.finditer(items):
        if not rx.fullmatch(
            r"\s*(?:[-–—,;]|\band\b|including)?\s*(?:including\s+)?", items[pos : m.start()]
        ):
            return None
        out.append(m)
        pos = m.end()
    if not out or items[pos:].strip(" ,;."):
        return None
    return out


def _noun_rows(lines: list[_Line], i: int) -> Table | None:
    """Rows of a place and counts that each carry their own noun ('Western Cape - 1413 total
    cases - 134 new cases, 2 new deaths', 'North West - 25 total cases - no new cases'),
    at least two lines, one of them with two counts or more: a table of kind 'nouns' whose
    row cells are the counts ('no': 0) followed by their nouns (cells without a value)."""
    rows: list[Row] = []
    several = False
    for line in lines[i:]:
        m = _OWN_ROW.fullmatch(line.text)
        items = _own_items(m.group("items")) if m else None
        if m is None or items is None or len(line.text) > 120:
            break
        base = m.start("items")
        cells: list[Cell] = []
        for it in items:
            a, b = base + it.start("num"), base + it.end("num")
            value = 0 if it.group("num") == "no" else int(it.group("num").replace(",", ""))
            cells.append(Cell(line.start + a, line.start + b, it.group("num"), value))
        for it in items:
            a, b = base + it.start("noun"), base + it.end("noun")
            cells.append(Cell(line.start + a, line.start + b, it.group("noun"), None))
        several = several or len(items) > 1
        label = _cell(line, m.start("label"), m.end("label"))
        rows.append(Row(line.start, line.end, label, tuple(cells)))
    if len(rows) < 2 or not several:
        return None
    return Table(rows[0].start, rows[-1].end, "", (), tuple(rows), _caption(lines, i), kind="nouns")


_KEY_COUNT = rx.compile(
    rf"\s*(?P<num>{_NUM_SPACED})\s+(?P<noun>(?:[A-Za-z]+\s+)?(?:cases?|deaths?|Cases?|Deaths?))\s*"
)
_KEY_CFR = rx.compile(r"\s*\d+(?:[.,]\d+)?\s*%\s*(?:CFR|case\s+fatality\s+(?:rate|ratio))\s*", re.I)


def _key_figures(lines: list[_Line], i: int) -> Table | None:
    """An event's key figures, as a weekly bulletin boxes them: a heading naming the disease
    and the place ('Cholera Malawi'), then a line per total ('54 014 cases', '1 660 Deaths')
    and the case fatality ratio ('3.1% CFR'), which makes them the event's totals. A table of
    kind 'keys': each row the heading and the cells count and noun (a cell without a value)."""
    head = lines[i].text.strip()
    if (
        not head
        or len(head) > 60
        or rx.search(r"\d|[.:;,]$", head)
        or not rx.search(r"[A-Z]", head)
    ):
        return None
    rows: list[Row] = []
    label = _cell(lines[i], 0, len(lines[i].text))
    cfr = False
    for line in lines[i + 1 : i + 9]:
        if not line.text.strip():
            continue
        if _KEY_CFR.fullmatch(line.text):
            cfr = True
            break
        m = _KEY_COUNT.fullmatch(line.text)
        if m is None:
            break
        num = _spaced(line, m.start("num"), m.end("num"))
        noun = Cell(line.start + m.start("noun"), line.start + m.end("noun"), m.group("noun"), None)
        rows.append(Row(line.start, line.end, label, (num, noun)))
    if len(rows) < 2 or not cfr:
        return None
    return Table(lines[i].start, rows[-1].end, "", (), tuple(rows), head, kind="keys")


#: the label of a line of laboratory results ('Samples tested: 1,204', 'Positive: 37')
_LAB_KEY = rx.compile(
    r"(?:(?:total\s+)?(?:samples?|specimens?|tests?)\s+(?:tested|collected|received|processed|"
    r"analy[sz]ed|conducted|done)|(?:samples?\s+|specimens?\s+|tests?\s+)?tested|"
    r"(?:samples?\s+|specimens?\s+|tests?\s+)?(?:positive|negative)(?:\s+(?:samples?|"
    r"specimens?|results?|tests?))?|(?:results?\s+)?pending|awaiting\s+results?|inconclusive)",
    re.IGNORECASE,
)
_LAB_LINE = rx.compile(
    rf"\s*(?:[-•*·]\s*)?(?P<label>[A-Za-z][A-Za-z ]{{1,40}}?)\s*[:=–-]\s*(?P<num>{_NUM})\s*"
)


def _lab_lines(lines: list[_Line], i: int) -> Table | None:
    """Laboratory results as lines of a label and a count ('Samples tested: 1,204',
    'Positive: 37', 'Negative: 1,160', 'Pending: 7'), at least two, one of them positive or
    negative: a table of kind 'lab' whose rows' labels say what is counted (a sample still
    pending is no count, SCHEMA.md)."""
    rows: list[Row] = []
    for line in lines[i:]:
        m = _LAB_LINE.fullmatch(line.text)
        if m is None or not _LAB_KEY.fullmatch(m.group("label").strip()):
            break
        label = _cell(line, m.start("label"), m.end("label"))
        rows.append(Row(line.start, line.end, label, (_cell(line, m.start("num"), m.end("num")),)))
    if len(rows) < 2 or not any(rx.search(r"(?i)positive|negative", r.label.text) for r in rows):
        return None
    return Table(rows[0].start, rows[-1].end, "", (), tuple(rows), _caption(lines, i), kind="lab")


def _spaced(line: _Line, a: int, b: int) -> Cell:
    """A number cell whose thousands may be spaced ('234 073')."""
    body = line.text[a:b]
    return Cell(line.start + a, line.start + b, body, int(rx.sub(r"[ ,]", "", body)))


def _box_table(lines: list[_Line], i: int) -> Table | None:
    """A statistics box ('SITUATION IN NUMBERS'): heading lines that name a place ('Globally',
    'European Region') over lines of a total and its rise in brackets ('234 073 confirmed
    (24 247)'); the brackets hold new counts where they say so ('(1,722 new)') or the box's
    legend does ('total (new) cases'). A table of kind 'box': each row a heading (empty where
    none) and the cells total, rise and the count's noun (a cell without a value)."""
    above = " ".join(x.text for x in lines[max(0, i - 4) : i])
    legend = bool(_BOX_LEGEND.search(above))
    rows: list[Row] = []
    heading: Cell | None = None
    j = i
    while j < len(lines):
        line = lines[j]
        t = line.text.strip()
        j += 1
        if not t:
            continue
        m = _BOX_LINE.fullmatch(line.text)
        if m is None:
            if len(t) <= 40 and not rx.search(r"\d", t) and _is_label(t):
                heading = _cell(line, 0, len(line.text))  # "Globally", "European Region"
                legend = legend or bool(_BOX_LEGEND.search(t))
                continue
            break
        if not (legend or m.group("new")):
            break
        cells = (
            _spaced(line, m.start("num"), m.end("num")),
            _spaced(line, m.start("rise"), m.end("rise")),
            Cell(line.start + m.start("noun"), line.start + m.end("noun"), m.group("noun"), None),
        )
        label = heading or Cell(line.start, line.start, "", None)
        rows.append(Row(line.start, line.end, label, cells))
    if len(rows) < 2:
        return None
    first = rows[0].label.start if rows[0].label.text else rows[0].start
    return Table(first, rows[-1].end, "", ("", "new", ""), tuple(rows), above, kind="box")


_BOX_ITEM = rx.compile(
    rf"(?P<num>{_NUM_SPACED})\s+(?P<noun>confirmed(?:\s+cases)?|cases|deaths)\s*"
    rf"\(\s*(?P<rise>{_NUM_SPACED})(?P<new>\s+new)?\s*\)"
)


def inline_box(sentence: str, offset: int = 0) -> Table | None:
    """A statistics box run into one line, as a PDF's box reads when pasted ('SITUATION IN
    NUMBERS total (new cases in last 24 hours) Globally 1 844 863 confirmed (71 779) 117 021
    deaths (5369) European Region 943 272 confirmed (29 923) ...'): a table of kind 'box' whose
    rows' labels are the words before each item (the place, where they name one); None unless
    the brackets say 'new' or the legend before the first item does, and every other number
    of the sentence is a day, a year or the legend's hours."""
    items = list(_BOX_ITEM.finditer(sentence))
    if len(items) < 2:
        return None
    legend = bool(_BOX_LEGEND.search(sentence[: items[0].start()]))
    if not legend and not all(m.group("new") for m in items):
        return None
    rest = sentence
    for m in reversed(items):
        rest = rest[: m.start()] + " " + rest[m.end() :]
    rest = _LEAD_DATE.sub(" ", rest)
    if rx.search(r"\d", rx.sub(r"\b(?:in\s+)?(?:the\s+)?(?:last|past)\s+24\s+hours\b", " ", rest)):
        return None
    line = _Line(offset, offset + len(sentence), sentence)
    rows: list[Row] = []
    prev = 0
    label: Cell | None = None
    for m in items:
        gap = sentence[prev : m.start()].strip(" \t\n•·*-–—:;,")
        if gap and not rx.fullmatch(r"[\W_]*", gap):
            a = sentence.index(gap, prev)
            label = _cell(line, a, a + len(gap))
        cells = (
            _spaced(line, m.start("num"), m.end("num")),
            _spaced(line, m.start("rise"), m.end("rise")),
            Cell(offset + m.start("noun"), offset + m.end("noun"), m.group("noun"), None),
        )
        rows.append(
            Row(offset, offset + len(sentence), label or Cell(offset, offset, "", None), cells)
        )
        prev = m.end()
    return Table(offset, offset + len(sentence), "", ("", "new", ""), tuple(rows), "", kind="box")


def find_tables(text: str) -> list[Table]:
    """Every plain-text table in ``text`` (text order, not overlapping)."""
    if not rx.search(r"\n[^\n]*\d[^\n]*\n[^\n]*\d", text):
        return []  # fewer than two lines with a digit: no table (keeps prose texts fast)
    lines = _lines(text)
    out: list[Table] = []
    i = 0
    while i < len(lines) - 2:
        t = (
            _row_table(lines, i)
            or _lab_lines(lines, i)
            or _cell_table(lines, i)
            or _noun_rows(lines, i)
            or _list_table(lines, i)
            or _box_table(lines, i)
            or _stacked_table(lines, i)
            or _key_figures(lines, i)
        )
        if t is None:
            i += 1
            continue
        out.append(t)
        # (a list's lead line is prose, read as such: its rows start the list)
        start = t.rows[0].start if t.kind == "list" else t.start
        out[-1] = Table(start, t.end, t.corner, t.columns, t.rows, t.caption, t.kind)
        while i < len(lines) and lines[i].start <= t.end:
            i += 1
    return out
