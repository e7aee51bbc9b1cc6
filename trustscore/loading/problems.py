"""Turn pydantic's validation errors into positioned problems in plain words.

pydantic says ``answers.SEC-03.value: Input should be a valid integer``; a vendor needs
``assessment.yaml:41:12: answers.SEC-03.value must be a whole number, got 'most'``.
One table maps each error type to a sentence; unknown keys get "did you mean".
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from trustscore.errors import PathProblem, Problem
from trustscore.loading.yaml_source import SourceDocument
from trustscore.suggest import closest, did_you_mean, odd_characters

_PATTERN_HINTS = {
    "https?://": "write a full address starting with https://",
    "@": "write an address like name@example.com",
    "A-Za-z0-9": "use letters, digits, '-', '_' or '.' only",
    "[0-9]+(": "write a version like 1.0.0",
    "A-Za-z .'&()-": "write regions in Latin letters, as codes or English names (EU, UK, US)",
}


def describe(value: Any) -> str:
    """A short, safe description of an input value for a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"'{text}'"
    return repr(value)


def from_validation_error(exc: ValidationError, doc: SourceDocument,
                          model: type[BaseModel]) -> list[Problem]:
    """Every error of ``exc``, positioned in ``doc`` and said plainly."""
    problems = []
    seen: set[tuple[Any, ...]] = set()
    errors = exc.errors(include_url=False)
    misspelt = _misspelt_required(errors, model)
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc in misspelt:
            continue  # reported once, as the unknown key that was meant to be it
        path = data_path(doc.data, loc)
        message, hint, at_key = _explain(err, model, path)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        problems.append(doc.problem(path, message, hint, at_key))
    return problems


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` without the union and discriminator tags pydantic inserts, so that it can
    be looked up in the source positions; the last step is kept even if absent (a missing
    or unknown key)."""
    path: list[Any] = []
    node = data
    last = len(loc) - 1
    for i, step in enumerate(loc):
        in_dict = isinstance(node, dict) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_dict or in_list:
            child = node[step]
        else:
            if i == last:
                path.append(step)
            continue
        # a discriminator tag can share its name with a key ({answer: X, is: eq}): then
        # the next step is a key of this same mapping, not of the value under the tag
        is_tag = (i < last and isinstance(node, dict) and not isinstance(child, (dict, list))
                  and loc[i + 1] in node)
        if not is_tag:
            node = child
            path.append(step)
    return tuple(path)


def _misspelt_required(errors: list[ErrorDetails], model: type[BaseModel]
                       ) -> set[tuple[Any, ...]]:
    """Locations of missing keys that an unknown key beside them was meant to be."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    meant = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        wanted = [m[-1] for m in missing if m[:-1] == loc[:-1]]
        close = closest(str(loc[-1]), [str(w) for w in wanted])
        if close is not None:
            meant.add((*loc[:-1], close))
    return meant


def from_path_problems(found: list[PathProblem], doc: SourceDocument) -> list[Problem]:
    """Position the problems found by checks that only know paths."""
    return [doc.problem(p.path, p.message, p.hint, p.at_key) for p in found]


def _explain(err: ErrorDetails, model: type[BaseModel],
             path: tuple[Any, ...]) -> tuple[str, str, bool]:
    kind = err["type"]
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in path) or "the file"
    got = describe(err.get("input"))
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing required key '{loc[-1]}'", _missing_hint(loc), False
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed) if allowed else ""
        if not hint and allowed:
            hint = "allowed keys here: " + ", ".join(allowed)
        return f"unknown key '{loc[-1]}'", hint, True
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{where} must be a mapping of 'key: value' lines, got {got}", "", False
    if kind == "list_type":
        return f"{where} must be a list (lines starting with '- '), got {got}", "", False
    if kind in ("string_type", "str_type"):
        return f"{where} must be text, got {got}", "put the value in quotes", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where} must be a whole number, got {got}", "", False
    if kind in ("float_type", "float_parsing"):
        return f"{where} must be a number, got {got}", "", False
    if kind == "finite_number":
        return f"{where} must be a finite number, got {got}", "", False
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} must be true or false, got {got}", "", False
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": ("at least", "ge"), "greater_than": ("above", "gt"),
                 "less_than_equal": ("at most", "le"), "less_than": ("below", "lt")}[kind]
        return f"{where} must be {words[0]} {ctx.get(words[1])}, got {got}", "", False
    if kind == "string_too_short":
        return f"{where} must not be empty", "", False
    if kind == "string_too_long":
        return (f"{where} is too long (at most {ctx.get('max_length')} characters)", "",
                False)
    if kind == "too_short":
        return f"{where} needs at least {ctx.get('min_length')} item(s)", "", False
    if kind == "too_long":
        return f"{where} has too many items (at most {ctx.get('max_length')})", "", False
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        hint = next((h for needle, h in _PATTERN_HINTS.items() if needle in pattern), "")
        value = err.get("input")
        odd = odd_characters(value) if isinstance(value, str) else []
        if odd:
            hint = f"it contains {', '.join(odd[:3])}: " + (hint or "retype it")
        return f"{where} has an invalid format: {got}", hint, False
    if kind == "literal_error":
        return f"{where} must be {ctx.get('expected')}, got {got}", "", False
    if kind == "enum":
        return f"{where} must be one of {ctx.get('expected')}, got {got}", "", False
    if kind == "value_error":
        error = ctx.get("error")
        text = str(error) if error is not None else err["msg"]
        hint = ("write an answer after 'value:', or delete the entry to leave the control "
                "unanswered (it then earns 0 points)" if text == "has no value" else "")
        return f"{where} {text}", hint, False
    return f"{where}: {err['msg']}", "", False


def _missing_hint(loc: tuple[Any, ...]) -> str:
    if loc and loc[-1] == "format_version":
        return "add 'format_version: 1' at the top of the file"
    return ""


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc`` inside ``model`` (for "did you mean")."""
    current: Any = model
    for step in loc:
        current = _step(current, step)
        if current is None:
            return []
    current = _model_in(current)
    return list(current.model_fields) if current is not None else []


def _step(tp: Any, step: Any) -> Any:
    tagged = _tagged_member(tp, step)
    if tagged is not None:
        return tagged
    model = _model_in(tp)
    if model is not None:
        field = model.model_fields.get(str(step))
        return field.annotation if field is not None else None
    for arg in _options(tp):
        origin = typing.get_origin(arg)
        if origin is list and isinstance(step, int):
            return typing.get_args(arg)[0]
        if origin is dict:
            return typing.get_args(arg)[1]
    return None


def _tagged_member(tp: Any, step: Any) -> Any:
    """The member of a discriminated union that pydantic's ``Tag(step)`` names, if any."""
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return None
    for member in typing.get_args(tp):
        if typing.get_origin(member) is typing.Annotated:
            inner, *meta = typing.get_args(member)
            if any(isinstance(m, Tag) and m.tag == step for m in meta):
                return inner
    return None


def _options(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _options(typing.get_args(tp)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [o for arg in typing.get_args(tp) for o in _options(arg)]
    return [tp]


def _model_in(tp: Any) -> type[BaseModel] | None:
    for arg in _options(tp):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
