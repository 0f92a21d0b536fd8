"""A metrics export (from a CRM or BI tool) into each team's `metrics:`.

Long format: one row per team and metric (columns team, metric, value). Wide format: one row per
team, one column per metric (headed by the metric's name or its label in playbook.yml). Metric
names must be declared in playbook.yml's `metrics:`; teams are named by id (or by the name whose
slug is the id). Unknown ones are errors with a did-you-mean; an empty cell leaves the number as it was.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import yaml

from ..errors import Problem
from ..models import MetricsColumns
from ..suggest import did_you_mean
from .columns import METRICS_DEFAULTS, resolve
from .plan import Change, team_files
from .roster import team_slug
from .table import Table, normalise
from .teamfiles import TeamFile
from .yamledit import EditError, Source

_NUMBER = re.compile(r"[-+]?([0-9]+([.,][0-9]+)?|[.,][0-9]+)")


@dataclass
class Reading:
    team: str
    metric: str
    value: float
    row: int
    column: int


def number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def parse_number(text: str, decimal_comma: bool) -> float | None:
    cleaned = text.strip().rstrip("%").strip().replace("\u202f", "").replace(" ", "")
    if not _NUMBER.fullmatch(cleaned):
        return None
    if "," in cleaned and not decimal_comma:
        return None  # 1,500 or 1,5? Only a ';'-separated export writes decimal commas
    value = float(cleaned.replace(",", "."))
    return value if math.isfinite(value) else None


def read_metrics(table: Table, settings: MetricsColumns, declared: dict[str, str],
                 teams: dict[str, TeamFile]) -> tuple[list[Reading], list[Problem]]:
    """`declared`: normalised name or label -> metric name."""
    columns, problems = resolve(table, settings, METRICS_DEFAULTS, ["team"], "metrics")
    if problems:
        return [], problems
    team_col = columns.at("team") or 1
    long = "metric" in columns and "value" in columns
    names = sorted(set(declared.values()))
    metric_cols: dict[int, str] = {}
    if not long:
        for col, header in table.header.items():
            if col == team_col:
                continue
            name = declared.get(normalise(header))
            if name is None:
                problems.append(table.problem(table.header_row, col, _unknown_metric(header, names)))
            else:
                metric_cols[col] = name
        if not metric_cols and not problems:
            problems.append(table.problem(table.header_row, 1, "no metric columns: name one column per metric "
                                                               "(long format: columns 'Team', 'Metric', 'Value')"))
    readings: list[Reading] = []
    seen: dict[tuple[str, str], int] = {}
    decimal_comma = table.separator == ";"
    ids = sorted(teams)
    by_name = {normalise(name): tid for tid, tf in teams.items() if (name := tf.field(tf.source.root, "name"))}
    for row in table.rows:
        team_text = str(row.get(team_col))
        if not team_text:
            problems.append(table.problem(row.number, team_col, "empty team"))
            continue
        team = team_text if team_text in teams else by_name.get(normalise(team_text)) or team_slug(team_text)
        if team not in teams:
            problems.append(table.problem(row.number, team_col, f"unknown team '{team_text}'{did_you_mean(team, ids)}"))
            continue
        if long:
            metric_text = str(row.get(columns.at("metric")))
            metric = declared.get(normalise(metric_text))
            if metric is None:
                problems.append(table.problem(row.number, columns.at("metric") or 1, _unknown_metric(metric_text, names)))
                continue
            cells = [(columns.at("value") or 1, metric)]
        else:
            cells = list(metric_cols.items())
        for col, metric in cells:
            text = str(row.get(col))
            if not text:
                continue
            value = parse_number(text, decimal_comma)
            if value is None:
                problems.append(table.problem(row.number, col, f"'{text}' is not a number (for {metric})"))
                continue
            if (team, metric) in seen:
                problems.append(table.problem(row.number, col, f"{metric} of team '{team}' is already given on row "
                                                               f"{seen[team, metric]}"))
                continue
            seen[team, metric] = row.number
            readings.append(Reading(team, metric, value, row.number, col))
    return readings, problems


def _unknown_metric(text: str, names: list[str]) -> str:
    hint = did_you_mean(text, names) or did_you_mean(text.lower().replace(" ", "_"), names)
    listed = f" (declared: {', '.join(names)})" if hint == "" and names else ""
    return (f"unknown metric '{text}'{hint}{listed}; a metric is declared under 'metrics:' in playbook.yml "
            "(by name or label)")


def apply_metrics(teams: dict[str, TeamFile], readings: list[Reading]) -> tuple[list[Change], dict[str, int], list[Problem]]:
    changes: list[Change] = []
    counts = {"number changed": 0, "number unchanged": 0}
    problems: list[Problem] = []
    by_team: dict[str, list[Reading]] = {}
    for r in readings:
        by_team.setdefault(r.team, []).append(r)
    for team_id, found in by_team.items():
        tf = teams[team_id]
        src = tf.source
        try:
            changed = _set_metrics(src, found)
        except EditError as exc:
            line = src.text.count("\n", 0, exc.index) + 1
            problems.append(Problem(str(tf.path), line, 1, exc.message))
            continue
        counts["number changed"] += changed
        counts["number unchanged"] += len(found) - changed
        after = src.apply()
        if after != src.text:
            changes.append(Change(tf.path, tf.text(), tf.text(after)))
    return changes, counts, problems


def _set_metrics(src: Source, readings: list[Reading]) -> int:
    root = src.root
    assert isinstance(root, yaml.MappingNode)
    found = Source.get(root, "metrics")
    if found is None:
        at = src.line_end(src.content_end(root))
        lead = "\n" if at == len(src.text) and not src.text.endswith("\n") else ""
        src.splice(at, at, lead + "metrics:\n" + "".join(f"  {r.metric}: {number_text(r.value)}\n" for r in readings))
        return len(readings)
    key, mapping = found
    if isinstance(mapping, yaml.ScalarNode) and Source.value(mapping) is None:  # `metrics:` with nothing
        at = src.line_end(key.end_mark.index)
        src.splice(at, at, "".join(f"  {r.metric}: {number_text(r.value)}\n" for r in readings))
        return len(readings)
    if not isinstance(mapping, yaml.MappingNode):
        raise EditError(mapping.start_mark.index, "'metrics' should be a mapping of metric names to numbers")
    if mapping.flow_style and not mapping.value:  # `metrics: {}` (the new-team template): becomes a block
        indent = " " * (src.column(key.start_mark.index) + 2)
        src.splice(key.end_mark.index + 1, mapping.end_mark.index, "")
        at = src.line_end(mapping.end_mark.index)
        lead = "\n" if at == len(src.text) and not src.text.endswith("\n") else ""
        src.splice(at, at, lead + "".join(f"{indent}{r.metric}: {number_text(r.value)}\n" for r in readings))
        return len(readings)
    changed, additions = 0, []
    for r in readings:
        have = Source.get(mapping, r.metric)
        if have is None:
            additions.append((r.metric, number_text(r.value)))
        else:
            old = parse_number(Source.value(have[1]) or "", False)
            if old == r.value:
                continue
            src.set(have[1], number_text(r.value), raw=True)
        changed += 1
    src.add(mapping, additions)
    return changed


def metric_names(playbook) -> dict[str, str]:
    """Normalised name and label of each declared metric -> its name."""
    declared = getattr(playbook, "metrics", None) or {}
    names: dict[str, str] = {}
    for name, metric in declared.items():
        names[normalise(name)] = name
        label = getattr(metric, "label", None)
        if label:
            names.setdefault(normalise(label), name)
    return names


def load_teams(content, problems: list[Problem]) -> dict[str, TeamFile]:
    return {tf.id: tf for tf in team_files(content / "teams", problems) if tf.id}
