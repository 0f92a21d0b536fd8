"""pydantic's validation errors reworded for a content editor: what is wrong, in their words, and how to fix it.

validate.py runs the models; this module only turns each pydantic error into a
message at the line and column of the key or value it names.
"""
from __future__ import annotations

import json
import re
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .load import Document, describe
from .models import slugify
from .slug import SLUG_PATTERN
from .suggest import did_you_mean

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails  # pydantic's own dependency: only its type is needed


def reworded(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    """pydantic's errors for `doc` as problems a content editor can act on, at the line each names."""
    problems: list[Problem] = []
    missing: dict[tuple[Any, ...], list[str]] = {}
    for error in exc.errors(include_url=False):
        loc, message, at_key = _message(error, model)
        if error["type"] == "missing":  # one line per place: "missing required fields 'a', 'b'"
            missing.setdefault(loc, []).append(str(error["loc"][-1]))
            continue
        line, col = doc.key_where(loc) if at_key else doc.where(loc)
        if error["type"] == "string_type" and isinstance(error.get("input"), dict):
            message += _quote_hint(error["input"], doc.source_line(line))
        if message.endswith(_NO_VALUE) and _comment_ate_value(doc, line):
            message = (f"{message[: -len(_NO_VALUE)]} has no value: ' #' starts a comment, "
                       "so put a value that holds '#' in quotes")
        problems.append(Problem(str(doc.path), line, col, message))
    for loc, names in missing.items():
        line, col = doc.where(loc)
        where = f" {_place(doc.data, loc)}" if loc else ""
        plural = "s" if len(names) > 1 else ""
        listed = ", ".join(f"'{name}'" for name in names)
        problems.append(Problem(str(doc.path), line, col, f"missing required field{plural} {listed}{where}"))
    return problems


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_inner_models(arg))
    return found


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        inner = _inner_models(info.annotation)
        if not inner:
            return None
        model = inner[0]
    return model


def _show(value: Any, limit: int = 40) -> str:
    """A value quoted the way the author wrote it, cut short and on one line."""
    text = " ".join(str(value).split()) if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _found(value: Any) -> str:
    """'found text 'eight'', 'found a list', ... for a wrong value."""
    if isinstance(value, str):
        return f"found {_show(value)}" if value else "found empty text"
    return f"found {describe(value)}"


def _label(loc: tuple[Any, ...]) -> str:
    """How an editor names a place: 'tenure_months', 'focus' entry 2, 'members' entry 3."""
    if not loc:
        return "the file"
    if isinstance(loc[-1], int):
        names = [part for part in loc[:-1] if isinstance(part, str)]
        return f"'{names[-1]}' entry {loc[-1] + 1}" if names else f"entry {loc[-1] + 1}"
    return f"'{loc[-1]}'"


def _fields_of(model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    return ", ".join(required or list(model.model_fields))


def _message(error: ErrorDetails, model: type[BaseModel]) -> tuple[tuple[Any, ...], str, bool]:
    """(key path, message, points-at-key) for one pydantic error, worded for a content editor."""
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    label = _label(loc)
    name = loc[-1] if loc and isinstance(loc[-1], str) else None
    if kind == "missing":
        where = f" in {_label(loc[:-1])}" if loc[:-1] else ""
        return loc[:-1], f"missing required field '{name}'{where}", False
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        fields = list(parent.model_fields) if parent else []
        hint = did_you_mean(name, fields) or (f"; allowed fields: {', '.join(fields)}" if fields else "")
        return loc, f"unknown field '{name}'{hint}", True
    if value is None and kind not in ("value_error", "assertion_error"):
        return loc, f"{label}{_NO_VALUE}", False
    if kind == "literal_error":
        options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        hint = _SYNONYMS.get((name or "", str(value).strip().lower()), "") or did_you_mean(value, options)
        return loc, (f"{_show(value)} is not allowed for {label}{hint}"
                     f" (allowed: {', '.join(options)})"), False
    if kind == "string_type":
        return loc, f"{label} must be text, {_found(value)}", False
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return loc, f"{label} must be a whole number (like 8), {_found(value)}", False
    if kind in ("float_parsing", "float_type", "finite_number"):
        return loc, f"{label} must be a number (like 2 or 0.85), {_found(value)}", False
    if kind.startswith("date_") or kind in ("date_type", "date_parsing"):
        why = "; that day does not exist" if "range" in str(error.get("msg", "")) else ""
        return loc, f"{label} must be a date written YYYY-MM-DD (like 2027-02-15), {_found(value)}{why}", False
    if kind in ("bool_parsing", "bool_type"):
        return loc, f"{label} must be true or false, {_found(value)}", False
    if kind in ("list_type", "tuple_type"):
        hint = ("; write [a, b] or one '- item' per line" if isinstance(value, str)
                else "; start each entry with '- '" if isinstance(value, dict) else "")
        return loc, f"{label} must be a list, {_found(value)}{hint}", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        required = _fields_of(_model_at(model, loc))
        below = f" ({required} on indented lines below it)" if required else ""
        return loc, f"{label} must be a mapping of fields{below}, {_found(value)}", False
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "[key]":  # a mapping's key, like a metric's name
        return loc[:-1], (f"{_show(value)} is not a valid name here: use lower-case letters, digits and underscores, "
                          f"starting with a letter (like 'regretted_leavers_12m')"), True
    if kind == "string_pattern_mismatch":
        if name == "quarter":
            return loc, f"{_show(value)} is not a quarter; write it as YYYY-QN, like 2027-Q1", False
        if name == "site_url":
            return loc, f"{_show(value)} is not a web address; start it with https://", False
        if name == "time":
            return loc, f"{_show(value)} is not a time of day; write it HH:MM (24-hour clock), like 14:00", False
        if name == "working_hours":
            return loc, (f"{_show(value)} is not a span of working hours; write it HH:MM-HH:MM, "
                         "like 09:00-17:30"), False
        if name == "language":
            return loc, f"{_show(value)} is not a language code (like 'en' or 'de-CH')", False
        if ctx.get("pattern") != SLUG_PATTERN:
            return loc, f"{_show(value)} does not have the form {label} needs (pattern {ctx.get('pattern')})", False
        example = slugify(str(value))
        if example == "member" and "member" not in str(value).lower():  # slugify's fallback for no letters
            example = "weekly-one-on-one"
        return loc, (f"{_show(value)} is not a valid id: use lower-case letters, digits and single hyphens, "
                     f"like '{example}'"), False
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, (list, dict)):
            least = ctx.get("min_length", 1)
            return loc, f"{label} needs at least {least} {'entry' if least == 1 else 'entries'}", False
        return loc, f"{label} must not be empty", False
    if kind in ("too_long", "string_too_long"):
        unit = "entries" if isinstance(value, (list, dict)) else "characters"
        return loc, f"{label} is too long: at most {ctx.get('max_length')} {unit}", False
    bounds = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
              "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return loc, f"{label} must be {words} {ctx.get(key)}, {_found(value)}", False
    msg = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    return loc, msg[0].lower() + msg[1:] if msg else kind, False


# Words people write for an allowed value: `every: fortnightly` means biweekly.
_SYNONYMS = {
    ("every", "fortnightly"): "; did you mean 'biweekly'?",
    ("every", "every other week"): "; did you mean 'biweekly'?",
    ("every", "never"): "; did you mean 'none'?",
    ("day", "saturday"): "; nothing is booked at weekends: choose a weekday",
    ("day", "sunday"): "; nothing is booked at weekends: choose a weekday",
}

_NO_VALUE = " has no value; write one after the ':' or delete the line"


def _place(data: Any, loc: tuple[Any, ...]) -> str:
    """'in 'manager'', or for a team member 'for member 'Sam' ('members' entry 2)': the name an editor searches for."""
    if len(loc) == 2 and loc[0] == "members" and isinstance(loc[1], int) and isinstance(data, dict):
        members = data.get("members")
        member = members[loc[1]] if isinstance(members, list) and loc[1] < len(members) else None
        name = member.get("name") if isinstance(member, dict) else None
        if isinstance(name, str) and name.strip():
            return f"for member {_show(name)} ({_label(loc)})"
    return f"in {_label(loc)}"


def _quote_hint(value: dict, line: str) -> str:
    """Text with ': ' in it became a mapping (`[Languages: DE, EN]`): say to quote it, showing how."""
    if len(value) != 1:
        return ""
    key, inner = next(iter(value.items()))
    if isinstance(inner, (dict, list)):
        return ""
    written = f"{key}: {'' if inner is None else inner}".strip()
    flow = re.search(r"\[([^\[\]]*)\]", line)
    if flow and f"{key}:" in flow.group(1):  # in [...] the comma split it too: quote everything up to ']'
        written = flow.group(1).strip()
        return f"; ': ' inside [...] starts a mapping: put the text in quotes, like [{json.dumps(written, ensure_ascii=False)}]"
    return f"; ': ' starts a mapping: put the text in quotes, like {json.dumps(written, ensure_ascii=False)}"


def _comment_ate_value(doc: Document, line: int) -> bool:
    """Did `summary: #1 priority` turn the value into a comment?"""
    return bool(re.match(r"[^#]*:\s+#", doc.source_line(line)))
