"""What a subcommand is: a name, help texts, its arguments, and the function that runs it.

``ats`` builds one argparse sub-parser per :class:`Command`; a new subcommand (``ats rls
audit``...) is a module exposing a ``COMMAND`` and one line in ``__main__.COMMANDS``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Command"]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    help: str
    """One line, shown in ``ats --help``."""
    description: str
    """Shown in ``ats NAME --help``."""
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    """Runs the command; returns the process exit status."""
