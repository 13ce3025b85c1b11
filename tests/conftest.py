"""Shared fixtures: the examples, a fixed clock, and ways to run the CLI in-process or as a process."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PANEL = EXAMPLES / "panel-interview.yaml"
PHONE = EXAMPLES / "phone-screen.yaml"
CASES = Path(__file__).resolve().parent / "cases"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def cli():
    """Run ``followup ARGS...`` in-process; returns the click Result (exit_code, stdout, stderr)."""
    from followup.cli import app

    runner = CliRunner()

    def invoke(*args: str | Path):
        return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


def run_followup(*args: str | Path, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m followup ARGS...`` as a real process, using this checkout's src/."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "followup", *[str(arg) for arg in args]],
        cwd=cwd, env=env, capture_output=True, text=True, input=input, timeout=300,
    )


@pytest.fixture
def write(tmp_path):
    """Write a text file into the test's folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
