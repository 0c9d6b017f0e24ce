import os

import pytest

from game.content.loader import load_pack
from game.engine import Engine


@pytest.fixture(autouse=True)
def _isolated_saves(tmp_path, monkeypatch):
    """Nothing a test does touches the developer's saves or settings."""
    monkeypatch.setenv("YALTA_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("YALTA_CONFIG", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def default_pack():
    return load_pack("default")


@pytest.fixture(scope="session")
def classic_pack():
    return load_pack("classic")


@pytest.fixture(scope="session")
def engine(default_pack):
    return Engine(default_pack)


@pytest.fixture(scope="session")
def classic(classic_pack):
    return Engine(classic_pack)


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: long statistical checks (still run in CI)")
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
