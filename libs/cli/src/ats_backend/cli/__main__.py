"""``ats``: the entry point (console script and ``python -m ats_backend.cli``).

Exit status: the command's own (0 on success), 2 for usage errors (argparse's convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata

from ats_backend.cli import parse, rls
from ats_backend.cli._command import Command

__all__ = ["COMMANDS", "main"]

COMMANDS: tuple[Command, ...] = (parse.COMMAND, rls.COMMAND)
"""Every subcommand, in the order ``ats --help`` lists them."""


def _version() -> str:
    try:
        return metadata.version("ats-cli")
    except metadata.PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ats", description="Applicant tracking system tools that run on this machine."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.description)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
