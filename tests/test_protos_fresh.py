"""The committed generated code is what `make protos` would produce from protos/ now."""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "protos"))


def test_generated_code_is_up_to_date(tmp_path: Path) -> None:
    import generate  # protos/generate.py

    generate.generate(tmp_path)
    committed = ROOT / "libs" / "proto" / "src"
    fresh_files = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    committed_files = {
        p.relative_to(committed)
        for p in committed.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)
    }
    assert fresh_files == committed_files, "run `make protos` and commit the result"
    stale = [
        str(f)
        for f in sorted(fresh_files)
        if not filecmp.cmp(tmp_path / f, committed / f, shallow=False)
    ]
    assert not stale, f"stale generated files (run `make protos`): {stale}"
