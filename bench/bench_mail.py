"""How long envelopes and labels take for a large panel: python bench/bench_mail.py [COUNT]."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def main(count: int) -> None:
    from typer.testing import CliRunner

    import test_labels
    from followup.cli import app

    with tempfile.TemporaryDirectory() as folder:
        def write(name: str, text: str) -> Path:
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            return path

        source = test_labels.panel(write, count)
        runner = CliRunner()
        for command, extra in (("envelopes", ["--size", "us10"]), ("labels", []), ("labels", ["--sheet", "avery-l7163"])):
            start = time.perf_counter()
            result = runner.invoke(app, [command, str(source), "-o", f"{folder}/{command}", "-q", *extra])
            elapsed = time.perf_counter() - start
            print(f"{command} {' '.join(extra)}: {count} interviewers in {elapsed:.2f} s (exit {result.exit_code})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
