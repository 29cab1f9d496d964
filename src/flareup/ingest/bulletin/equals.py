"""Counts written with an equals sign: 'New confirmed cases = 46', 'Kenema = 1, Kono = 4'.

Situation reports typed as lists often join a label and its figure with '=' where prose
writes a colon. The extractor reads such a text as if each '=' between a word and a number
were a colon ('New confirmed cases: 46'), and maps what it found back onto the text as
written (spans, evidence and sentence are exact substrings of the original). Method: one
substitution with an offset map; nothing else reads the sign.
"""

from __future__ import annotations

import bisect

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.records import Record

#: a word or a closing bracket, the sign, then a figure ('cases = 46', 'Bo=4', 'Total (A) = 9');
#: not arithmetic between numbers ('3 + 4 = 7') nor a one-letter variable ('(n=47; 48%)')
_EQUALS = rx.compile(r"(?:(?<=[A-Za-z]{2})|(?<=[)\]]))[ \t]*=[ \t]*(?=\d)")


class Equals:
    """The text with each labelled '=' read as ': ', and the way back to the original."""

    def __init__(self, text: str) -> None:
        self.original = text
        self._at: list[int] = []  # positions in the new text where a shift starts
        self._shift: list[int] = []  # original minus new offset from there on
        if "=" not in text:
            self.text = text
            return
        parts, pos, shift = [], 0, 0
        new_len = 0
        for m in _EQUALS.finditer(text):
            parts.append(text[pos : m.start()])
            new_len += m.start() - pos
            parts.append(": ")
            new_len += 2
            shift += (m.end() - m.start()) - 2
            self._at.append(new_len)
            self._shift.append(shift)
            pos = m.end()
        parts.append(text[pos:])
        self.text = "".join(parts)

    def changed(self) -> bool:
        return bool(self._at)

    def to_original(self, pos: int) -> int:
        """The original offset of offset ``pos`` of the new text."""
        k = bisect.bisect_right(self._at, pos) - 1
        return pos + (self._shift[k] if k >= 0 else 0)

    def restore(self, records: list[Record]) -> None:
        """Put ``records`` (found in the new text) back onto the original text."""
        if not self._at:
            return
        for r in records:
            s0 = self.text.find(r.sentence, max(0, r.end - len(r.sentence))) if r.sentence else -1
            if s0 >= 0:
                a, b = self.to_original(s0), self.to_original(s0 + len(r.sentence))
                r.sentence = self.original[a:b].strip()
            r.start, r.end = self.to_original(r.start), self.to_original(r.end)
            r.evidence = self.original[r.start : r.end]
