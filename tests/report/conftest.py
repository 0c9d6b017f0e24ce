import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def golden_saves() -> list[Path]:
    return sorted(p for p in GOLDEN.glob("*.json") if p.name != "expected.json")


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))


def rewrite(src: Path, dst: Path, change, reseal: bool = True) -> Path:
    """Copy a save with ``change(doc)`` applied; ``reseal`` recomputes the checksum, as a
    deliberate forger would."""
    from game import saves as S

    doc = json.loads(src.read_text(encoding="utf-8"))
    change(doc)
    if reseal:
        doc["checksum"] = S.checksum(doc)
    dst.write_text(json.dumps(doc), encoding="utf-8")
    return dst
