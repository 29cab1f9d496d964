"""Does a learned filter over the rule extractor's records help on unseen text? (issue 10)

A regularised logistic regression (L2-penalised log-likelihood minimised with scipy's L-BFGS)
predicts from features of a record and its text alone whether the record is correct (its
(date, place, category, value) tuple is in gold, strict scorer matching); records below a
threshold are dropped. To learn what errors look like on *unseen* text, it is trained only on
"unseen-state" predictions, made by an extractor that had not been tuned on the split yet:

- train: commit f34e537 (the start of the dev5 round) on dev5, dev6 (then ``val/``) and dev7
  (then the sealed ``heldout/``);
- test: commit a05f306 on dev8 (then the sealed ``heldout/``, scored there and opened after).

The penalty strength and the threshold are chosen on the training data alone, by 5-fold
cross-validation grouped by document (repeated ``--repeats`` times, the curves averaged); dev8
is scored once with the chosen model, with and without the filter, and the gain gets a
percentile bootstrap over dev8's documents. A second model, trained the same way, re-types a
record as the other member of its flow/stock pair (``confirmed_new`` <-> ``confirmed_cumulative``
...), the commonest confusion, where it is confident.

    PYTHONPATH=src python benchmarks/bulletin_filter_experiment.py [--work DIR] [--seed 0]

Result (2026-12-06): no gain on dev8 (strict tuple F1 0.766 either way; docs/methods/bulletin.md),
so nothing of it is in the extractor.

The old extractors are taken from git history (``git archive``, no checkout) into ``--work``
and run on copies of today's split folders; labels and scores reuse the corpus scorer's own
matching functions (tests/data/bulletins/scorer/score.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import scipy.optimize

import score_bulletins  # a sibling script: benchmarks/ is on the path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "bulletins"
SCORER = CORPUS / "scorer" / "score.py"

#: (commit, split) pairs whose predictions were made before the split was tuned on.
TRAIN = (("f34e537", "dev5"), ("f34e537", "dev6"), ("f34e537", "dev7"))
TEST = (("a05f306", "dev8"),)

Rec = dict[str, Any]


def load_scorer() -> ModuleType:
    """The corpus's copy of the scorer (score_bulletins.load_scorer)."""
    return score_bulletins.load_scorer(SCORER)


# ---------------------------------------------------------------------------------------------
# unseen-state predictions from git history


def old_predictions(commit: str, split: str, work: Path) -> Path:
    """Run the extractor of ``commit`` on a copy of today's ``split`` folder; the folder of
    its predictions (kept in ``work`` and reused)."""
    out = work / "pred" / commit / split
    if out.is_dir() and any(out.glob("*.json")):
        return out
    code = work / "code" / commit
    if not (code / "src").is_dir():
        code.mkdir(parents=True, exist_ok=True)
        arch = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "src", "benchmarks"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=arch, check=True)
    texts = work / "splits" / split
    if not texts.is_dir():
        shutil.copytree(CORPUS / split, texts)
    prog = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
        "from score_bulletins import predict_folder; "
        "predict_folder(Path(sys.argv[2]), Path(sys.argv[3]))"
    )
    subprocess.run(
        [sys.executable, "-c", prog, str(code / "benchmarks"), str(texts), str(out)],
        check=True,
        env={"PYTHONPATH": str(code / "src"), "PATH": "/usr/bin:/bin"},
    )
    return out


@dataclass
class Doc:
    """One text with its predicted records (as the scorer loads them) and its gold."""

    split: str
    stem: str
    text: str
    published: str | None
    pred: list[Rec]
    gold: list[Rec]
    label_tuple: list[bool] = field(default_factory=list)
    label_pair: list[bool] = field(default_factory=list)


def load_docs(pred_dir: Path, split: str, score: ModuleType) -> list[Doc]:
    docs = []
    for gf in sorted((CORPUS / split).glob("*.json")):
        meta = json.loads(gf.read_text(encoding="utf-8")).get("meta", {})
        pf = pred_dir / gf.name
        pred = score.load_records(str(pf)) if pf.exists() else []
        gold = score.load_records(str(gf))
        d = Doc(
            split,
            gf.stem,
            gf.with_suffix(".txt").read_text(encoding="utf-8"),
            meta.get("published"),
            pred,
            gold,
        )
        for p in pred:
            pair = [
                g
                for g in gold
                if p["value"] == g["value"] and score.cat_ok(p.get("category"), g, False)
            ]
            d.label_pair.append(bool(pair))
            d.label_tuple.append(any(score.date_ok(p, g) and score.place_ok(p, g) for g in pair))
        docs.append(d)
    return docs


#: Flow and stock members of one family: the commonest confusion of unseen text.
SWAP = {
    "confirmed_new": "confirmed_cumulative",
    "deaths_new": "deaths_cumulative",
    "recovered_new": "recovered_cumulative",
    "imported_new": "imported_cumulative",
    "asymptomatic_new": "asymptomatic_cumulative",
    "asymptomatic_released_new": "asymptomatic_released_cumulative",
}
SWAP |= {v: k for k, v in SWAP.items()}


def swapped(p: Rec) -> Rec:
    return dict(p, category=SWAP.get(str(p.get("category")), p.get("category")))


def swap_labels(doc: Doc, score: ModuleType) -> list[bool]:
    """Whether the record is pair-wrong but its flow/stock twin is pair-right."""
    out = []
    for p, ok in zip(doc.pred, doc.label_pair, strict=True):
        twin = SWAP.get(str(p.get("category")))
        out.append(
            not ok
            and twin is not None
            and any(p["value"] == g["value"] and score.cat_ok(twin, g, False) for g in doc.gold)
        )
    return out


# ---------------------------------------------------------------------------------------------
# scoring with the scorer's own matching


def doc_counts(
    doc: Doc, keep: Sequence[bool], score: ModuleType, swap: Sequence[bool] | None = None
) -> tuple[int, int, int, int]:
    """(tp_pair, tp_tuple, n_pred, n_gold) of one text, strict mode, keeping ``keep`` and
    turning the records marked in ``swap`` into the other member of their flow/stock pair."""
    recs = (
        doc.pred
        if swap is None
        else [swapped(p) if w else p for p, w in zip(doc.pred, swap, strict=True)]
    )
    pred = score.dedup([p for p, k in zip(recs, keep, strict=True) if k])
    gold = doc.gold

    def ok_pair(i: int, j: int) -> bool:
        return bool(
            pred[i]["value"] == gold[j]["value"]
            and score.cat_ok(pred[i].get("category"), gold[j], False)
        )

    def ok_tuple(i: int, j: int) -> bool:
        return ok_pair(i, j) and bool(
            score.date_ok(pred[i], gold[j]) and score.place_ok(pred[i], gold[j])
        )

    tp_pair = score.max_matching(len(pred), len(gold), ok_pair)
    tp_tuple = score.max_matching(len(pred), len(gold), ok_tuple)
    return tp_pair, tp_tuple, len(pred), len(gold)


def f1(tp: float, n_pred: float, n_gold: float) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def totals(rows: np.ndarray) -> dict[str, float]:
    tp_pair, tp_tuple, n_pred, n_gold = rows.sum(axis=0)
    return {
        "tuple_f1": f1(tp_tuple, n_pred, n_gold),
        "tuple_p": tp_tuple / n_pred if n_pred else 0.0,
        "tuple_r": tp_tuple / n_gold,
        "pair_f1": f1(tp_pair, n_pred, n_gold),
        "n_pred": float(n_pred),
        "n_gold": float(n_gold),
    }


# ---------------------------------------------------------------------------------------------
# features: the record and its text only (the same for any extractor version)

CUES: dict[str, str] = {
    "total": r"\btotal\b|\boverall\b|\baltogether\b|累计",
    "new": r"\bnew(?:ly)?\b|\badditional\b|\bmore\b|新增",
    "cumulative": r"\bcumulative(?:ly)?\b|\baccumulated\b|\bto date\b",
    "since": r"\bsince\b|\bso far\b|\bthus far\b|\bsince the (?:start|beginning|onset)\b",
    "including": r"\binclud(?:ing|es|ed)\b|\bof (?:whom|which|them)\b|\bamong (?:them|whom)\b|其中",
    "compare": r"\bcompared\b|\bprevious(?:ly)?\b|\bearlier\b|\bfrom\b.{0,30}\bto\b|\bup from\b|\bdown from\b",
    "day": r"\btoday\b|\byesterday\b|\bmonday\b|\btuesday\b|\bwednesday\b|\bthursday\b|\bfriday\b|\bsaturday\b|\bsunday\b|\b24 hours\b",
    "week": r"\bweek\b|\bepi(?:demiological)? week\b|\bmonth\b",
    "year": r"\b(?:19|20)\d\d\b",
    "death": r"\bdeaths?\b|\bdied\b|\bdead\b|\bfatal|\btoll\b|死亡",
    "recovered": r"\brecover|\bdischarged\b|治愈|出院",
    "suspected": r"\bsuspected\b|\bprobable\b|疑似",
    "active": r"\bactive\b|\bremain(?:ing|s)?\b|\bstill\b|\bunder (?:treatment|observation)\b|现有",
    "local": r"\blocal(?:ly)?\b|\bcommunity\b|本土",
    "imported": r"\bimported\b|\boverseas\b|\barriv|\bfrom outside\b|境外输入",
    "asymptomatic": r"\basymptomatic\b|无症状",
    "contacts": r"\bcontacts?\b|密切接触",
    "tested": r"\btest(?:s|ed|ing)?\b|\bsamples?\b",
    "rate": r"%|\bper ?cent\b|\brate\b|\bper\b|\bratio\b",
    "hedge": r"\babout\b|\baround\b|\bnearly\b|\bover\b|\bmore than\b|\bat least\b|\bapproximately\b|\bsome\b",
    "places": r"\bcountries\b|\bprovinces\b|\bdistricts\b|\bcities\b|\bcounties\b|\bstates\b|\bregions\b|\bhospitals\b",
    "age": r"\baged?\b|\byears? old\b|\bchildren\b|\bwomen\b|\bmen\b|\bhealth (?:care )?workers?\b",
    "said": r"\bsaid\b|\baccording to\b|\breported\b|\bannounced\b|\bconfirmed\b",
}
_CUE_RE = {k: re.compile(v, re.IGNORECASE) for k, v in CUES.items()}
_NUM = re.compile(r"\d[\d,. ]*\d|\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
WINDOW = 60  # characters either side of the evidence


def _day(s: str | None) -> dt.date | None:
    if not s or len(s) != 10:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).strip()


def feature_names(categories: Sequence[str]) -> list[str]:
    names = [f"cat={c}" for c in categories] + ["cat=other", "cat_flow"]
    names += ["qual=exact", "qual=at_least", "qual=about", "qual=other", "population", "range"]
    names += [
        "date_none",
        "date_pub",
        "date_pub-1",
        "date_before",
        "date_after",
        "date_partial",
        "period_start",
        "place_none",
        "place_text_differs",
        "place_text_in_sentence",
        "place_is_doc_mode",
        "log_doc_places",
    ]
    names += [
        "log_value",
        "zero",
        "word_number",
        "sep_number",
        "round_1000",
        "year_like",
        "in_brackets",
    ]
    names += [
        "pos",
        "first_line",
        "log_sent_records",
        "log_doc_records",
        "value_repeats",
        "mention_repeats",
        "log_sent_numbers",
        "log_sent_len",
        "zh",
    ]
    names += [f"near:{k}" for k in CUES] + [f"sent:{k}" for k in CUES]
    return names


def doc_features(doc: Doc, categories: Sequence[str]) -> np.ndarray:
    """One row of :func:`feature_names` per predicted record of ``doc``."""
    cat_ix = {c: i for i, c in enumerate(categories)}
    text, pub = doc.text, _day(doc.published)
    places = Counter(_norm(p.get("place")) for p in doc.pred if p.get("place"))
    mode_place = places.most_common(1)[0][0] if places else ""
    sent_n = Counter(p.get("sentence", "") for p in doc.pred)
    values = Counter(p["value"] for p in doc.pred)
    first_nl = text.find("\n") if "\n" in text else len(text)
    zh = float(len(_CJK.findall(text[:5000])) > 20)
    rows = []
    for p in doc.pred:
        cat = str(p.get("category"))
        f: list[float] = [0.0] * (len(categories) + 1)
        f[cat_ix.get(cat, len(categories))] = 1.0
        f.append(
            float(
                cat.endswith("_new") or cat in ("reclassified", "contacts_released", "correction")
            )
        )
        q = p.get("qualifier", "exact")
        f += [
            float(q == "exact"),
            float(q == "at_least"),
            float(q == "about"),
            float(q not in ("exact", "at_least", "about")),
        ]
        f += [float(bool(p.get("population"))), float(p.get("value_max") is not None)]
        date, day = p.get("date"), _day(p.get("date"))
        f += [
            float(date is None),
            float(day is not None and day == pub),
            float(day is not None and pub is not None and day == pub - dt.timedelta(days=1)),
            float(day is not None and pub is not None and day < pub - dt.timedelta(days=1)),
            float(day is not None and pub is not None and day > pub),
            float(date is not None and day is None),
            float(bool(p.get("period_start"))),
        ]
        sent = str(p.get("sentence", ""))
        pt = p.get("place_text")
        f += [
            float(not p.get("place")),
            float(bool(pt) and _norm(pt) != _norm(p.get("place"))),
            float(bool(pt) and str(pt).lower() in sent.lower()),
            float(bool(p.get("place")) and _norm(p.get("place")) == mode_place),
            math.log1p(len(places)),
        ]
        v = int(p["value"])
        mention = str(p.get("mention", ""))
        start, end = int(p.get("start", 0)), int(p.get("end", 0))
        f += [
            math.log10(v + 1),
            float(v == 0),
            float(not any(ch.isdigit() for ch in mention)),
            float(bool(re.search(r"\d[, ]\d", mention))),
            float(v >= 1000 and v % 1000 == 0),
            float(1900 <= v <= 2030),
            float(start > 0 and text[start - 1 : start] == "("),
        ]
        f += [
            start / max(len(text), 1),
            float(start < first_nl),
            math.log(sent_n[sent]),
            math.log1p(len(doc.pred)),
            math.log(values[v]),
            math.log1p(text.count(mention)) if mention else 0.0,
            math.log1p(len(_NUM.findall(sent))),
            math.log1p(len(sent)),
            zh,
        ]
        near = text[max(0, start - WINDOW) : end + WINDOW]
        f += [float(bool(r.search(near))) for r in _CUE_RE.values()]
        f += [float(bool(r.search(sent))) for r in _CUE_RE.values()]
        rows.append(f)
    return np.asarray(rows, dtype=float).reshape(len(rows), -1)


# ---------------------------------------------------------------------------------------------
# L2-penalised logistic regression (L-BFGS)


@dataclass
class Logit:
    """Standardised features, intercept unpenalised; ``coef`` on the standardised scale."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def prob(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


def fit_logit(x: np.ndarray, y: np.ndarray, lam: float) -> Logit:
    """Minimise sum(log-loss) + lam/2 |w|^2 over (w, b)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale

    def fg(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        s = z @ w + b
        # log(1 + exp(s)) - y s, stably
        loss = float(np.sum(np.logaddexp(0.0, s) - y * s) + 0.5 * lam * w @ w)
        r = 1.0 / (1.0 + np.exp(-s)) - y
        return loss, np.concatenate([z.T @ r + lam * w, [r.sum()]])

    res = scipy.optimize.minimize(fg, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B")
    return Logit(mean, scale, res.x[:-1], float(res.x[-1]))


def folds(n_docs: int, k: int, rng: np.random.Generator) -> np.ndarray:
    return np.asarray(rng.permutation(np.arange(n_docs) % k))


def oof_probs(
    xs: list[np.ndarray], ys: list[np.ndarray], fold_of: np.ndarray, lam: float
) -> list[np.ndarray]:
    """Out-of-fold probabilities, folds over documents."""
    out: list[np.ndarray] = [np.zeros(len(y)) for y in ys]
    for f in np.unique(fold_of):
        tr = [i for i in range(len(xs)) if fold_of[i] != f and len(ys[i])]
        model = fit_logit(np.vstack([xs[i] for i in tr]), np.concatenate([ys[i] for i in tr]), lam)
        for i in range(len(xs)):
            if fold_of[i] == f and len(ys[i]):
                out[i] = model.prob(xs[i])
    return out


def score_rows(
    docs: list[Doc], keep: list[np.ndarray], score: ModuleType, swap: list[np.ndarray] | None = None
) -> np.ndarray:
    sw: list[Any] = [None] * len(docs) if swap is None else [list(w) for w in swap]
    return np.array(
        [doc_counts(d, list(k), score, w) for d, k, w in zip(docs, keep, sw, strict=True)]
    )


def swap_features(x: np.ndarray, names: list[str]) -> np.ndarray:
    """The filter's features plus each cue signed by the record's side (+1 flow, -1 stock),
    so that one weight says 'this cue argues for a stock'."""
    flow = x[:, names.index("cat_flow")] * 2 - 1
    cue = [i for i, n in enumerate(names) if n.startswith(("near:", "sent:"))]
    extra = [
        names.index(n)
        for n in ("date_pub", "date_pub-1", "date_before", "period_start", "log_value")
    ]
    return np.hstack([x, x[:, cue + extra] * flow[:, None]])


def best_threshold(
    grid: np.ndarray,
    f1_at: Callable[[float, list[np.ndarray]], float],
    runs: list[list[np.ndarray]],
) -> tuple[float, list[tuple[float, float]]]:
    """The grid value with the best training F1, averaged over the cross-validation repeats
    (ties: the mildest change, i.e. the one nearest the grid's start)."""
    curve = [(float(t), float(np.mean([f1_at(float(t), r) for r in runs]))) for t in grid]
    best = max(curve, key=lambda c: (c[1], -abs(c[0] - float(grid[0]))))
    return best[0], curve


def choose_penalty(
    xs: list[np.ndarray], ys: list[np.ndarray], fold_sets: list[np.ndarray]
) -> tuple[float, float]:
    """The L2 weight with the least out-of-fold log-loss, averaged over the repeats."""
    y = np.concatenate(ys)
    best = (1.0, math.inf)
    for lam in (1.0, 3.0, 10.0, 30.0, 100.0, 300.0):
        lls = []
        for fs in fold_sets:
            pr = np.clip(np.concatenate(oof_probs(xs, ys, fs, lam)), 1e-9, 1 - 1e-9)
            lls.append(float(-np.mean(y * np.log(pr) + (1 - y) * np.log(1 - pr))))
        if np.mean(lls) < best[1]:
            best = (lam, float(np.mean(lls)))
    return best


def bootstrap(
    base: np.ndarray, filt: np.ndarray, rng: np.random.Generator, n: int = 5000
) -> tuple[np.ndarray, float]:
    """Percentile interval of the tuple-F1 gain, resampling documents; share of draws <= 0."""
    gains = np.empty(n)
    m = len(base)
    for b in range(n):
        ix = rng.integers(0, m, m)
        gains[b] = totals(filt[ix])["tuple_f1"] - totals(base[ix])["tuple_f1"]
    return np.percentile(gains, [2.5, 97.5]), float(np.mean(gains <= 0))


def train_filter(
    docs: list[Doc],
    xs: list[np.ndarray],
    ys: list[np.ndarray],
    score: ModuleType,
    rng: np.random.Generator,
    repeats: int,
) -> tuple[Logit, float, float]:
    """The filter as the main experiment trains it: the penalty and the threshold by repeated
    5-fold CV over ``docs``, then the model on all of them. (model, lambda, threshold)."""
    fold_sets = [folds(len(docs), 5, rng) for _ in range(repeats)]
    lam, _ = choose_penalty(xs, ys, fold_sets)
    oofs = [oof_probs(xs, ys, fs, lam) for fs in fold_sets]

    def f1_at(t: float, probs: list[np.ndarray]) -> float:
        return totals(score_rows(docs, [p >= t for p in probs], score))["tuple_f1"]

    thr, _ = best_threshold(np.round(np.arange(0.0, 0.81, 0.02), 2), f1_at, oofs)
    return fit_logit(np.vstack(xs), np.concatenate(ys), lam), lam, thr


def error_mix(docs: list[Doc], score: ModuleType) -> Counter[str]:
    """What a predicted record gets wrong, judged against gold with the scorer's checks."""
    kinds: Counter[str] = Counter()
    for d in docs:
        for p, ok_t, ok_p in zip(d.pred, d.label_tuple, d.label_pair, strict=True):
            same = [g for g in d.gold if g["value"] == p["value"]]
            if ok_t:
                kinds["right"] += 1
            elif ok_p:
                kinds["date or place"] += 1
            elif not same:
                kinds["value not in gold"] += 1
            elif any(score.date_ok(p, g) and score.place_ok(p, g) for g in same):
                kinds["category only"] += 1
            else:
                kinds["category and date/place"] += 1
    return kinds


def secondary(
    train: list[Doc],
    test: list[Doc],
    xtr: list[np.ndarray],
    ytr: list[np.ndarray],
    xte: list[np.ndarray],
    score: ModuleType,
    rng: np.random.Generator,
    emit: Callable[[str], None],
) -> None:
    """Checks beyond the main test: what the errors are per split, transfer between the
    training splits, and a filter that also learns from the dev8 extractor's own errors."""
    emit("what the predicted records get wrong (scorer's checks against gold):")
    for commit, split in (*TRAIN, *TEST):
        docs = [d for d in (*train, *test) if d.split == split]
        emit(
            f"  {commit} on {split}: "
            + ", ".join(f"{k} {v}" for k, v in sorted(error_mix(docs, score).items()))
        )
    emit("leave one training split out (train on the other two, f34e537 predictions):")
    for split in sorted({d.split for d in train}):
        ins = [i for i, d in enumerate(train) if d.split != split]
        out = [i for i, d in enumerate(train) if d.split == split]
        model, lam, thr = train_filter(
            [train[i] for i in ins], [xtr[i] for i in ins], [ytr[i] for i in ins], score, rng, 2
        )
        held = [train[i] for i in out]
        base = score_rows(held, [np.ones(len(d.pred), bool) for d in held], score)
        filt = score_rows(
            held,
            [model.prob(xtr[i]) >= thr if len(xtr[i]) else np.zeros(0, bool) for i in out],
            score,
        )
        emit(
            f"  {split}: threshold {thr:.2f}, tuple F1 {totals(base)['tuple_f1']:.3f} ->"
            f" {totals(filt)['tuple_f1']:.3f}"
        )
    emit(
        "dev8 by 5-fold CV over its texts: trained on f34e537's dev5-dev7 records plus a05f306's"
        " records of the other dev8 folds (the shipped model's situation), tested on the fold:"
    )
    yte = [np.asarray(d.label_tuple, float) for d in test]
    fold_of = folds(len(test), 5, rng)
    keep: list[np.ndarray] = [np.ones(len(d.pred), bool) for d in test]
    for f in range(5):
        ins = [i for i in range(len(test)) if fold_of[i] != f]
        docs = train + [test[i] for i in ins]
        model, lam, thr = train_filter(
            docs, xtr + [xte[i] for i in ins], ytr + [yte[i] for i in ins], score, rng, 2
        )
        for i in range(len(test)):
            if fold_of[i] == f and len(xte[i]):
                keep[i] = model.prob(xte[i]) >= thr
        emit(f"  fold {f}: lambda {lam}, threshold {thr:.2f}")
    base = score_rows(test, [np.ones(len(d.pred), bool) for d in test], score)
    filt = score_rows(test, keep, score)
    show("no filter", base)
    show("filter (per-fold models)", filt)
    (lo, hi), p_le0 = bootstrap(base, filt, rng)
    emit(
        f"  gain {totals(filt)['tuple_f1'] - totals(base)['tuple_f1']:+.3f}, 95% bootstrap"
        f" [{lo:+.3f}, {hi:+.3f}], share of draws <= 0: {p_le0:.2f}"
    )


def show(name: str, rows: np.ndarray) -> None:
    t = totals(rows)
    print(
        f"  {name:<34} tuple F1 {t['tuple_f1']:.3f} (P {t['tuple_p']:.3f} R {t['tuple_r']:.3f})"
        f"  pair F1 {t['pair_f1']:.3f}  records {int(t['n_pred'])}/{int(t['n_gold'])} gold"
    )


def run(
    work: Path,
    seed: int,
    target: str,
    repeats: int = 5,
    extra: bool = True,
    emit: Callable[[str], None] = print,
) -> dict[str, Any]:
    from flareup.ingest.bulletin.vocabulary import CATEGORIES

    score = load_scorer()
    cats = sorted(CATEGORIES)
    names = feature_names(cats)
    rng = np.random.default_rng(seed)

    def collect(pairs: Sequence[tuple[str, str]]) -> list[Doc]:
        docs: list[Doc] = []
        for commit, split in pairs:
            docs += load_docs(old_predictions(commit, split, work), split, score)
        return docs

    train, test = collect(TRAIN), collect(TEST)
    xtr = [doc_features(d, cats) for d in train]
    ytr = [
        np.asarray(d.label_tuple if target == "tuple" else d.label_pair, dtype=float) for d in train
    ]
    xte = [doc_features(d, cats) for d in test]
    n_tr = sum(len(y) for y in ytr)
    emit(
        f"train: {len(train)} texts, {n_tr} predicted records "
        f"({int(sum(y.sum() for y in ytr))} {target}-correct); "
        f"test (dev8): {len(test)} texts, {sum(len(d.pred) for d in test)} records "
        f"({sum(sum(d.label_tuple) for d in test)} tuple-correct); {len(names)} features"
    )

    # penalty by grouped CV log-loss, then the threshold on the out-of-fold probabilities,
    # both averaged over repeats of 5-fold CV with folds of whole documents
    fold_sets = [folds(len(train), 5, rng) for _ in range(repeats)]
    y_all = np.concatenate(ytr)
    best_lam, best_ll = choose_penalty(xtr, ytr, fold_sets)
    oofs = [oof_probs(xtr, ytr, fs, best_lam) for fs in fold_sets]
    auc = float(np.mean([_auc(np.concatenate(o), y_all) for o in oofs]))
    keep_all = [np.ones(len(d.pred), bool) for d in train]

    def filter_f1(t: float, probs: list[np.ndarray]) -> float:
        return totals(score_rows(train, [p >= t for p in probs], score))["tuple_f1"]

    thr, curve = best_threshold(np.round(np.arange(0.0, 0.81, 0.02), 2), filter_f1, oofs)
    emit(
        f"chosen on training data ({repeats} x 5-fold CV by document): lambda {best_lam}"
        f" (log-loss {best_ll:.3f}), out-of-fold AUC {auc:.3f}, threshold {thr:.2f}"
    )
    emit("train (out-of-fold, f34e537 on dev5+dev6+dev7; first repeat):")
    base_tr = score_rows(train, keep_all, score)
    show("no filter", base_tr)
    show(f"filter p >= {thr:.2f}", score_rows(train, [p >= thr for p in oofs[0]], score))
    emit(f"  mean over repeats at {thr:.2f}: tuple F1 {dict(curve)[thr]:.3f}")

    model = fit_logit(np.vstack(xtr), y_all, best_lam)
    pte = [model.prob(x) if len(x) else np.zeros(0) for x in xte]
    yte = np.concatenate(
        [np.asarray(d.label_tuple if target == "tuple" else d.label_pair, float) for d in test]
    )
    emit(f"test (dev8, a05f306), {target} AUC {_auc(np.concatenate(pte), yte):.3f}:")
    base = score_rows(test, [np.ones(len(d.pred), bool) for d in test], score)
    filt = score_rows(test, [p >= thr for p in pte], score)
    show("no filter", base)
    show(f"filter p >= {thr:.2f} (chosen on train)", filt)
    gain = totals(filt)["tuple_f1"] - totals(base)["tuple_f1"]
    (lo, hi), p_le0 = bootstrap(base, filt, rng)
    emit(
        f"  gain in strict tuple F1 {gain:+.3f}; 95% bootstrap over documents [{lo:+.3f}, {hi:+.3f}],"
        f" share of draws <= 0: {p_le0:.2f}"
    )
    emit("  ceilings (gold used, for scale only):")
    show(
        "oracle filter (tuple-wrong dropped)",
        score_rows(test, [np.asarray(d.label_tuple, bool) for d in test], score),
    )
    sw_or = [np.asarray(swap_labels(d, score), bool) for d in test]
    show(
        "oracle flow/stock re-typing",
        score_rows(test, [np.ones(len(d.pred), bool) for d in test], score, sw_or),
    )
    emit("  (for reference only, not used to choose anything: dev8 F1 against the threshold)")
    for t in (0.1, 0.2, 0.3, 0.4, 0.5):
        show(f"filter p >= {t:.2f}", score_rows(test, [p >= t for p in pte], score))

    # re-typing: a record's flow/stock twin, where the model is confident it is the right one
    sx_tr = [swap_features(x, names) if len(x) else x for x in xtr]
    sx_te = [swap_features(x, names) if len(x) else x for x in xte]
    elig_tr = [np.array([str(p.get("category")) in SWAP for p in d.pred], bool) for d in train]
    elig_te = [np.array([str(p.get("category")) in SWAP for p in d.pred], bool) for d in test]
    sy_tr = [np.asarray(swap_labels(d, score), float) for d in train]
    sx_e = [x[m] for x, m in zip(sx_tr, elig_tr, strict=True)]
    sy_e = [y[m] for y, m in zip(sy_tr, elig_tr, strict=True)]
    n_e, n_pos = sum(len(y) for y in sy_e), int(sum(y.sum() for y in sy_e))
    emit(
        f"re-typing flow <-> stock: {n_e} training records of a family with both, "
        f"{n_pos} whose twin is right and they are not"
    )
    ys_all = np.concatenate(sy_e)
    s_lam, _ = choose_penalty(sx_e, sy_e, fold_sets)

    def spread(parts: list[np.ndarray]) -> list[np.ndarray]:
        out = []
        for m, pe in zip(elig_tr, parts, strict=True):
            full = np.zeros(len(m))
            full[m] = pe
            out.append(full)
        return out

    s_oofs_e = [oof_probs(sx_e, sy_e, fs, s_lam) for fs in fold_sets]
    s_oofs = [spread(o) for o in s_oofs_e]

    def retype_f1(t: float, probs: list[np.ndarray]) -> float:
        return totals(score_rows(train, keep_all, score, [q >= t for q in probs]))["tuple_f1"]

    # the grid runs from 'never' (1.01) down, so that a tie keeps the records as they are
    s_thr, _ = best_threshold(np.round(np.arange(1.01, 0.29, -0.05), 2), retype_f1, s_oofs)
    s_auc = float(np.mean([_auc(np.concatenate(o), ys_all) for o in s_oofs_e]))
    emit(f"chosen: lambda {s_lam}, out-of-fold AUC {s_auc:.3f}, threshold {s_thr:.2f}")
    show(
        f"train out-of-fold, re-type p >= {s_thr:.2f}",
        score_rows(train, keep_all, score, [q >= s_thr for q in s_oofs[0]]),
    )
    s_model = fit_logit(np.vstack(sx_e), ys_all, s_lam)
    s_te = []
    for x, m in zip(sx_te, elig_te, strict=True):
        full = np.zeros(len(m))
        if m.any():
            full[m] = s_model.prob(x[m])
        s_te.append(full)
    sw_te = [q >= s_thr for q in s_te]
    keep_te = [np.ones(len(d.pred), bool) for d in test]
    retyped = score_rows(test, keep_te, score, sw_te)
    both = score_rows(test, [p >= thr for p in pte], score, sw_te)
    emit(f"test (dev8): {int(sum(w.sum() for w in sw_te))} records re-typed")
    show("no filter", base)
    show(f"re-type p >= {s_thr:.2f}", retyped)
    show(f"re-type, then filter p >= {thr:.2f}", both)
    for nm, rows in (("re-type", retyped), ("re-type + filter", both)):
        (lo2, hi2), p2 = bootstrap(base, rows, rng)
        emit(
            f"  {nm}: gain {totals(rows)['tuple_f1'] - totals(base)['tuple_f1']:+.3f},"
            f" 95% bootstrap [{lo2:+.3f}, {hi2:+.3f}], share of draws <= 0: {p2:.2f}"
        )

    if extra:
        secondary(train, test, xtr, ytr, xte, score, rng, emit)

    order = np.argsort(-np.abs(model.coef))[:15]
    emit("largest standardised coefficients (model on all training data):")
    for i in order:
        emit(f"  {names[i]:<28} {model.coef[i]:+.3f}")
    return {
        "lambda": best_lam,
        "threshold": thr,
        "gain": gain,
        "interval": (lo, hi),
        "base": totals(base),
        "filtered": totals(filt),
        "curve": curve,
    }


def _auc(p: np.ndarray, y: np.ndarray) -> float:
    """Mann-Whitney AUC (ties counted half)."""
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    gt = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(gt / (len(pos) * len(neg)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=None, help="cache of old code and predictions")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--target", choices=("tuple", "pair"), default="tuple")
    ap.add_argument("--repeats", type=int, default=5, help="repeats of the 5-fold CV")
    ap.add_argument("--no-extra", action="store_true", help="the main test only")
    a = ap.parse_args(argv)
    work = a.work or Path(tempfile.mkdtemp(prefix="flareup-filter-"))
    run(work, a.seed, a.target, a.repeats, not a.no_extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
