"""The method notes' references, shipped with the package for the one-file report.

``docs/methods/*.md`` live outside the package; ``references.json`` next to this module is
extracted from them (``python -m flareup.report.references docs/methods``) and a test checks
that it still matches the notes. A note's ``## References`` list is taken as it is; a note
without one contributes each sentence that cites a paper (Vancouver style: ``2013;178:1505``),
or failing those each author-year citation (``Kerr et al. 2021``) once.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

_CITATION = re.compile(r"\b(1[89]|20)\d{2};\s?\d+")
# a sentence ends at ". " before a capital, but not after an initial ("S.") or "et al."
_AUTHOR_YEAR = re.compile(
    r"\b[A-Z][A-Za-z'-]+ (?:et al\.?|& [A-Z][A-Za-z'-]+) \(?(?:19|20)\d{2}[a-z]?"
)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!et al)(?<!\be\.g)(?<!\bi\.e)\.\s+(?=[A-Z*`(])")


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def extract(text: str) -> list[str]:
    """The references of one method note (markdown)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^##\s+References\s*$", line.strip()):
            items: list[str] = []
            for rest in lines[i + 1 :]:
                if rest.startswith("#"):
                    break
                if rest.lstrip().startswith(("- ", "* ")):
                    items.append(rest.strip()[2:].strip())
                elif rest.strip() and items:
                    items[-1] += " " + rest.strip()
            return items
    found: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        if para.lstrip().startswith(("```", "|", "#")):
            continue
        flat = " ".join(x.strip() for x in para.splitlines())
        for sentence in _SENTENCE_END.split(flat):
            if _CITATION.search(sentence):
                s = sentence.strip().lstrip("*-").strip()
                s = s if len(s) <= 400 else s[:397] + "..."
                if s not in found:
                    found.append(s)
    if not found:
        # a note citing by author and year only: list each work once, in order of mention
        for m in _AUTHOR_YEAR.finditer(text):
            cite = m.group(0).replace("(", "")
            if cite not in found:
                found.append(cite)
    return found


def from_docs(methods: Path) -> list[dict[str, Any]]:
    """Every note in ``methods`` (sorted by name): ``{note, title, items}``."""
    out = []
    for p in sorted(methods.glob("*.md")):
        text = p.read_text(encoding="utf-8")
        out.append(
            {"note": f"docs/methods/{p.name}", "title": _title(text), "items": extract(text)}
        )
    return out


def load() -> list[dict[str, Any]]:
    """The shipped references (``references.json``)."""
    text = Path(__file__).with_name("references.json").read_text(encoding="utf-8")
    data: list[dict[str, Any]] = json.loads(text)
    return data


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    methods = Path(args[0] if args else "docs/methods")
    out = Path(__file__).with_name("references.json")
    out.write_text(json.dumps(from_docs(methods), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
