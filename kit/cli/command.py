"""One subcommand of `kit`: its name, its help line, its arguments and what it runs.

Each area of the kit lists its commands in kit/cli/<area>.py as ``COMMANDS``; kit/cli/main.py
registers the areas in one explicit list.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PARAMETERS = Path("parameters")


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], object]
    run: Callable[[argparse.Namespace], int]
