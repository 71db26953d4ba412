"""What every command of `medborgardialog` shares: its error and its common options."""

from __future__ import annotations

import argparse


class CommandError(Exception):
    """A failure to report as one line on stderr, with a non-zero exit."""


def add_common(parser: argparse.ArgumentParser) -> None:
    """`--db` and `--campaigns`, which most commands take."""
    parser.add_argument(
        "--db", help="database file (default: $MEDBORGARDIALOG_DB or medborgardialog.db)"
    )
    parser.add_argument(
        "--campaigns",
        dest="campaigns_dir",
        help="folder of campaign files (default: the sample campaigns)",
    )
