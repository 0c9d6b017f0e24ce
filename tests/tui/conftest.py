"""TUI tests: every test gets its own saves folder and settings file, and no terminal."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    saves = tmp_path / "saves"
    monkeypatch.setenv("YALTA_SAVES", str(saves))
    monkeypatch.setenv("YALTA_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.chdir(tmp_path)
    return saves
