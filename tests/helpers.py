import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def repo_env(**extra) -> dict:
    """The environment for running ``python -m game`` from any folder against this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env
