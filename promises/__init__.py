"""The sample promise files that ship with the product (`demo` follows the demo campaign)."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).parent
