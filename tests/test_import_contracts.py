"""The layers are a checked contract (pyproject.toml, [tool.importlinter]; README, "Layers"):
the pure scoring engine imports no Django, reads never import the write layer, views and
commands sit on top, and the model app knows nothing of assessments."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-logo", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", result.stdout)
    assert kept and int(kept[1]) >= 3, result.stdout  # pure scoring, layers, model app
