"""Small groups: the public never sees a group of fewer than MIN_GROUP respondents, nor a figure
from which one could be worked out (the rule, and the complementary suppression that keeps it
from being undone by subtraction; see the package's docstring)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from samspill.surveys.results.shapes import Bar, QuestionResult

MIN_GROUP = 5
# The key of "no answer" among a question's categories (no option is empty).
NO_ANSWER = ""


def suppress(count: int, public: bool) -> int | None:
    """The count as shown: None for 1..MIN_GROUP-1 in public results."""
    if public and 0 < count < MIN_GROUP:
        return None
    return count


def sensitive(count: int) -> bool:
    """A group the public never sees: 1 to MIN_GROUP - 1 respondents."""
    return 0 < count < MIN_GROUP


def _complement_cost(count: int) -> int:
    # Hiding a 1 next to another small count could pin both down (hidden counts are known not to
    # be 0): prefer counts of at least 2.
    return count if count >= 2 else count + 1000


def protect_line(entries: dict) -> set:
    """The keys to hide of counts that add up to a shown total (a question's answers and its
    "no answer" adding up to the respondents).

    Every sensitive count is hidden; a lone hidden count would be the total less the others, so
    the smallest other count (not 0) is hidden with it; and hidden counts that are all 1 would be
    known too (hidden counts are at least 1), so another joins them."""
    hidden = {key for key, n in entries.items() if sensitive(n)}

    def pinned() -> bool:
        return len(hidden) == 1 or (hidden and sum(entries[k] for k in hidden) == len(hidden))

    while pinned():
        candidates = sorted(
            (k for k, n in entries.items() if n and k not in hidden),
            key=lambda k: (_complement_cost(entries[k]), str(k)),
        )
        if not candidates:
            break
        hidden.add(candidates[0])
    return hidden


@dataclass
class ProtectedTable:
    """A two-way table of counts with its margins, as the public may see it.

    `cells[(r, c)]`, `row_totals[r]`, `column_totals[c]` and `total` hold the true counts; the
    `hidden_*` sets say which the public does not see. Every row (the "no answer" row included)
    adds up to its row total, every column to its column total, the totals to `total`."""

    rows: list
    columns: list
    cells: dict
    row_totals: dict
    column_totals: dict
    total: int
    hidden_cells: set = field(default_factory=set)
    hidden_rows: set = field(default_factory=set)
    hidden_columns: set = field(default_factory=set)
    withheld: bool = False

    def cell(self, r, c) -> int | None:
        return None if (r, c) in self.hidden_cells else self.cells.get((r, c), 0)

    def transposed(self) -> ProtectedTable:
        return ProtectedTable(
            rows=self.columns,
            columns=self.rows,
            cells={(c, r): n for (r, c), n in self.cells.items()},
            row_totals=self.column_totals,
            column_totals=self.row_totals,
            total=self.total,
            hidden_cells={(c, r) for r, c in self.hidden_cells},
            hidden_rows=self.hidden_columns,
            hidden_columns=self.hidden_rows,
            withheld=self.withheld,
        )


# Vertices of the table's graph: a row, a column, or the totals' row and column.
_TOTALS_ROW = ("totals", "row")
_TOTALS_COLUMN = ("totals", "column")


def _edges(table: ProtectedTable) -> dict:
    """Every figure of the table as an edge between the two sums it takes part in: a cell joins
    its row and its column, a row total its row and the totals' column, a column total the
    totals' row and its column, the total the totals' row and column."""
    edges = {}
    for r in table.rows:
        for c in table.columns:
            edges[("cell", r, c)] = (("row", r), ("column", c))
        edges[("row", r)] = (("row", r), _TOTALS_COLUMN)
    for c in table.columns:
        edges[("column", c)] = (_TOTALS_ROW, ("column", c))
    edges[("total",)] = (_TOTALS_ROW, _TOTALS_COLUMN)
    return edges


def _connected(adjacent: dict, start, goal, skip) -> bool:
    seen, todo = {start}, [start]
    while todo:
        vertex = todo.pop()
        if vertex == goal:
            return True
        for edge, other in adjacent.get(vertex, ()):
            if edge != skip and other not in seen:
                seen.add(other)
                todo.append(other)
    return False


def _bridges(hidden: set, edges: dict) -> list:
    """The hidden figures that the shown ones determine.

    Each sum (a row, a column, the totals' row or column) is an equation, each figure an unknown
    in the two it joins: with the sign of the margins flipped the equations are the incidence
    matrix of a bipartite graph, whose null space is its cycle space. A hidden figure can be
    worked out exactly when no cycle of hidden figures runs through it: when it is a bridge."""
    adjacent: dict = {}
    for edge in hidden:
        u, w = edges[edge]
        adjacent.setdefault(u, []).append((edge, w))
        adjacent.setdefault(w, []).append((edge, u))
    return sorted(
        (edge for edge in hidden if not _connected(adjacent, *edges[edge], skip=edge)), key=str
    )


def _cheapest_cycle(bridge, hidden: set, edges: dict, cost: dict) -> list | None:
    """The cells to hide so that a cycle of hidden figures runs through `bridge` (Dijkstra from
    one end of it to the other; hidden figures cost nothing, cells their count)."""
    start, goal = edges[bridge]
    adjacent: dict = {}
    for edge, (u, w) in edges.items():
        if edge == bridge or (edge not in hidden and edge not in cost):
            continue
        weight = 0 if edge in hidden else cost[edge]
        adjacent.setdefault(u, []).append((weight, edge, w))
        adjacent.setdefault(w, []).append((weight, edge, u))
    best = {start: 0}
    came: dict = {}
    queue = [(0, str(start), start)]
    while queue:
        distance, _key, vertex = heapq.heappop(queue)
        if vertex == goal:
            path, at = [], goal
            while at != start:
                edge, at = came[at]
                path.append(edge)
            return [edge for edge in path if edge not in hidden]
        if distance > best.get(vertex, distance):
            continue
        for weight, edge, other in adjacent.get(vertex, ()):
            total = distance + weight
            if total < best.get(other, total + 1):
                best[other] = total
                came[other] = (edge, vertex)
                heapq.heappush(queue, (total, str(other), other))
    return None


def protect_table(table: ProtectedTable) -> ProtectedTable:
    """Hide the table's sensitive cells, and enough other cells that none of them, nor any hidden
    total, can be worked out from what is shown (complementary suppression).

    The margins' visibility is given (`hidden_rows`, `hidden_columns`: they are the questions'
    own results, protected by `protect_line`); only cells are hidden here. Where no set of cells
    will do, the whole table is withheld."""
    edges = _edges(table)
    hidden = {("row", r) for r in table.hidden_rows}
    hidden |= {("column", c) for c in table.hidden_columns}
    cost = {}
    for (r, c), n in table.cells.items():
        if sensitive(n):
            hidden.add(("cell", r, c))
        elif n:
            cost[("cell", r, c)] = _complement_cost(n)
    while True:
        bridges = _bridges(hidden, edges)
        if not bridges:
            break
        added = _cheapest_cycle(bridges[0], hidden, edges, cost)
        if not added:
            table.withheld = True
            break
        hidden.update(added)
    table.hidden_cells = {(edge[1], edge[2]) for edge in hidden if edge[0] == "cell"}
    return table


def _protect_question(
    result: QuestionResult,
    by_option: dict[str, int],
    by_number: dict[tuple[str, int], int],
    answered: int,
    respondents: int,
) -> None:
    """Complementary suppression within one question of the public results (see the module's
    docstring): what the single counts left shown must not give away a hidden one."""
    kind = result.question.engine
    if kind.one_value:
        if kind.counted_by == "number":
            true = {str(number): n for (_row, number), n in by_number.items()}
        else:
            true = by_option
        _hide_in_line(result, result.bars, true, answered, respondents)
        if any(bar.count is None for bar in result.bars):
            result.mean = None
    elif kind.has_rows:
        any_hidden = False
        for row in result.rows:
            true = {
                str(number): n for (label, number), n in by_number.items() if label == row.label
            }
            row_answered = sum(true.values())
            if row.count is None and sensitive(row_answered):
                any_hidden = True
                continue
            holder = QuestionResult(question=result.question, answered=row.count)
            _hide_in_line(holder, row.bars, true, row_answered, respondents)
            row.count = holder.answered
            if row.count is None or any(bar.count is None for bar in row.bars):
                row.mean = None
            any_hidden = any_hidden or row.count is None
        if any_hidden:
            result.answered = None
    else:
        # Multiple choice, numbers and texts: the options of a multiple choice overlap (no sum to
        # undo), but the answered count must not give away a small "no answer".
        if NO_ANSWER in protect_line({"answered": answered, NO_ANSWER: respondents - answered}):
            result.answered = None
            for bar in result.bars:
                bar.share = None
        if kind.extremes:
            # The smallest and the largest are one respondent's own answers.
            result.minimum = result.maximum = None


def _hide_in_line(result, bars: list[Bar], true: dict, answered: int, respondents: int) -> None:
    """Hide the bars `protect_line` picks among the counts and "no answer"; without "no answer"
    shown, the answered count (respondents less it) and the shares (count / answered) go too."""
    line = {bar.key: true.get(bar.key, 0) for bar in bars}
    line[NO_ANSWER] = respondents - answered
    hidden = protect_line(line)
    for bar in bars:
        if bar.key in hidden:
            bar.count = bar.share = None
    if NO_ANSWER in hidden:
        result.answered = None
        for bar in bars:
            bar.share = None
