"""A survey's results: counts, shares and means in SQL, cross-tabulations, filters.

Only submitted responses count. Every figure is a GROUP BY over the answers; the number of queries
does not depend on the number of responses (about a dozen for a page):

- the respondents (one COUNT);
- respondents per option of every choice question, and free texts per question (one GROUP BY
  question, option);
- answers per value of every scale, number and matrix row (one GROUP BY question, row, number):
  means, minimum, median and maximum come from these distributions;
- distinct respondents of multiple-choice questions (one COUNT DISTINCT); a matrix counts the
  respondents of its most answered row;
- for the public, the hidden texts per question (one COUNT);
- the latest free texts of each free-text or "other" question (one query each, along an index);
- municipality names when a municipality question has answers (one query).

Unfiltered, each GROUP BY runs over every answer to the questions and the drafts' answers (few) are
subtracted (see `_Counter`): both read only an index of the answers. With a filter ("those who
answered X"), the answers of the filtered responses are counted directly (a subquery).

A cross-tabulation is one query joining the answers to one question with the answers to another on
the response; a multiple-choice question counts a respondent once per chosen option.

Public results (`public=True`) never show a group of fewer than `MIN_GROUP` (5) respondents, nor
a figure from which one could be worked out. The rule lives here, and only here:

1. A count from 1 to MIN_GROUP - 1 is never shown (`sensitive`): not an option's count, a cell, a
   total, a filtered base; 0 is shown. The whole result is withheld below MIN_GROUP respondents
   (in the filtered base), a question answered by fewer than MIN_GROUP is withheld.
2. Complementary suppression within a question (`protect_line`): a one-value question's counts
   and its "no answer" add up to the respondents, so where one is hidden, so is at least one
   more (the smallest other count); "no answer" hidden hides the answered count and the shares.
   A scale's or a matrix row's mean goes with any hidden count (it would give them back); a
   number question shows no smallest and largest answer (one respondent's own).
3. Complementary suppression across two questions (`public_table`, `protect_table`): a public
   cross-tabulation is the table of two one-value questions with "no answer" as a row and a
   column, whose margins are the questions' own public results. Cells are hidden until no hidden
   figure lies on no cycle of hidden figures: each row and column sum is an equation, and a
   hidden figure can be solved for exactly when it is a bridge in the graph of hidden figures.
4. A public filter ("those who answered X") is a column of that same table, so a filter and a
   cross-tabulation cannot undo each other: filters and cross-tabulations take one-value
   questions only (`PUBLIC_PAIR_KINDS`), the filter's own count must be shown in the public
   results, other questions are not shown under a filter, and a filter is not combined with a
   cross-tabulation.

Editors (`public=False`) see every figure and every free text, hidden ones included.

Unfiltered, the counts above (and the editors' cross-tabulations once asked for) come from the
survey's tally (`surveys.tallies`) when it is current: kept by the services that write answers in
their transaction and checked against the responses on every read, so the results follow the
answers as they come in; a missing or stale tally is counted as above and kept.
"""

from samspill.surveys.results.disclosure import (
    MIN_GROUP,
    NO_ANSWER,
    ProtectedTable,
    protect_line,
    protect_table,
    sensitive,
    suppress,
)
from samspill.surveys.results.filters import (
    as_filter,
    base_responses,
    categories,
    filter_choices,
    municipality_names,
    parse_filter,
    submitted,
    value_label,
)
from samspill.surveys.results.shapes import (
    AnswerFilter,
    Bar,
    Crosstab,
    MatrixRow,
    QuestionResult,
    Summary,
    TextAnswer,
)
from samspill.surveys.results.summary import TEXTS_SHOWN, summary
from samspill.surveys.results.tables import crosstab, crosstab_questions, public_table

__all__ = [
    "MIN_GROUP",
    "NO_ANSWER",
    "TEXTS_SHOWN",
    "AnswerFilter",
    "Bar",
    "Crosstab",
    "MatrixRow",
    "ProtectedTable",
    "QuestionResult",
    "Summary",
    "TextAnswer",
    "as_filter",
    "base_responses",
    "categories",
    "crosstab",
    "crosstab_questions",
    "filter_choices",
    "municipality_names",
    "parse_filter",
    "protect_line",
    "protect_table",
    "public_table",
    "sensitive",
    "submitted",
    "summary",
    "suppress",
    "value_label",
]
