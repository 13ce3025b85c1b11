"""Cards per second for 500 interviewers, natural variation on and off (a benchmark, not a test).

Run from the repository: ``PYTHONPATH=src python bench/cards.py [--count 500] [--size a2-folded]``.
It times the work ``followup cards`` does (merge, fit, draw each card.pdf, then the combined
cards.pdf) without the disk writes, which depend on the machine's file system.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PANEL = """\
candidate: {{name: Alex Morgan, email: alex.morgan@example.com}}
interview: {{company: Acme Robotics, position: Senior Data Analyst, date: 2026-11-24, round: second}}
interviewers:
{people}
"""
PERSON = """\
  - name: {name}
    honorific: {honorific}
    topics: ["{topic}"]
    note: "Thank you for {thanks}; it made the {topic} concrete for me."
"""
GIVEN = ["Jordan", "Siobhán", "Łukasz", "Yuki", "Amara", "Mateo", "Priya", "Zoë", "Nguyễn", "Ingrid"]
FAMILY = ["Rivera", "O'Brien", "Müller", "Tanaka", "Okafor", "García", "Sharma", "Lindqvist", "Văn An", "Berg"]
TOPICS = ["the Q3 forecasting migration", "model monitoring in production", "data contracts between teams", "spare-parts demand"]
THANKS = ["the tour of the lab", "the time on Tuesday", "the candid answers", "the whiteboard session"]


def interview_file(count: int, folder: Path) -> Path:
    people = "".join(
        PERSON.format(
            name=f"{GIVEN[n % 10]} {FAMILY[(n // 10) % 10]} {n}",
            honorific=("Ms.", "Dr.", "Mr.", "Mx.")[n % 4],
            topic=TOPICS[n % 4],
            thanks=THANKS[(n // 4) % 4],
        )
        for n in range(count)
    )
    path = folder / "bench.yaml"
    path.write_text(PANEL.format(people=people), encoding="utf-8")
    return path


def measure(path: Path, count: int, size: str, natural: bool) -> tuple[float, float, int]:
    from followup import run
    from followup.render import card
    from followup.render.base import Common

    interviews = run.load_all([path])
    items = run.items(interviews, Path(tempfile.gettempdir()) / "followup-bench")
    renderer = card.renderer(Common(today=dt.date(2026, 11, 25), seed=1), size=size, natural=natural)
    start = time.perf_counter()
    prepared = [renderer.prepare(item) for item in items]
    total_bytes = sum(len(renderer.render(ready)) for ready in prepared)
    each = time.perf_counter() - start
    start = time.perf_counter()
    total_bytes += len(renderer.combine(prepared))
    combined = time.perf_counter() - start
    return each, combined, total_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--size", default="a2-folded")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = interview_file(options.count, Path(folder))
        measure(path, 5, options.size, True)  # warm up: fonts parsed, templates compiled
        print(f"{options.count} interviewers, {options.size}, one process")
        for natural in (True, False):
            each, combined, total = measure(path, options.count, options.size, natural)
            label = "natural" if natural else "plain  "
            print(
                f"{label}: {options.count / each:7.1f} cards/s (fit + card.pdf each, {each:5.2f} s), "
                f"combined cards.pdf {combined:5.2f} s ({options.count / combined:7.1f} pages/s), "
                f"{total / 1e6:5.1f} MB"
            )


if __name__ == "__main__":
    main()
