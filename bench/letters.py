"""How fast letters render: the panel example repeated into a large panel, one process.

Run from the repository root:  PYTHONPATH=src python bench/letters.py [PEOPLE]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(people: int = 200) -> None:
    from followup import run
    from followup.loading import load_interview
    from followup.render import letter
    from followup.render.base import Common

    interview = load_interview(ROOT / "examples" / "panel-interview.yaml")
    panel = [person.model_copy(update={"name": f"{person.name} {number}"}) for number in range(people // 4) for person in interview.interviewers]
    interview = interview.model_copy(update={"interviewers": panel})
    for window in ("none", "us10", "din-b"):
        renderer = letter.renderer(Common(today=dt.date(2026, 11, 25)), window=window)
        with tempfile.TemporaryDirectory() as folder:
            items = run.items([interview], Path(folder))
            start = time.perf_counter()
            report = run.run([renderer], items, Path(folder))
            seconds = time.perf_counter() - start
        pages = len(items)  # the panel letters are one page each
        print(f"window {window:6}: {len(items)} letters (+ letters.pdf) in {seconds:.2f} s, {pages / seconds:.0f} letters/s, {len(report.failures)} failed")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
