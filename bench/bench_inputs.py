"""How long followup takes to load or refuse large and hostile inputs, and to proofread a large panel.

Run from the checkout: ``PYTHONPATH=src python bench/bench_inputs.py``. Prints one line per case:
seconds (best of 3) and the outcome. The issue's bar: every case loads or fails cleanly within seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from followup.check import proofread  # noqa: E402
from followup.errors import FollowupError  # noqa: E402
from followup.loading import load_interview  # noqa: E402

HEAD = (ROOT / "examples" / "phone-screen.yaml").read_text(encoding="utf-8").split("interviewers:")[0]
PERSON = '  - name: Person {0}\n    title: Engineer\n    topics: ["topic {0}"]\n'


def cases(folder: Path) -> dict[str, tuple]:
    made = {}
    big = "".join(PERSON.format(index) for index in range(90_000))
    path = folder / "5mb.yaml"
    path.write_text(HEAD + "interviewers:\n" + big[: 5 * 1024 * 1024 - len(HEAD) - 20], encoding="utf-8")
    made["5 MB YAML, 70,000 interviewers"] = (path, None)
    path = folder / "nodes.yaml"
    path.write_text(HEAD + "interviewers:\n" + "".join(PERSON.format(index) for index in range(4_900)), encoding="utf-8")
    made["YAML just under the node limit (4,900 interviewers, ~20k lines)"] = (path, None)
    path = folder / "long-scalar.yaml"
    path.write_text(HEAD + 'interviewers:\n  - name: A\n    note: "' + "word " * 200_000 + '"\n', encoding="utf-8")
    made["1 MB YAML with one 1 MB note"] = (path, None)
    data = {"candidate": {"name": "A"}, "interview": {"company": "C", "position": "P", "date": "2026-11-24"},
            "interviewers": [{"name": f"Person {index}", "note": "n" * 60} for index in range(50_000)]}
    path = folder / "5mb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    made["4.9 MB JSON, 50,000 interviewers"] = (path, None)
    rows = ["name,title,email,topics,note"]
    rows += [f"Person {i},Engineer,person{i}@acme.example,topic {i};roadmap,Thanks for the talk about project {i}."
             for i in range(1000)]
    panel = folder / "panel.csv"
    panel.write_text("\n".join(rows) + "\n", encoding="utf-8")
    made["1,000-interviewer CSV: load"] = (ROOT / "examples" / "phone-screen.yaml", panel)
    return made


def best_of(runs: int, action) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            outcome = action()
        except FollowupError as error:
            outcome = f"error: {str(error)[:90]}"
        times.append(time.perf_counter() - start)
    return min(times), outcome


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        made = cases(Path(folder))
        for name, (path, panel) in made.items():
            seconds, outcome = best_of(3, lambda: f"loaded {len(load_interview(path, panel).interviewers)} interviewers")
            print(f"{seconds:6.2f} s  {name}: {outcome}")
        path, panel = made["1,000-interviewer CSV: load"]
        seconds, outcome = best_of(
            3, lambda: f"{len(proofread([path], interviewers=panel, today=dt.date(2026, 11, 25), out_dir=None))} findings"
        )
        print(f"{seconds:6.2f} s  1,000-interviewer CSV: proofread (every registered product prepared): {outcome}")


if __name__ == "__main__":
    main()
