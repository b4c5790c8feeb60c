"""`pip install .` ships everything read at run time, the schemas included."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_contains_the_schemas(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(REPO, source, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__", "dist"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                            "--no-build-isolation", "-w", str(tmp_path), "-q"],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("faq_pipeline-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pipeline/schema/collection.schema.json" in names
    assert "pipeline/schema/removed.schema.json" in names
    assert "pipeline/cli.py" in names and "pipeline/rules/truncated_answer.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "faq = pipeline.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_shipped_schemas_are_the_repository_schemas():
    from importlib.resources import files

    for name in ("collection.schema.json", "removed.schema.json"):
        packaged = (files("pipeline") / "schema" / name).read_bytes()
        assert packaged == (REPO / "schema" / name).read_bytes()
