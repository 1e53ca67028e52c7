"""The `kit` command. Exit codes: 0 fine, 1 errors found or a step failed, 2 wrong usage.

Start-up stays light: subcommands import what they need when they run, so `kit check` never
loads Jupyter machinery. A user's mistake prints a message in Chinese, never a traceback
(set KIT_DEBUG=1 to see one for a bug).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from kit.cli import batch, build, check, cycle, history, hub, imports, serve, summary
from kit.cli.command import DEFAULT_PARAMETERS, Command
from kit.errors import KitError, UsageError
from kit.messages import cli as say

# The areas whose commands `kit` offers, in the order `kit --help` lists them.
AREAS = (check, imports, build, batch, summary, cycle, history, serve, hub)


def commands() -> dict[str, Command]:
    return {c.name: c for area in AREAS for c in area.COMMANDS}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(say.usage_error(message, self.format_usage()))


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kit", description=say.PROGRAM)
    p.add_argument("--parameters", type=Path, default=Path(os.environ.get("KIT_PARAMETERS", DEFAULT_PARAMETERS)), help=say.PARAMETERS_HELP)
    sub = p.add_subparsers(dest="command", metavar=say.COMMAND_METAVAR, parser_class=_Parser)
    for c in commands().values():
        c.arguments(sub.add_parser(c.name, help=c.help, description=c.help))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        if not args.command:
            parser().print_help()
            return 2
        return commands()[args.command].run(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KitError as exc:
        print(say.refused(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(say.STOPPED, file=sys.stderr)
        return 130
    except Exception:
        if os.environ.get("KIT_DEBUG"):
            traceback.print_exc()
        else:
            print(say.INTERNAL_ERROR, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
