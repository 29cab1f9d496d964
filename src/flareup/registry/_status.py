"""Status: an area's state on a date, own figures first and children summed where it has
none, with its line-list summary.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.engine import Connection

from flareup.registry._common import OFFICIAL_KINDS, T, _as_date, _as_of, _current, _descendants
from flareup.registry._reads import ReadsMixin
from flareup.registry._results import AreaStatus, MetricStatus
from flareup.schema import METRICS, MetricKind


class StatusMixin(ReadsMixin):
    """``status``."""

    # ------------------------------------------------------------------ status
    def status(self, area: str, *, date: Any = None, as_of: Any = None) -> AreaStatus:
        """The state of ``area`` on ``date`` (default: today) as known at ``as_of``.

        Per metric, from the ``latest``-policy figures on or before the date: a stock is the
        area's own latest figure, or where it has none, the sum of its children's (each child
        by the same rule, recursively). A flow is taken day by day the same way (own figure for
        the day, else the sum of the children's), giving its latest day and its cumulative sum.
        """
        when = _as_of(as_of)
        info = self.area(area, as_of=when)
        day = _as_date(date) or dt.date.today()
        areas = self.areas(as_of=when)
        sub = [area, *_descendants(areas, area, None)]
        parent = dict(zip(areas["code"], areas["parent_code"], strict=True))
        with self.engine.connect() as conn:
            df = self._status_counts(conn, sub, day, when)
            ll = self._linelist_summary(conn, sub, day, when)
        depth = _depths(sub, parent, area)
        metrics = _status_metrics(df, area, depth, parent)
        order = {mname: i for i, mname in enumerate(METRICS)}
        metrics = dict(sorted(metrics.items(), key=lambda kv: order.get(kv[0], 999)))
        return AreaStatus(area, info["name_en"], info["level"], day, when, metrics, ll)

    def _status_counts(
        self, conn: Connection, sub: list[str], day: dt.date, when: dt.datetime | None
    ) -> pd.DataFrame:
        """Latest-policy figures of ``sub`` up to ``day``: fetched plainly, ranked in pandas
        (a sort and drop_duplicates is cheaper than a SQL window over every row)."""
        c, s = T["counts"], T["sources"]
        # type_coerce to String: no per-value result processing; pandas parses in bulk
        q = select(
            c.c.area,
            c.c.metric,
            c.c.value,
            c.c.id,
            c.c.source_id,
            type_coerce(c.c.date, String),
            type_coerce(c.c.recorded_at, String),
            c.c.source_identity,
        ).where(_current(c, when), c.c.date <= day)
        if len(sub) < 30000:
            q = q.where(c.c.area.in_(sub))
        cols = [
            "area",
            "metric",
            "value",
            "id",
            "source_id",
            "date",
            "recorded_at",
            "source_identity",
        ]
        df = self._raw_frame(conn, q, cols)
        if df.empty:
            return pd.DataFrame(columns=["area", "date", "metric", "value", "source_title"])
        src = self._frame(
            conn,
            select(s.c.id, s.c.kind, s.c.published, s.c.title).where(
                s.c.id.in_(df["source_id"].unique().tolist())
            ),
            ["source_id", "kind", "published", "source_title"],
        )
        src["news"] = ~src["kind"].isin([str(k) for k in OFFICIAL_KINDS])
        src["published"] = pd.to_datetime(src["published"])
        df = df.merge(src, on="source_id", how="left")
        df["date"] = pd.to_datetime(df["date"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
        df["recorded_at"] = pd.to_datetime(df["recorded_at"].astype(str), format="ISO8601")
        df["source_identity"] = df["source_identity"].astype(str)
        # the same order as _ranked_counts (see counts()); a stable sort keeps it exact
        df = df.sort_values(
            ["news", "published", "recorded_at", "source_identity", "id"],
            ascending=[True, False, False, True, False],
            na_position="last",
            kind="stable",
        )
        df = df.drop_duplicates(["area", "date", "metric"], keep="first")
        return df[["area", "date", "metric", "value", "source_title"]].reset_index(drop=True)

    def _linelist_summary(
        self, conn: Connection, sub: list[str], day: dt.date, when: dt.datetime | None
    ) -> dict[str, int]:
        """Line-list cases of ``sub`` reported on or before ``day``, by classification (read
        from the covering index ix_cases_current_location when ``when`` is None)."""
        c = T["cases"]
        q = select(c.c.classification, func.count()).where(
            _current(c, when), c.c.date_reporting <= day
        )
        if len(sub) < 30000:
            q = q.where(c.c.location.in_(sub))
        q = q.group_by(c.c.classification)
        out = {"cases": 0, "confirmed": 0, "asymptomatic": 0}
        for cls, n in conn.execute(q):
            out["cases"] += n
            out[cls] = out.get(cls, 0) + n
        return out


def _depths(sub: list[str], parent: dict[str, Any], root: str) -> dict[str, int]:
    depth = {root: 0}
    for c in sub:
        chain = []
        cur = c
        while cur not in depth:
            chain.append(cur)
            cur = parent[cur]
        d = depth[cur]
        for x in reversed(chain):
            d += 1
            depth[x] = d
    return depth


def _status_metrics(
    df: pd.DataFrame, root: str, depth: dict[str, int], parent: dict[str, Any]
) -> dict[str, MetricStatus]:
    """Own figures first; children summed where an area has none (see Registry.status).

    Vectorised over metrics: one pass per tree level, children's sums grouped by parent.
    """
    out: dict[str, MetricStatus] = {}
    if df.empty:
        return out
    df = df.assign(depth=df["area"].map(depth), value=df["value"].astype("int64"))
    maxd = int(df["depth"].max())
    flow_names = {name for name, mt in METRICS.items() if mt.kind is MetricKind.FLOW}
    is_flow = df["metric"].isin(flow_names)
    flows, stocks = df[is_flow], df[~is_flow]
    # flows, day by day: effective (area, metric, date) value = own, else sum of children's
    below: pd.DataFrame | None = None
    up: pd.DataFrame
    kids_used: pd.DataFrame | None = None
    for d in range(maxd, -1, -1):
        own = flows.loc[flows["depth"] == d, ["area", "metric", "date", "value"]].assign(
            origin="own"
        )
        if below is not None and not below.empty:
            up = pd.DataFrame(
                below.assign(area=below["area"].map(parent))
                .groupby(["area", "metric", "date"], as_index=False)["value"]
                .sum()
            )
            keys = pd.MultiIndex.from_frame(own[["area", "metric", "date"]])
            up = up[~pd.MultiIndex.from_frame(up[["area", "metric", "date"]]).isin(keys)]
            if d == 0:
                kids_used = below.merge(up[["metric", "date"]], on=["metric", "date"])
            own = pd.concat([own, up.assign(origin="children")], ignore_index=True)
        below = own
    root_flow = below[below["area"] == root] if below is not None else pd.DataFrame()
    for metric, g in root_flow.groupby("metric", sort=False):
        g = g.sort_values("date")
        last = g.iloc[-1]
        origins = set(g["origin"])
        origin = origins.pop() if len(origins) == 1 else "mixed"
        sub = flows[(flows["metric"] == metric) & (flows["date"] == last["date"])]
        if last["origin"] == "own":
            sub = sub[sub["area"] == root]
        kids: tuple[str, ...] = ()
        if kids_used is not None:
            kids = tuple(sorted(set(kids_used.loc[kids_used["metric"] == metric, "area"])))
        out[str(metric)] = MetricStatus(
            str(metric),
            "flow",
            int(last["value"]),
            last["date"].date(),
            int(g["value"].sum()),
            origin,
            tuple(sorted(set(sub["source_title"].astype(str)))),
            kids,
        )
    # stocks: latest own figure per area, else the sum of its children's (recursively)
    latest = stocks.sort_values("date").drop_duplicates(["area", "metric"], keep="last")
    below = None
    for d in range(maxd, -1, -1):
        own = latest.loc[
            latest["depth"] == d, ["area", "metric", "date", "value", "source_title"]
        ].assign(kids="")
        if below is not None and not below.empty:
            b = below.assign(child=below["area"], area=below["area"].map(parent))
            up = pd.DataFrame(
                b.groupby(["area", "metric"], as_index=False).agg(
                    date=("date", "max"),
                    value=("value", "sum"),
                    source_title=(
                        "source_title",
                        lambda x: "\n".join(sorted(set("\n".join(x).split("\n")))),
                    ),
                    kids=("child", lambda x: "\n".join(sorted(x))),
                )
            )
            keys = pd.MultiIndex.from_frame(own[["area", "metric"]])
            up = up[~pd.MultiIndex.from_frame(up[["area", "metric"]]).isin(keys)]
            own = pd.concat([own, up], ignore_index=True)
        below = own
    if below is not None:
        for _, r in below[below["area"] == root].iterrows():
            kids = tuple(k for k in str(r["kids"]).split("\n") if k)
            out[str(r["metric"])] = MetricStatus(
                str(r["metric"]),
                "stock",
                int(r["value"]),
                r["date"].date(),
                None,
                "children" if kids else "own",
                tuple(x for x in str(r["source_title"]).split("\n") if x),
                kids,
            )
    return out
