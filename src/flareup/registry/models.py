"""The registry's tables (SQLAlchemy 2 typed declarative).

Versioned tables (counts, cases, designations, campaigns, settings, exposures, contacts, samples)
never overwrite a row: a correction inserts a new row and marks the old one ``superseded_at`` /
``superseded_by`` (the audit log keeps before and after). "What was known at T" is then
``recorded_at <= T and (superseded_at is null or superseded_at > T)``. A deletion
(``Registry.delete``) is a supersession with no successor: ``superseded_at`` set,
``superseded_by`` null.

A partial unique index on each versioned table's natural key ``where superseded_at is null``
lets the database itself refuse two current rows for one key (SQLite and PostgreSQL both have
partial indexes).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments an INTEGER PRIMARY KEY (the rowid); PostgreSQL wants BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CURRENT = text("superseded_at IS NULL")


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints stably."""

    metadata = MetaData(naming_convention=NAMING)


class Area(Base):
    """An administrative area (GB/T 2260 style code as a string), as it is now. A correction
    updates the row (audited, before and after) and ``area_versions`` keeps every version; a
    deletion only sets ``deleted_at`` (the row stays, the audit log keeps it) and re-importing
    the code clears it."""

    __tablename__ = "areas"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_alt: Mapped[str | None] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(
        String(32),
        ForeignKey("areas.code", deferrable=True, initially="DEFERRED"),
        index=True,
    )
    population: Mapped[int | None] = mapped_column(BigInteger)
    geometry: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AreaVersion(Base):
    """Every version of every area (``areas`` holds the current one): a correction closes the
    current version (``superseded_at``) and opens a new one, a deletion closes it with no
    successor, so that ``as_of`` views of areas show what was known then."""

    __tablename__ = "area_versions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32))
    name_en: Mapped[str] = mapped_column(String(200))
    name_alt: Mapped[str | None] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(String(32))
    population: Mapped[int | None] = mapped_column(BigInteger)
    geometry: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        Index("ix_area_versions_code_recorded_at", "code", "recorded_at"),
        Index(
            "uq_area_versions_current_code",
            "code",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )


class Source(Base):
    """Where numbers came from. ``identity`` is what supersession matches on (row source or
    file name); ``fingerprint`` (sha256 of all fields) makes re-imports find the same record."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    identity: Mapped[str] = mapped_column(Text, index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class _Versioned:
    """Columns every versioned table shares."""

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source_id: Mapped[int] = mapped_column(BigId, ForeignKey("sources.id"))
    source_identity: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Count(_Versioned, Base):
    """One reported figure in long form (incidence2 style: area, date, metric, value)."""

    __tablename__ = "counts"
    area: Mapped[str] = mapped_column(String(32), ForeignKey("areas.code"))
    date: Mapped[dt.date] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(BigInteger)
    qualifier: Mapped[str] = mapped_column(String(16))
    period: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("counts.id"))
    __table_args__ = (
        Index("ix_counts_area_metric_date", "area", "metric", "date"),
        Index(
            "uq_counts_current_key",
            "area",
            "date",
            "metric",
            "source_identity",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
        Index("ix_counts_recorded_at", "recorded_at"),
    )


class Case(_Versioned, Base):
    """A line-list row (Epiverse linelist names; no personal names)."""

    __tablename__ = "cases"
    case_id: Mapped[str] = mapped_column("case_id", String(64))
    location: Mapped[str] = mapped_column(String(32), ForeignKey("areas.code"))
    date_onset: Mapped[dt.date | None] = mapped_column(Date)
    date_reporting: Mapped[dt.date] = mapped_column(Date)
    date_reclassified: Mapped[dt.date | None] = mapped_column(Date)
    classification: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str | None] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    imported: Mapped[bool | None] = mapped_column(Boolean)
    age_group: Mapped[str | None] = mapped_column(String(32))
    setting: Mapped[str | None] = mapped_column(String(64))
    cluster: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(Text)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("cases.id"))
    __table_args__ = (
        # covering index for status(): counts by area and date read the index alone
        Index(
            "ix_cases_current_location",
            "location",
            "date_reporting",
            "classification",
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
        Index(
            "uq_cases_current_case_id",
            "case_id",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )


class Setting(_Versioned, Base):
    """A place where people are exposed together (factory, market, cold-chain lot...)."""

    __tablename__ = "settings"
    setting_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    area: Mapped[str] = mapped_column(String(32), ForeignKey("areas.code"))
    name: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("settings.id"))
    __table_args__ = (
        Index(
            "uq_settings_current_id",
            "setting_id",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )


class Exposure(_Versioned, Base):
    """A case exposed in a setting, with dates."""

    __tablename__ = "exposures"
    case_id: Mapped[str] = mapped_column(String(64))
    setting_id: Mapped[str] = mapped_column(String(64))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("exposures.id"))
    __table_args__ = (
        Index(
            "uq_exposures_current_key",
            "case_id",
            "setting_id",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )


class Contact(_Versioned, Base):
    """A contact between two people (epicontacts ``from``/``to``)."""

    __tablename__ = "contacts"
    from_id: Mapped[str] = mapped_column(String(64))
    to_id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str | None] = mapped_column(String(16))
    date_last_exposure: Mapped[dt.date | None] = mapped_column(Date)
    date_quarantine_start: Mapped[dt.date | None] = mapped_column(Date)
    date_quarantine_end: Mapped[dt.date | None] = mapped_column(Date)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("contacts.id"))
    __table_args__ = (
        Index(
            "uq_contacts_current_key",
            "from_id",
            "to_id",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )


class Sample(_Versioned, Base):
    """An environmental or cold-chain sample. Samples have no id of their own, so the key is
    the whole row plus ``seq`` (its occurrence number among identical rows of one file)."""

    __tablename__ = "samples"
    setting_id: Mapped[str] = mapped_column(String(64), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(16))
    sample_type: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("samples.id"))


class Designation(_Versioned, Base):
    """A risk-area designation, official or computed by a named rule set."""

    __tablename__ = "designations"
    area: Mapped[str] = mapped_column(String(32), ForeignKey("areas.code"))
    level: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    rule_set: Mapped[str] = mapped_column(String(64))
    rule_version: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("designations.id"))
    __table_args__ = (
        Index("ix_designations_area_valid_from", "area", "valid_from"),
        Index(
            "uq_designations_current_key",
            "area",
            "valid_from",
            "rule_set",
            "rule_version",
            "source_identity",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )


class CampaignProgress(_Versioned, Base):
    """Progress of a mass-testing campaign at a moment, as reported."""

    __tablename__ = "campaign_progress"
    timestamp: Mapped[dt.datetime] = mapped_column(DateTime)
    area: Mapped[str] = mapped_column(String(32), ForeignKey("areas.code"))
    round: Mapped[int] = mapped_column(Integer)
    people_targeted: Mapped[int | None] = mapped_column(BigInteger)
    people_sampled: Mapped[int | None] = mapped_column(BigInteger)
    results_out: Mapped[int | None] = mapped_column(BigInteger)
    positives_new: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    superseded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("campaign_progress.id"))
    __table_args__ = (
        Index(
            "uq_campaign_progress_current_key",
            "timestamp",
            "area",
            "round",
            "source_identity",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )


class CampaignPlan(Base):
    """A stored pooled-testing campaign plan: its parameters (JSON) and the plan rows (JSON)."""

    __tablename__ = "campaign_plans"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    params: Mapped[str] = mapped_column(Text)
    plan: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """Who did what when: insert, supersede or delete, with before and after as JSON."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(Text)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
