"""The schema change `m003_choices_in_responses`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m003_choices_in_responses(db: Database) -> None:
    """Count areas and background answers from the responses' own columns, over one index.

    The copies of each answer's areas and background answers in rows of their own cost a
    third of the database's work per stored answer; the counts group the few distinct
    choices instead (Karlstad: at most 336 orderings of 3 areas out of 8), over an index
    that covers them.
    """
    run_script(
        db,
        """
        DROP TABLE response_areas;
        DROP TABLE response_answers;
        CREATE INDEX responses_by_choice ON responses (campaign, areas, answers);
        """,
    )
