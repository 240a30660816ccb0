"""The ``ats`` command line: one module per subcommand, listed in ``__main__``.

Nothing happens at import time; each command imports what it needs when it runs.
"""

from ats_backend.cli._command import Command

__all__ = ["Command"]
