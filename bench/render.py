"""Benchmark of `followup render`: items per second and peak memory, by panel size and --jobs.

    python bench/render.py                       # 10 and 500 interviewers, --jobs 1 and 2
    python bench/render.py --sizes 10,100,500 --jobs 1,2 --only emails,call-sheets --json out.json

The panel example is scaled to N interviewers (its four people, numbered). Each run is a
fresh `python -m followup render` process into a fresh folder, so start-up is included.
Peak memory is the largest resident set of any process of the run (the parent or one
worker), from getrusage in a wrapper process. Not a test: timings go here, not in tests/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANEL = ROOT / "examples" / "panel-interview.yaml"
# runs followup, then prints the largest RSS (kB on Linux) of any process it waited for
WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def scaled_panel(size: int, folder: Path) -> Path:
    """The panel example with ``size`` interviewers, as JSON."""
    sys.path.insert(0, str(ROOT / "src"))
    from followup.loading import load_interview

    example = load_interview(PANEL).model_dump(mode="json", exclude_none=True)
    people = example["interviewers"]
    example["interviewers"] = [
        {**people[number % len(people)], "name": f"{people[number % len(people)]['name']} {number + 1}"}
        | ({"family_name": f"{people[number % len(people)]['family_name']} {number + 1}"} if "family_name" in people[number % len(people)] else {})
        for number in range(size)
    ]
    path = folder / f"panel-{size}.json"
    path.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    return path


def measure(panel: Path, out: Path, jobs: int, only: str | None) -> dict:
    command = [sys.executable, "-m", "followup", "render", str(panel), "-o", str(out), "--jobs", str(jobs), "-q", "--date", "2026-11-25"]
    if only:
        command += ["--only", only]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", WRAPPER, *command], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    rss_kb, code = (int(part) for part in result.stdout.split()[-2:])
    manifest = json.loads((out / ".followup-manifest.json").read_text())["files"]
    items = sum(1 for name in manifest if name.count("/") >= 2)
    return {"exit": code, "seconds": round(seconds, 2), "items": items, "files": len(manifest),
            "items_per_second": round(items / seconds, 1), "peak_rss_mb": round(rss_kb / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,500")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--only", default=None, help="products, as for render --only (default: all)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for size in (int(part) for part in args.sizes.split(",")):
            panel = scaled_panel(size, folder)
            for jobs in (int(part) for part in args.jobs.split(",")):
                row = {"interviewers": size, "jobs": jobs, **measure(panel, folder / f"out-{size}-{jobs}", jobs, args.only)}
                rows.append(row)
                print(f"{size:>6} interviewers  --jobs {jobs}  {row['items']:>5} items  {row['seconds']:>7.2f} s  "
                      f"{row['items_per_second']:>7.1f} items/s  peak RSS {row['peak_rss_mb']:>6.1f} MB  exit {row['exit']}", flush=True)
    sizes = sorted({row["interviewers"] for row in rows})
    if len(sizes) > 1:
        for jobs in sorted({row["jobs"] for row in rows}):
            small = next(r for r in rows if r["interviewers"] == sizes[0] and r["jobs"] == jobs)
            large = next(r for r in rows if r["interviewers"] == sizes[-1] and r["jobs"] == jobs)
            print(f"memory, --jobs {jobs}: {sizes[0]} -> {sizes[-1]} interviewers: "
                  f"{small['peak_rss_mb']} -> {large['peak_rss_mb']} MB ({large['peak_rss_mb'] / small['peak_rss_mb']:.2f}x)")
    result = {"machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}, "runs": rows}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
