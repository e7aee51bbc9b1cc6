"""Safe YAML reading for untrusted files: bytes in, plain data plus positions out.

Why not ``yaml.safe_load``: it keeps the last of two duplicate keys, turns ``NO`` into
``False`` and ``1:30`` into 90, expands merge-key bombs for seconds, and its C composer
recurses, so very deep nesting kills the process with SIGSEGV. Instead we walk libyaml's
*event* stream (the C parser keeps its own heap stack and survives any depth) and build the
data ourselves with an explicit stack. That gives us, in one pass and faster than
``yaml.load(..., CSafeLoader)``:

- a depth limit checked as events arrive, before anything deep is built;
- duplicate keys as errors naming both lines;
- a strict scalar schema: only ``true``/``false`` are booleans, only plain decimal numbers
  are numbers, dates stay text (the models parse them), no tags at all;
- anchors and aliases refused (assessments) or bounded in expansion (rubrics);
- the line and column of every key and value, so later errors can point at the source.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from trustscore.errors import InputError, Problem

_Parser: Any
_PyParser: Any = yaml.BaseLoader  # same get_event()/dispose() interface, in pure Python
try:  # libyaml is bundled in PyYAML's wheels; the pure-Python parser is a slow fallback.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PyParser

_LIBYAML_DEPTH_LIMIT = "maximum nesting depth"
"""libyaml >= 0.2.5 (bundled since PyYAML 6.0.4) stops flow nesting at depth 1000 itself.
Its scanner reads a whole run of ``[[[[`` ahead before the first event, so our own check
never sees the 33rd level: the file is read again by the pure-Python parser, which emits
events as it goes (bounded look-ahead), so the message and position are always ours."""


Path_ = tuple[str | int, ...]
Position = tuple[int, int]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z"
                    r"|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_MAX_NUMBER_DIGITS = 18
_MAX_FLOAT_DIGITS = 17
"""A float keeps 15-17 significant digits: more would be shown as a number the vendor
did not write (a 400-digit decimal became 'inf')."""


@dataclass(frozen=True)
class YamlLimits:
    """Bounds applied before and during parsing; generous for real files, tight for bombs."""

    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 32
    allow_aliases: bool = False
    """Rubrics may reuse blocks through anchors; self-assessments may not (they hide answers)."""
    max_nodes: int = 200_000
    """Values built, counting every alias expansion: stops billion-laughs files."""


@dataclass
class SourceDocument:
    """One parsed YAML file: its plain data, where each value stands, and its hash."""

    label: str
    data: Any
    sha256: str
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    containers: set[Path_] = field(default_factory=set)
    """Paths of mappings and lists (everything else is a scalar)."""
    text: str = field(default="", repr=False)
    limits: YamlLimits | None = field(default=None, repr=False)
    positioned: bool = True
    """False after a fast parse: positions are filled in when first asked for."""

    def ensure_positions(self) -> None:
        """Parse again, recording every position (only ever needed to report a problem)."""
        if self.positioned:
            return
        assert self.limits is not None
        again = _parse(self.text, self.label, self.sha256, self.limits, record=True)
        self.value_positions = again.value_positions
        self.key_positions = again.key_positions
        self.containers = again.containers
        self.positioned = True

    def locate(self, path: Path_, at_key: bool = False) -> Position:
        """Best position for ``path``: the value (or key) itself, else its nearest ancestor.

        A mapping ancestor is given by its key's line ("vendor:"), which is where a reader
        looks for a missing field; a scalar ancestor (a bare answer standing for
        ``{value: ...}``) by the value itself.
        """
        self.ensure_positions()
        if at_key and path in self.key_positions:
            return self.key_positions[path]
        if path in self.value_positions:
            return self.value_positions[path]
        p = path[:-1]
        while p:
            if p not in self.containers and p in self.value_positions:
                return self.value_positions[p]
            if p in self.key_positions:
                return self.key_positions[p]
            if p in self.value_positions:
                return self.value_positions[p]
            p = p[:-1]
        return self.value_positions.get((), (1, 1))

    def problem(self, path: Path_, message: str, hint: str = "", at_key: bool = False) -> Problem:
        line, column = self.locate(path, at_key)
        return Problem(self.label, line, column, message, hint)


# --------------------------------------------------------------------------- reading


def read_bytes(path: Path, label: str, max_bytes: int) -> bytes:
    """Read a regular file without ever blocking or reading without bound.

    A FIFO, a device or a directory passed as an input must not hang the tool or exhaust
    memory, so the file type is checked on the opened descriptor before reading.
    """

    def fail(message: str, hint: str = "") -> InputError:
        return InputError([Problem(label, 0, 0, message, hint)])

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise fail("file not found", "check the path") from None
    except IsADirectoryError:
        raise fail("is a directory, not a YAML file") from None
    except PermissionError:
        raise fail("permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise fail(f"cannot open the file ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise fail("is a directory, not a YAML file")
        if not stat.S_ISREG(st.st_mode):
            raise fail("is not a regular file (a pipe, socket or device)",
                       "save the content to a file and pass that file")
        if st.st_size > max_bytes:
            raise fail(f"file is too large ({st.st_size:,} bytes; the limit is {max_bytes:,})",
                       "a self-assessment is normally well under 1 MB")
        return _read_bounded(fd, label, max_bytes)
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror})") from None
    finally:
        os.close(fd)


STDIN = "-"
"""The path that means "read standard input" (``trustscore score -``)."""


def read_stdin(label: str, max_bytes: int) -> bytes:
    """Standard input, read to its end but never beyond ``max_bytes``."""
    try:
        return _read_bounded(0, label, max_bytes)
    except OSError as exc:
        raise InputError([Problem(label, 0, 0, f"cannot read standard input ({exc.strerror})",
                                  "pipe the file in, or pass its path")]) from None


def _read_bounded(fd: int, label: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:  # a non-blocking pipe with nothing yet: wait for it
            import select

            select.select([fd], [], [])
            continue
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise InputError([Problem(label, 0, 0,
                                      f"file is too large (over {max_bytes:,} bytes)")])
        chunks.append(chunk)
    return b"".join(chunks)


def decode_text(raw: bytes, label: str) -> str:
    """UTF-8 (with or without BOM) or a clear error: never a guess at another encoding."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError([Problem(label, 0, 0, "file is UTF-32 encoded", "save it as UTF-8")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(label, 0, 0, "file is UTF-16 encoded", "save it as UTF-8")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        raise InputError([Problem(label, line, column,
                                  "file contains NUL bytes: it is binary or UTF-16, not text",
                                  "save it as UTF-8 text")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        raise InputError([Problem(label, line, column,
                                  f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                                  "save it as UTF-8; Latin-1 and Windows-1252 are not accepted")
                          ]) from None
    if not text.strip():
        raise InputError([Problem(label, 0, 0, "file is empty",
                                  "start from the template: trustscore init")])
    return text


def _byte_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


# --------------------------------------------------------------------------- parsing


class _Frame:
    __slots__ = ("anchor", "container", "key", "path", "size")

    def __init__(self, container: dict[Any, Any] | list[Any], path: Path_,
                 anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.size = 1


_NO_KEY = object()
_NOWHERE: Position = (0, 0)

_HINTS = (
    ("'\\t'", "YAML indentation must use spaces, not tabs"),
    ("tab character", "YAML indentation must use spaces, not tabs"),
    ("mapping values are not allowed", "a value that contains ': ' must be put in quotes"),
    ("could not find expected ':'", "each line of a mapping needs 'key: value'"),
    ("did not find expected key", "check the indentation of this line and the one above"),
    ("control characters are not allowed", "remove the invisible control character"),
    ("found undefined alias", "anchors (&name) must be defined before they are used"),
)


class _NeedPositions(Exception):
    """A fast parse met a problem: parse again, recording positions, to report it."""


def parse_yaml(text: str, label: str, sha256: str, limits: YamlLimits) -> SourceDocument:
    """Build plain data (dict/list/str/int/float/bool/None) from YAML text.

    Positions are not recorded on the way (they are only needed to report a problem, and
    recording ~1,000 of them is a third of the build): the document records them on first
    use, and a parse that meets a problem starts over recording them. Raises
    :class:`InputError` with every problem it could find; a syntax error stops the parse,
    other problems (duplicate keys, tags, aliases) are all collected first.
    """
    try:
        try:
            return _parse(text, label, sha256, limits, record=False)
        except _NeedPositions:
            return _parse(text, label, sha256, limits, record=True)
    except _LibyamlTooDeep as too_deep:
        raise InputError([_depth_problem(text, label, limits, too_deep.line,
                                         too_deep.column)]) from None


class _LibyamlTooDeep(Exception):
    """libyaml refused the nesting before our own depth check could see it."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line = line
        self.column = column


def _depth_problem(text: str, label: str, limits: YamlLimits, line: int,
                   column: int) -> Problem:
    """Our own depth message and position for a file libyaml found too deep (1-based
    ``line``/``column`` of libyaml's complaint).

    The pure-Python parser reads the part that matters again: from the last line that
    starts at column 1 (a top-level key, so depths are the same as in the whole file) to
    where libyaml stopped, which bounds the work by the nesting, not by the file. Should
    that part not show the depth (a top-level line inside a multi-line flow collection),
    libyaml's position is reported with our message.
    """
    lines = text.split("\n")[:line]
    lines[-1] = lines[-1][:column]
    start = next((i for i in range(len(lines) - 1, -1, -1)
                  if lines[i][:1] not in _NOT_A_TOP_LEVEL_KEY), 0)
    segment = "\n".join(lines[start:])
    try:
        _parse(segment, label, "", limits, record=True, parser_class=_PyParser)
    except InputError as exc:
        found = exc.problems[0]
        if found.message.startswith("nesting is deeper"):
            return Problem(label, found.line + start, found.column, found.message, found.hint)
    return _too_deep(label, (line, column), limits)


_NOT_A_TOP_LEVEL_KEY = frozenset(("", " ", "\t", "\r", "#", "[", "{", "]", "}", ","))


def _too_deep(label: str, pos: Position, limits: YamlLimits) -> Problem:
    return Problem(label, *pos, f"nesting is deeper than {limits.max_depth} levels",
                   "a self-assessment needs only a few levels")


def _parse(text: str, label: str, sha256: str, limits: YamlLimits,
           record: bool, parser_class: Any = None) -> SourceDocument:
    doc = SourceDocument(label=label, data=None, sha256=sha256, text=text, limits=limits,
                         positioned=record)
    problems: list[Problem] = []
    values = doc.value_positions
    keys = doc.key_positions
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = _NO_KEY
    documents = 0
    nodes = 0

    def add(value: Any, pos: Position, size: int, is_scalar: bool, anchor: str | None) -> None:
        nonlocal root
        if anchor is not None:
            anchors[anchor] = (value, size)
        if not stack:
            root = value
            if record:
                values[()] = pos
            return
        top = stack[-1]
        top.size += size
        box = top.container
        if isinstance(box, list):
            if record:
                values[(*top.path, len(box))] = pos
            box.append(value)
            return
        if top.key is _NO_KEY:
            if not record and (not is_scalar or value == "<<" or value in box
                               or isinstance(value, bool) or value is None
                               or isinstance(value, float)):
                raise _NeedPositions
            if not is_scalar:
                problems.append(Problem(label, *pos, "a mapping key must be a plain value, "
                                        "not a list or mapping"))
                top.key = _BAD_KEY
                return
            key = value
            if key == "<<":
                problems.append(Problem(label, *pos, "merge keys (<<) are not supported",
                                        "write the keys out in full"))
                key = _BAD_KEY
            elif isinstance(key, bool) or key is None or isinstance(key, float):
                problems.append(Problem(label, *pos, f"key {key!r} must be text or a whole "
                                        "number", "put the key in quotes"))
                key = _BAD_KEY
            elif key in box:
                first = keys.get((*top.path, key), (0, 0))
                problems.append(Problem(label, *pos, f"duplicate key '{key}' (first defined "
                                        f"at line {first[0]})",
                                        "keep one of them: YAML would otherwise silently "
                                        "drop the first"))
                key = _BAD_KEY
            top.key = key
            if record and key is not _BAD_KEY:
                keys[(*top.path, key)] = pos
            return
        key = top.key
        top.key = _NO_KEY
        if key is _BAD_KEY:
            return
        if record:
            values[(*top.path, key)] = pos
        box[key] = value

    def child_path() -> Path_:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is _NO_KEY:
            return (*top.path, "<key>")
        return (*top.path, top.key)

    parser = (parser_class or _Parser)(text)
    pos: Position = _NOWHERE
    try:
        while True:
            event: Any = parser.get_event()
            if event is None:
                break
            cls = event.__class__
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                nodes += 1
                if not record and (event.tag is not None or (
                        event.anchor is not None and not limits.allow_aliases)):
                    raise _NeedPositions
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1) if record else _NOWHERE
                if event.tag is not None:
                    problems.append(Problem(label, *pos, f"YAML tags are not allowed "
                                            f"(found '{event.tag}')", "remove the tag"))
                anchor = event.anchor
                if anchor is not None and not limits.allow_aliases:
                    problems.append(Problem(label, *pos, f"anchors (&{anchor}) are not "
                                            "allowed in this file",
                                            "write each answer out in full"))
                    anchor = None
                if cls is ScalarEvent:
                    value = _scalar(event, label, pos, problems)
                    if problems and not record:
                        raise _NeedPositions
                    add(value, pos, 1, True, anchor)
                    continue
                if len(stack) >= limits.max_depth:
                    raise InputError([_too_deep(label, (mark.line + 1, mark.column + 1),
                                                limits)])
                container: dict[Any, Any] | list[Any] = (
                    {} if cls is MappingStartEvent else [])
                if record:
                    path = child_path()
                    values[path] = pos
                    doc.containers.add(path)
                else:
                    path = ()
                stack.append(_Frame(container, path, anchor))
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if isinstance(frame.container, dict) and frame.key is not _NO_KEY:
                    frame.key = _NO_KEY  # cannot happen with a well-formed event stream
                add(frame.container, values.get(frame.path, (1, 1)) if record else _NOWHERE,
                    frame.size, False, frame.anchor)
            elif cls is AliasEvent:
                if not record and not limits.allow_aliases:
                    raise _NeedPositions
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                if not limits.allow_aliases:
                    problems.append(Problem(label, *pos, f"aliases (*{event.anchor}) are not "
                                            "allowed in this file",
                                            "write each answer out in full"))
                    add(None, pos, 1, True, None)
                    continue
                if event.anchor not in anchors:
                    raise InputError([Problem(label, *pos, f"alias *{event.anchor} refers to "
                                              "an anchor that is not complete yet")])
                value, size = anchors[event.anchor]
                nodes += size
                if nodes > limits.max_nodes:
                    raise InputError([Problem(label, *pos, "aliases expand to too many "
                                              f"values (over {limits.max_nodes:,})",
                                              "write the repeated blocks out instead")])
                add(value, pos, size, not isinstance(value, (dict, list)), None)
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise InputError([Problem(label, mark.line + 1, mark.column + 1,
                                              "the file holds more than one YAML document",
                                              "keep one document per file (remove '---')")])
            if nodes > limits.max_nodes:
                raise InputError([Problem(label, 0, 0, f"file has too many values "
                                          f"(over {limits.max_nodes:,})")])
    except yaml.MarkedYAMLError as exc:
        if (parser_class is None and _LIBYAML_DEPTH_LIMIT in str(exc.problem)
                and _Parser is not _PyParser):
            deep: Any = exc.problem_mark
            raise _LibyamlTooDeep(deep.line + 1, deep.column + 1) from None
        where: Any = exc.problem_mark or exc.context_mark
        line, column = (where.line + 1, where.column + 1) if where is not None else (0, 0)
        what = str(exc.problem or exc.context or "syntax error")
        hint = next((h for needle, h in _HINTS if needle in what), "")
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        problems.append(Problem(label, line, column, f"invalid YAML: {what}{context}", hint))
        raise InputError(problems) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a forbidden character by its offset in the text, not a mark
        before = text[:exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        found = exc.character
        char = found if isinstance(found, int) else ord(str(found)[:1] or "?")
        problems.append(Problem(label, line, column, f"invalid YAML: character U+{char:04X} "
                                "is not allowed in YAML text",
                                "remove the invisible control character"))
        raise InputError(problems) from None
    except yaml.YAMLError as exc:
        problems.append(Problem(label, 0, 0, "invalid YAML: " + " ".join(str(exc).split())))
        raise InputError(problems) from None
    finally:
        parser.dispose()

    if problems:
        raise InputError(problems)
    if root is _NO_KEY or root is None:
        raise InputError([Problem(label, 0, 0, "file holds no data",
                                  "start from the template: trustscore init")])
    doc.data = root
    return doc


_BAD_KEY = object()


def _scalar(event: Any, label: str, pos: Position, problems: list[Problem]) -> Any:
    """Resolve one scalar with the strict schema: quoted or block text always stays text."""
    text: str = event.value
    if event.style:  # quoted or block scalar ('' from libyaml, None from the Python parser)
        return text
    if text in _NULLS:
        return None
    first = text[0]
    if first in "0123456789+-.":
        if _INT.match(text):
            if len(text.lstrip("+-")) > _MAX_NUMBER_DIGITS:
                problems.append(Problem(label, *pos, f"number {text[:24]}… is too large"))
                return None
            return int(text)
        if _FLOAT.match(text):
            digits = len(re.sub(r"[eE].*|[^0-9]", "", text).strip("0"))
            number = float(text)
            if not math.isfinite(number) or digits > _MAX_FLOAT_DIGITS:
                problems.append(Problem(label, *pos, f"number {text[:24]}"
                                        f"{'…' if len(text) > 24 else ''} cannot be kept "
                                        "exactly", f"write at most {_MAX_FLOAT_DIGITS} "
                                        "significant digits, within ±1e308"))
                return None
            return number
        special = _SPECIAL_FLOATS.get(text)
        if special is not None:
            return special
        return text
    boolean = _BOOLS.get(text)
    if boolean is not None:
        return boolean
    return text


def load_yaml_file(path: Path, label: str, limits: YamlLimits) -> SourceDocument:
    """Read, decode and parse one file (``-``: standard input), with its SHA-256 taken
    over the exact bytes read."""
    if str(path) == STDIN:
        raw = read_stdin(label, limits.max_bytes)
    else:
        raw = read_bytes(path, label, limits.max_bytes)
    return parse_yaml_bytes(raw, label, limits)


def parse_yaml_bytes(raw: bytes, label: str, limits: YamlLimits) -> SourceDocument:
    """Decode and parse bytes already in memory (built-in rubrics, tests)."""
    if len(raw) > limits.max_bytes:
        raise InputError([Problem(label, 0, 0, f"file is too large ({len(raw):,} bytes; the "
                                  f"limit is {limits.max_bytes:,})")])
    text = decode_text(raw, label)
    return parse_yaml(text, label, hashlib.sha256(raw).hexdigest(), limits)
