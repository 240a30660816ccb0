"""Generate the Python protobuf/gRPC code (with mypy stubs) from protos/ into an output tree.

`make protos` writes into libs/proto/src; tests/test_protos_fresh.py writes into a temporary
directory and compares, so committed code that is stale fails the suite.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROTO_ROOT = Path(__file__).resolve().parent
DEFAULT_OUT = PROTO_ROOT.parent / "libs" / "proto" / "src"


def proto_files() -> list[Path]:
    return sorted(PROTO_ROOT.rglob("*.proto"))


def generate(out_dir: Path) -> None:
    # Imported here so that importing this module (e.g. from a test) costs nothing.
    import grpc_tools
    from grpc_tools import protoc

    out_dir.mkdir(parents=True, exist_ok=True)
    # protoc finds the mypy plugins on PATH; they live beside this interpreter in the venv.
    bin_dir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    args = [
        "grpc_tools.protoc",
        f"-I{PROTO_ROOT}",
        f"-I{well_known}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        f"--mypy_out={out_dir}",
        f"--mypy_grpc_out={out_dir}",
        *(str(p.relative_to(PROTO_ROOT)) for p in proto_files()),
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    # Regular packages below the shared `ats_backend` namespace, so tools resolve them plainly.
    for directory in sorted({p.parent for p in out_dir.rglob("*_pb2.py")}):
        current = directory
        while current != out_dir / "ats_backend":
            (current / "__init__.py").touch()
            current = current.parent
    (out_dir / "ats_backend" / "proto" / "py.typed").touch()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    generate(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
