"""The portfolio store: every scored assessment ``batch --record`` has seen, in SQLite.

Why SQLite: the standard library has it, a store is one file a consultant can copy, and
anyone can query it (``sqlite3``, Datasette) with the tables documented in
``docs/store.md``. Why this care:

- a store comes from somebody's disk like any input: a file that is not SQLite, an SQLite
  database of another program (its ``application_id`` is not trustscore's) or a damaged
  one is refused with a message (exit 2), never a traceback;
- the schema is versioned (``PRAGMA user_version``) with migrations: a newer trustscore
  upgrades an older store in one transaction; an older one refuses a newer store;
- a batch's records are written in one transaction, so a run killed half-way leaves the
  store as it was; WAL mode lets a reader query while a batch records;
- recording the same input twice is a no-op: a record is keyed by the input's SHA-256,
  the rubric's SHA-256, the as-of date and the profile.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trustscore.errors import InputError, Problem
from trustscore.models.history import ControlLine, ExpiringItem, HistoryPoint
from trustscore.models.identity import vendor_aliases

if TYPE_CHECKING:
    from trustscore.models.batch import VendorRow

APPLICATION_ID = 0x54525354
"""``PRAGMA application_id`` of a trustscore store ("TRST"): tells it from other SQLite files."""
_HEADER = b"SQLite format 3\x00"

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE vendors (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL
    );
    CREATE TABLE vendor_aliases (
        alias TEXT PRIMARY KEY,
        vendor_id INTEGER NOT NULL REFERENCES vendors (id)
    );
    CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        vendor_id INTEGER NOT NULL REFERENCES vendors (id),
        file TEXT NOT NULL,
        vendor_name TEXT NOT NULL,
        country TEXT NOT NULL,
        rubric TEXT NOT NULL,
        rubric_sha256 TEXT NOT NULL,
        input_sha256 TEXT NOT NULL,
        assessed_on TEXT NOT NULL,
        as_of TEXT NOT NULL,
        profile TEXT NOT NULL,
        trust_score REAL NOT NULL,
        claimed_score REAL NOT NULL,
        grade TEXT NOT NULL,
        grade_rank INTEGER NOT NULL,
        confidence TEXT NOT NULL,
        needs_verification INTEGER NOT NULL,
        failed_knockouts TEXT NOT NULL,
        flag_codes TEXT NOT NULL,
        critical_flag_codes TEXT NOT NULL,
        reviewed INTEGER NOT NULL,
        declared_score REAL,
        tier TEXT,
        max_age_days INTEGER,
        tool_version TEXT NOT NULL,
        UNIQUE (input_sha256, rubric_sha256, as_of, profile)
    );
    CREATE TABLE domain_scores (
        record_id INTEGER NOT NULL REFERENCES records (id),
        domain TEXT NOT NULL,
        score REAL,
        PRIMARY KEY (record_id, domain)
    );
    CREATE TABLE evidence (
        record_id INTEGER NOT NULL REFERENCES records (id),
        control TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        expires TEXT NOT NULL,
        status TEXT NOT NULL
    );
    CREATE INDEX records_by_vendor ON records (vendor_id, profile, as_of);
    CREATE INDEX evidence_by_record ON evidence (record_id);
    """,
    # 2: every control's line, so history can say which controls moved
    """
    CREATE TABLE control_results (
        record_id INTEGER NOT NULL REFERENCES records (id),
        control TEXT NOT NULL,
        points REAL NOT NULL,
        answer TEXT,
        tier TEXT,
        rules TEXT NOT NULL,
        PRIMARY KEY (record_id, control)
    ) WITHOUT ROWID;
    """,
)
"""Each schema version's migration from the one before: version N is ``MIGRATIONS[N-1]``.
A change to the schema is a new entry here, never an edit of an old one."""
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass
class Recorded:
    """What one batch added to the store."""

    store: str
    recorded: int = 0
    already: int = 0
    """Records the store held already (the same input, rubric, as-of and profile)."""
    new_vendors: int = 0
    identity_changes: list[str] = field(default_factory=list)
    """Vendors recognised by an alias after their key changed: a warning each."""
    followed: list[tuple[str, HistoryPoint, HistoryPoint]] = field(default_factory=list)
    """(vendor key, its previous record, the new one) for each new record of a vendor the
    store knew, when recording was asked to follow: what ``--alert`` compares."""


class PortfolioStore:
    """An open store; use it as a context manager (it closes the connection)."""

    def __init__(self, connection: sqlite3.Connection, label: str) -> None:
        self._db = connection
        self.label = label

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path, label: str, *, create: bool = True) -> PortfolioStore:
        """Open (or, with ``create``, start) the store at ``path``, migrated to the current
        schema; a file that is not one is an :class:`InputError`."""
        _check_file(path, label, create)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=10)
        except sqlite3.Error as exc:
            raise _unreadable(label, exc) from None
        store = cls(connection, label)
        try:
            store._prepare()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise _unreadable(label, exc) from None
        except BaseException:
            connection.close()
            raise
        return store

    def _prepare(self) -> None:
        db = self._db
        db.execute("PRAGMA busy_timeout = 10000")
        application = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application != APPLICATION_ID and (application != 0 or tables):
            raise InputError([Problem(self.label, 0, 0, "is an SQLite database of another "
                                      "program, not a trustscore portfolio store",
                                      "give --record a new file name, or a store that batch "
                                      "--record wrote")])
        if version > SCHEMA_VERSION:
            raise InputError([Problem(self.label, 0, 0, f"was written by a newer trustscore "
                                      f"(store version {version}; this one reads up to "
                                      f"{SCHEMA_VERSION})",
                                      "upgrade trustscore: pip install -U trustscore")])
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise InputError([Problem(self.label, 0, 0, "cannot be opened in WAL mode (a "
                                      "network or read-only file system?)",
                                      "keep the store on a local disk you can write to")])
        db.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        """Every migration after ``version``, all in one transaction (SQLite's DDL is
        transactional): an interrupted upgrade leaves the store as it was."""
        with self._transaction() as db:
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _statements(MIGRATIONS[number - 1]):
                    db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def __enter__(self) -> PortfolioStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the file)."""
        self._db.close()

    # ---------------------------------------------------------------- recording

    def record(self, rows: Iterable[VendorRow], *, as_of: str, tool_version: str,
               follow: bool = False) -> Recorded:
        """Record every row (one transaction), under the profile it was scored with: a row
        already recorded is skipped. With ``follow``, also each new record beside the
        vendor's previous one (for ``--alert``; without, nothing is read back)."""
        done = Recorded(self.label)
        try:
            with self._transaction() as db:
                for row in rows:
                    vendor = self._vendor(db, row, done)
                    profile = row.profile
                    previous = self._latest_of(db, vendor, profile) if follow else None
                    cursor = db.execute(
                        "INSERT OR IGNORE INTO records (vendor_id, file, vendor_name, country, "
                        "rubric, rubric_sha256, input_sha256, assessed_on, as_of, profile, "
                        "trust_score, claimed_score, grade, grade_rank, confidence, "
                        "needs_verification, failed_knockouts, flag_codes, critical_flag_codes, "
                        "reviewed, declared_score, tier, max_age_days, tool_version) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "?)",
                        (vendor, row.file, row.vendor, row.country, row.rubric,
                         row.rubric_sha256, row.input_sha256, row.assessed_on, as_of, profile,
                         row.trust_score, row.claimed_score, row.grade, row.grade_rank,
                         row.confidence.value,
                         int(row.needs_verification), json.dumps(list(row.failed_knockouts)),
                         json.dumps(list(row.flag_codes)),
                         json.dumps(list(row.critical_flag_codes)),
                         int(row.declared_score is not None),
                         row.declared_score, row.tier, row.max_age_days, tool_version))
                    if cursor.rowcount == 0:
                        done.already += 1
                        continue
                    done.recorded += 1
                    db.executemany(
                        "INSERT INTO domain_scores (record_id, domain, score) VALUES (?, ?, ?)",
                        [(cursor.lastrowid, d, s) for d, _, s in row.domains()])
                    db.executemany(
                        "INSERT INTO evidence (record_id, control, kind, title, expires, "
                        "status) VALUES (?, ?, ?, ?, ?, ?)",
                        [(cursor.lastrowid, *item) for item in row.expiring])
                    if row.controls is not None:
                        db.executemany(
                            "INSERT INTO control_results (record_id, control, points, answer, "
                            "tier, rules) VALUES (?, ?, ?, ?, ?, ?)",
                            [(cursor.lastrowid, c, p, a, t, json.dumps(r) if r else "[]")
                             for c, p, a, t, r in json.loads(row.controls)])
                    if previous is not None:
                        key = db.execute("SELECT key FROM vendors WHERE id = ?",
                                         (vendor,)).fetchone()[0]
                        done.followed.append((key, previous, point_of(
                            row, as_of=as_of, tool_version=tool_version)))
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.label, exc) from None
        return done

    def _vendor(self, db: sqlite3.Connection, row: VendorRow, done: Recorded) -> int:
        """The vendor a row belongs to: found by its strongest alias, else by a weaker one
        that no stronger alias contradicts (then its key changed: a warning), else new."""
        aliases = vendor_aliases(row.vendor_id, row.website, row.vendor)
        key = aliases[0]
        found: int | None = None
        for alias in aliases:
            hit = db.execute("SELECT vendor_id FROM vendor_aliases WHERE alias = ?",
                             (alias,)).fetchone()
            if hit is None:
                continue
            if alias == key or not self._contradicts(db, hit[0], aliases):
                found = hit[0]
                break
        if found is None:
            found = db.execute("INSERT INTO vendors (key, name) VALUES (?, ?)",
                               (key, row.vendor)).lastrowid
            done.new_vendors += 1
            for alias in aliases[1:]:  # a new id must not shed a known vendor's history quietly
                other = db.execute("SELECT v.key FROM vendor_aliases a JOIN vendors v ON "
                                   "v.id = a.vendor_id WHERE a.alias = ?", (alias,)).fetchone()
                if other is not None:
                    done.identity_changes.append(
                        f"{row.file}: '{key}' shares '{alias}' with the known vendor "
                        f"'{other[0]}' but gives another id; recorded as a new vendor, so "
                        "its history starts over: check which it is")
                    break
        else:
            known = db.execute("SELECT key FROM vendors WHERE id = ?", (found,)).fetchone()[0]
            owned = db.execute("SELECT 1 FROM vendor_aliases WHERE alias = ? AND vendor_id = ?",
                               (key, found)).fetchone()
            if owned is None:
                done.identity_changes.append(
                    f"{row.file}: vendor known as '{known}' is now '{key}'; recorded as the "
                    "same vendor")
            db.execute("UPDATE vendors SET name = ? WHERE id = ?", (row.vendor, found))
        assert found is not None
        db.executemany("INSERT OR IGNORE INTO vendor_aliases (alias, vendor_id) VALUES (?, ?)",
                       [(alias, found) for alias in aliases])
        return found

    @staticmethod
    def _contradicts(db: sqlite3.Connection, vendor: int, aliases: list[str]) -> bool:
        """The vendor has an id or website alias of the same kind with another value: two
        firms that share a name are not one."""
        theirs = {a for (a,) in db.execute(
            "SELECT alias FROM vendor_aliases WHERE vendor_id = ?", (vendor,))}
        for kind in ("id:", "web:"):
            mine = {a for a in aliases if a.startswith(kind)}
            other = {a for a in theirs if a.startswith(kind)}
            if mine and other and not mine & other:
                return True
        return False

    # ---------------------------------------------------------------- reading

    def _latest_of(self, db: sqlite3.Connection, vendor: int, profile: str
                   ) -> HistoryPoint | None:
        found = db.execute(f"SELECT {_POINT} FROM records WHERE vendor_id = ? AND profile = ? "
                           "ORDER BY as_of DESC, id DESC LIMIT 1", (vendor, profile)).fetchone()
        return None if found is None else self._points([found], controls=True)[0][1]

    def vendors(self, query: str | None) -> list[tuple[int, str, str]]:
        """(id, key, name) of the vendors ``query`` names: an alias or key (``web:…``),
        else every vendor whose name contains it (case folded); all without a query."""
        try:
            if query is None:
                return list(self._db.execute("SELECT id, key, name FROM vendors ORDER BY key"))
            exact = list(self._db.execute(
                "SELECT v.id, v.key, v.name FROM vendors v JOIN vendor_aliases a ON "
                "a.vendor_id = v.id WHERE a.alias = ? OR v.key = ? GROUP BY v.id",
                (query.casefold(), query)))
            if exact:
                return exact
            needle = query.casefold()
            return [v for v in self._db.execute("SELECT id, key, name FROM vendors ORDER BY key")
                    if needle in v[2].casefold()]
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.label, exc) from None

    def points(self, vendor_ids: list[int] | None, profile: str | None
               ) -> dict[int, list[HistoryPoint]]:
        """Every record of these vendors (all without ids) for ``profile`` (every profile
        without one), by vendor."""
        try:
            where, args = ("profile = ?", [profile]) if profile is not None else ("1", [])
            if vendor_ids is not None:
                where += f" AND vendor_id IN ({','.join('?' * len(vendor_ids))})"
                args += [str(v) for v in vendor_ids]
            found = self._db.execute(f"SELECT {_POINT} FROM records WHERE {where} "
                                     "ORDER BY vendor_id, as_of, id", args).fetchall()
            by_vendor: dict[int, list[HistoryPoint]] = {}
            for vendor, point in self._points(found, controls=True):
                by_vendor.setdefault(vendor, []).append(point)
            return by_vendor
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.label, exc) from None

    def latest(self, profile: str | None) -> list[tuple[str, HistoryPoint]]:
        """Each vendor's latest record for ``profile`` (of any profile without one):
        (key, record), by key."""
        try:
            # one index seek per vendor, not a scan of every record
            which = "AND r.profile = ?" if profile is not None else ""
            found = self._db.execute(
                f"SELECT {_POINT} FROM records WHERE id IN (SELECT (SELECT id FROM records r "
                f"WHERE r.vendor_id = v.id {which} ORDER BY r.as_of DESC, r.id DESC "
                "LIMIT 1) FROM vendors v) ORDER BY id",
                (profile,) if profile is not None else ()).fetchall()
            keys = dict(self._db.execute("SELECT id, key FROM vendors").fetchall())
            return sorted(((keys[v], p) for v, p in self._points(found)), key=lambda kp: kp[0])
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.label, exc) from None

    def _points(self, found: list[tuple[Any, ...]], *, controls: bool = False
                ) -> list[tuple[int, HistoryPoint]]:
        """The records' points, with their domains and expiring items (and, with
        ``controls``, their control lines: history needs them, due does not)."""
        ids = [r[0] for r in found]
        domains: dict[int, dict[str, float | None]] = {}
        expiring: dict[int, list[ExpiringItem]] = {}
        lines: dict[int, list[ControlLine]] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            for record, domain, score in self._db.execute(
                    f"SELECT record_id, domain, score FROM domain_scores WHERE record_id IN "
                    f"({marks})", part):
                domains.setdefault(record, {})[domain] = score
            for record, control, kind, title, expires, status in self._db.execute(
                    f"SELECT record_id, control, kind, title, expires, status FROM evidence "
                    f"WHERE record_id IN ({marks}) ORDER BY rowid", part):
                expiring.setdefault(record, []).append(ExpiringItem(
                    control, kind, title, dt.date.fromisoformat(expires), status))
            if controls:
                for record, control, points, answer, tier, rules in self._db.execute(
                        f"SELECT record_id, control, points, answer, tier, rules FROM "
                        f"control_results WHERE record_id IN ({marks})", part):
                    lines.setdefault(record, []).append(ControlLine(
                        control, points, answer, tier,
                        () if rules == "[]" else tuple(json.loads(rules))))
        return [(r[1], HistoryPoint(
            file=r[2], vendor_name=r[3], as_of=dt.date.fromisoformat(r[4]),
            assessed_on=dt.date.fromisoformat(r[5]), rubric=r[6], rubric_sha256=r[7],
            tool_version=r[8], profile=r[9], trust_score=r[10], claimed_score=r[11],
            grade=r[12], confidence=r[13], failed_knockouts=tuple(json.loads(r[14])),
            flag_codes=tuple(json.loads(r[15])), critical_flag_codes=tuple(json.loads(r[16])),
            reviewed=bool(r[17]), declared_score=r[18], domains=domains.get(r[0], {}),
            expiring=tuple(expiring.get(r[0], ())), tier=r[19], grade_rank=r[20],
            max_age_days=r[21],
            controls=tuple(lines[r[0]]) if r[0] in lines else None)) for r in found]

    def trends(self, rows: Iterable[VendorRow]) -> dict[str, tuple[float, ...]]:
        """Each row's vendor's trust scores over its records of the row's profile, oldest
        first, by the row's file (for the dashboard's trend column)."""
        try:
            scores: dict[tuple[int, str], list[float]] = {}
            for vendor, profile, score in self._db.execute(
                    "SELECT vendor_id, profile, trust_score FROM records "
                    "ORDER BY vendor_id, as_of, id"):
                scores.setdefault((vendor, profile), []).append(score)
            found = {}
            for row in rows:
                for alias in vendor_aliases(row.vendor_id, row.website, row.vendor):
                    hit = self._db.execute("SELECT vendor_id FROM vendor_aliases WHERE "
                                           "alias = ?", (alias,)).fetchone()
                    if hit is not None:
                        found[row.file] = tuple(scores.get((hit[0], row.profile), ()))
                        break
            return found
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.label, exc) from None

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (for tests and summaries)."""
        if table not in ("vendors", "vendor_aliases", "records", "domain_scores", "evidence",
                         "control_results"):
            raise ValueError(table)
        return int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


_POINT = ("id, vendor_id, file, vendor_name, as_of, assessed_on, rubric, rubric_sha256, "
          "tool_version, profile, trust_score, claimed_score, grade, confidence, "
          "failed_knockouts, flag_codes, critical_flag_codes, reviewed, declared_score, tier, "
          "grade_rank, max_age_days")


def point_of(row: VendorRow, *, as_of: str, tool_version: str) -> HistoryPoint:
    """A batch row as the record the store keeps of it."""
    return HistoryPoint(
        file=row.file, vendor_name=row.vendor, as_of=dt.date.fromisoformat(as_of),
        assessed_on=dt.date.fromisoformat(row.assessed_on), rubric=row.rubric,
        rubric_sha256=row.rubric_sha256, tool_version=tool_version, profile=row.profile,
        trust_score=row.trust_score, claimed_score=row.claimed_score, grade=row.grade,
        confidence=row.confidence.value, failed_knockouts=row.failed_knockouts,
        flag_codes=row.flag_codes, critical_flag_codes=row.critical_flag_codes,
        reviewed=row.declared_score is not None, declared_score=row.declared_score,
        domains={d: s for d, _, s in row.domains()},
        expiring=tuple(ExpiringItem(c, k, t, dt.date.fromisoformat(e), st)
                       for c, k, t, e, st in row.expiring), tier=row.tier,
        grade_rank=row.grade_rank, max_age_days=row.max_age_days,
        controls=None if row.controls is None else tuple(
            ControlLine(c, p, a, t, tuple(r)) for c, p, a, t, r in json.loads(row.controls)))


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _check_file(path: Path, label: str, create: bool) -> None:
    try:
        st = path.stat()
    except FileNotFoundError:
        if not create:
            raise InputError([Problem(label, 0, 0, "no such portfolio store",
                                      "record one first: trustscore batch FOLDER --record "
                                      f"{label}")]) from None
        return
    except OSError as exc:
        raise InputError([Problem(label, 0, 0, f"cannot be read: {exc.strerror}")]) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError([Problem(label, 0, 0, "is not a regular file: a portfolio store is "
                                  "an SQLite database file", "name a file")])
    if st.st_size == 0:
        return
    try:
        with path.open("rb") as f:
            header = f.read(len(_HEADER))
    except OSError as exc:
        raise InputError([Problem(label, 0, 0, f"cannot be read: {exc.strerror}")]) from None
    if header != _HEADER:
        raise InputError([Problem(label, 0, 0, "is not a trustscore portfolio store (not an "
                                  "SQLite database)",
                                  "give --record a new file name, or a store that batch "
                                  "--record wrote")])


def _unreadable(label: str, exc: sqlite3.Error) -> InputError:
    return InputError([Problem(label, 0, 0, f"is a damaged or unreadable portfolio store "
                               f"({exc})", "restore it from a backup, or record into a new "
                               "file")])
