"""The wheel carries the fonts and layouts, and an installed followup finds them from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (path,) = out.glob("followup-*.whl")
    return path


def test_wheel_contains_fonts_layouts_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for font in (ROOT / "fonts").glob("*.ttf"):
        assert f"followup/_data/fonts/{font.name}" in names
    assert "followup/_data/fonts/fonts.toml" in names
    assert any(name.startswith("followup/_data/fonts/licenses/") for name in names)
    for layout in (ROOT / "layouts").rglob("*.toml"):
        assert f"followup/_data/layouts/{layout.relative_to(ROOT / 'layouts')}" in names
    assert "followup/templates/email/warm.j2" in names and "followup/starter.yaml" in names


def test_installed_wheel_runs_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.argv = ['followup', 'layouts']\n"
        "import followup.resources as r; print(r.data_dir('fonts')); print(r.data_dir('layouts'))\n"
        "from followup.cli import main\nmain()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(target)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    fonts_dir, layouts_dir = result.stdout.splitlines()[:2]
    assert fonts_dir.startswith(str(target)) and layouts_dir.startswith(str(target))
    assert "a2-folded" in result.stdout
