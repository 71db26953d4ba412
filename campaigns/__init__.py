"""The sample campaign files that ship with the product (`demo` is what `demo` serves)."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).parent
