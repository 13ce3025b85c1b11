"""Benchmarks: followup against the floor of its stack (bare ReportLab), and its start-up.

    python bench/run.py                      # 10, 100 and 1000 interviewers, every product
    python bench/run.py --sizes 10,100 --products cards,render

For each product command (and `render`) and each size N, the panel example is scaled to N
interviewers and rendered as a whole process (with --jobs 1 and --jobs 2 where the command
takes --jobs), timing the wall clock and the peak resident set of the largest process
(os.wait4's rusage covers the process and the workers it waited for). Items/s counts
interviewers; pages/s counts every PDF page written (item files and combined files).
Peak memory is the largest single process: with --jobs 2 that is the biggest worker or parent.

The floor: the PDFs of the --jobs 1 run are read back with pdfplumber and drawn again by
bench/floor.py, a bare ReportLab script (same strings, positions, fonts, page sizes and
compression, nothing else), timed the same way, as one process (less the time it takes to read
its spec, which is bench plumbing); the ratio followup / bare is
what everything that is not drawing costs (for `render`, the email drafts are part of it).

Start-up: `followup --help` and `followup render` on a one-interviewer file, as processes.
Prints a table, writes bench/results.json, and with --markdown FILE the tables in Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from copy import deepcopy
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PANEL = ROOT / "examples" / "panel-interview.yaml"
PRODUCTS = ("cards", "letters", "envelopes", "labels", "call-sheets", "emails", "render")
DATE = "2026-11-25"
sys.path.insert(0, str(BENCH))

import floor  # noqa: E402


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": "0"}


def measure(args: list[str]) -> dict:
    """Run ``args`` in a helper that reports wall time and ru_maxrss of its children (just this one)."""
    helper = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'wall': wall, 'peak_kib': peak, 'status': done.returncode,"
        " 'stdout': done.stdout[-4000:], 'stderr': done.stderr[-4000:]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", helper, *args], env=env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark helper failed: {done.stderr}")
    return json.loads(done.stdout)


def available_commands() -> set[str]:
    done = subprocess.run([sys.executable, "-m", "followup", "--help"], env=env(), capture_output=True, text=True)
    return set(re.findall(r"^\s{2}([a-z][a-z-]*)\s", done.stdout.split("Commands:", 1)[1], re.M))


def takes(command: str, option: str) -> bool:
    """Does ``followup COMMAND --help`` list ``option``?"""
    done = subprocess.run([sys.executable, "-m", "followup", command, "--help"], env=env(), capture_output=True, text=True)
    return option in done.stdout


def scaled_panel(count: int, folder: Path) -> Path:
    """The panel example with ``count`` interviewers (its four, repeated with numbered names)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(PANEL.read_text(encoding="utf-8"))
    base = data["interviewers"]
    people = []
    for index in range(count):
        person = deepcopy(base[index % len(base)])
        round_ = index // len(base)
        if round_:
            person["name"] = f"{person['name']} {round_ + 1}"
            if "family_name" in person:
                person["family_name"] = f"{person['family_name']} {round_ + 1}"
            local, domain = person["email"].split("@")
            person["email"] = f"{local}{round_ + 1}@{domain}"
        people.append(person)
    data["interviewers"] = people
    path = folder / f"panel-{count}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str, indent=1), encoding="utf-8")
    return path


def count_pages(paths: list[Path]) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(path).pages) for path in paths)


def bench_product(command: str, sizes: list[int], jobs: list[int], work: Path, floor_max: int) -> list[dict]:
    rows = []
    job_options = jobs if takes(command, "--jobs") else [None]
    date = ["--date", DATE] if takes(command, "--date") else []
    for size in sizes:
        panel = scaled_panel(size, work)
        for job in job_options:
            out = work / f"{command}-{size}-{job}"
            args = [sys.executable, "-m", "followup", command, str(panel), "-o", str(out), *date, "--quiet"]
            if job is not None:
                args += ["--jobs", str(job)]
            result = measure(args)
            pdfs = sorted(out.rglob("*.pdf"))
            row = {
                "command": command, "interviewers": size, "jobs": job, "status": result["status"],
                "seconds": round(result["wall"], 3), "peak_rss_mib": round(result["peak_kib"] / 1024, 1),
                "files": len(pdfs), "pages": count_pages(pdfs) if pdfs else 0,
            }
            if result["status"] not in (0, 1):
                row["error"] = result["stderr"].strip().splitlines()[-1:]
            row["items_per_s"] = round(size / result["wall"], 1)
            row["pages_per_s"] = round(row["pages"] / result["wall"], 1)
            if pdfs and job in (None, 1) and size <= floor_max:
                spec_path = work / f"floor-{command}-{size}.json"
                spec_path.write_text(json.dumps(floor.spec(pdfs)), encoding="utf-8")
                bare_out = work / f"floor-{command}-{size}"
                bare = measure([sys.executable, str(BENCH / "floor.py"), str(spec_path), str(bare_out)])
                if bare["status"] != 0:
                    raise SystemExit(f"floor failed: {bare['stderr']}")
                load = json.loads(bare["stdout"])["load_s"]  # reading the spec is not drawing
                row["bare_seconds"] = round(bare["wall"] - load, 3)
                row["bare_spec_load_s"] = round(load, 3)
                row["bare_peak_rss_mib"] = round(bare["peak_kib"] / 1024, 1)
                row["ratio"] = round(result["wall"] / row["bare_seconds"], 2)
                shutil.rmtree(bare_out)
            shutil.rmtree(out, ignore_errors=True)
            rows.append(row)
            print(format_row(row), flush=True)
    return rows


def profile(target: str, work: Path, top: int = 15) -> dict:
    """cProfile one run (``COMMAND:N``): followup's own functions by cumulative time, to see what
    besides drawing the time goes to."""
    import pstats

    command, size = target.split(":")
    panel = scaled_panel(int(size), work)
    date = ["--date", DATE] if takes(command, "--date") else []
    output = work / f"profile-{command}.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "followup", command, str(panel), "-o", str(work / "profiled"), *date, "--quiet"],
        env=env(), capture_output=True, text=True, check=False,
    )
    stats = pstats.Stats(str(output))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (file, line, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/followup/" in file and "/cli/" not in file and not file.endswith("__main__.py"):
            rows.append((cumulative, f"{file.split('/followup/', 1)[1]}:{line}({name})"))
    rows.sort(reverse=True)
    result = {"target": target, "total_s": round(total, 3), "top": [[where, round(seconds, 3)] for seconds, where in rows[:top]]}
    print(f"profile of {command} at N={size} ({result['total_s']} s under cProfile), cumulative:")
    for where, seconds in result["top"]:
        print(f"  {seconds:8.3f} s  {where}")
    return result


def startup(work: Path, repeats: int) -> dict:
    """Whole-process times of `followup --help` and `followup render` on one interviewer (median)."""
    one = scaled_panel(1, work)
    base = [sys.executable, "-m", "followup"]
    help_times = [measure([*base, "--help"])["wall"] for _ in range(repeats)]
    render_times, render_one_job = [], []
    for index in range(repeats):
        result = measure([*base, "render", str(one), "-o", str(work / f"one-{index}"), "--date", DATE, "--quiet"])
        render_times.append(result["wall"])
        if takes("render", "--jobs"):
            result = measure([*base, "render", str(one), "-o", str(work / f"one-j1-{index}"), "--date", DATE, "--quiet", "--jobs", "1"])
            render_one_job.append(result["wall"])
    python_times = [measure([sys.executable, "-c", "pass"])["wall"] for _ in range(repeats)]
    return {
        "python_bare_s": round(statistics.median(python_times), 3),
        "help_s": round(statistics.median(help_times), 3),
        "render_one_s": round(statistics.median(render_times), 3),
        "render_one_jobs1_s": round(statistics.median(render_one_job), 3) if render_one_job else None,
        "repeats": repeats,
    }


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("reportlab", "pdfplumber", "pypdf", "jinja2", "pydantic", "typer", "pillow", "fonttools"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
        "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
        "libraries": versions, "commit": commit, "when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


COLUMNS = [
    ("command", "command"), ("interviewers", "N"), ("jobs", "jobs"), ("seconds", "s"), ("items_per_s", "items/s"),
    ("pages", "pages"), ("pages_per_s", "pages/s"), ("peak_rss_mib", "peak MiB"),
    ("bare_seconds", "bare s"), ("ratio", "followup/bare"), ("status", "exit"),
]


def format_row(row: dict) -> str:
    return "  ".join(f"{str(row.get(key, '-') if row.get(key) is not None else '-'):>{max(len(title), 8)}}" for key, title in COLUMNS)


def markdown(results: dict) -> str:
    lines = ["| " + " | ".join(title for _, title in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in results["rows"]:
        lines.append("| " + " | ".join(str(row.get(key)) if row.get(key) is not None else "-" for key, _ in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="interviewer counts, comma-separated")
    parser.add_argument("--jobs", default="1,2", help="--jobs values for commands that take it")
    parser.add_argument("--products", default=",".join(PRODUCTS), help="commands to time (those not in --help are left out)")
    parser.add_argument("--floor-max", type=int, default=1000, help="largest N that also times the bare floor")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each start-up measure (median)")
    parser.add_argument("--json", default=str(BENCH / "results.json"), help="where to write the results")
    parser.add_argument("--markdown", help="also write the table in Markdown to this file")
    parser.add_argument("--profile", metavar="COMMAND:N", help="also profile one run, e.g. envelopes:1000")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    jobs = [int(job) for job in options.jobs.split(",")]
    have = available_commands()
    products = [p for p in options.products.split(",") if p in have]
    left_out = [p for p in options.products.split(",") if p not in have]
    results = {"machine": machine(), "sizes": sizes, "left_out": left_out, "rows": []}
    print(json.dumps(results["machine"], indent=1))
    if left_out:
        print(f"not commands here (left out): {', '.join(left_out)}")
    print(format_row({key: title for key, title in COLUMNS}))
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as folder:
        work = Path(folder)
        for product in products:
            results["rows"] += bench_product(product, sizes, jobs, work, options.floor_max)
        results["startup"] = startup(work, options.repeats)
        if options.profile:
            results["profile"] = profile(options.profile, work)
    results["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
    print("start-up (median of {repeats}): python -c pass {python_bare_s} s, followup --help {help_s} s, "
          "followup render (1 interviewer) {render_one_s} s, with --jobs 1 {render_one_jobs1_s} s".format(**results["startup"]))
    Path(options.json).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if options.markdown:
        Path(options.markdown).write_text(markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()
