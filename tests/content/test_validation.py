"""Bad content gives FILE:LINE: errors and exit 1: never a traceback, never runs anything."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.helpers import repo_env
from game.content.loader import ContentError, builtin_packs_dir, load_pack


@pytest.fixture
def pack_copy(tmp_path):
    dst = tmp_path / "pack"
    shutil.copytree(builtin_packs_dir() / "default", dst)
    return dst


def shown(f: Path) -> str:
    """How the loader names a file: relative to the working folder when inside it."""
    try:
        return str(f.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(f)


def _problems(path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_pack(str(path))
    return e.value.problems


def _edit(path: Path, old: str, new: str, count: int = 1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_unknown_key(pack_copy):
    f = pack_copy / "actions_us.yaml"
    _edit(f, "    cost: 2\n", "    cost: 2\n    costt: 3\n")
    probs = _problems(pack_copy)
    line = _line_of(f, "costt:")
    assert any(p.startswith(f"{shown(f)}:{line}:") and "unknown key 'costt'" in p for p in probs), probs


def test_wrong_type(pack_copy):
    f = pack_copy / "actions_cn.yaml"
    _edit(f, "    cost: 2\n", "    cost: lots\n")
    probs = _problems(pack_copy)
    line = _line_of(f, "cost: lots")
    assert any(p.startswith(f"{shown(f)}:{line}:") and "cost" in p for p in probs), probs


def test_dangling_id(pack_copy):
    f = pack_copy / "scenarios.yaml"
    _edit(f, "us: [us_frontier_lead,", "us: [us_no_such_objective,")
    probs = _problems(pack_copy)
    assert any(shown(f) in p and "us_no_such_objective" in p for p in probs), probs


def test_dangling_channel_in_effect(pack_copy):
    f = pack_copy / "actions_us.yaml"
    _edit(f, "channel.track2", "channel.track9")
    probs = _problems(pack_copy)
    assert any("track9" in p and p.startswith(shown(f)) for p in probs), probs


def test_python_tag_is_refused_and_never_run(pack_copy, tmp_path):
    marker = tmp_path / "pwned"
    f = pack_copy / "events_early.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text + f"\n# appended\nextra: !!python/object/apply:os.system ['touch {marker}']\n",
                 encoding="utf-8")
    probs = _problems(pack_copy)
    assert any("python" in p and p.startswith(shown(f)) for p in probs), probs
    assert not marker.exists()


def test_huge_file(pack_copy):
    f = pack_copy / "events_late.yaml"
    with open(f, "a", encoding="utf-8") as fh:
        fh.write("# " + "x" * (50 * 1024 * 1024) + "\n")
    probs = _problems(pack_copy)
    assert any(p.startswith(f"{shown(f)}:1:") and "limit" in p for p in probs), probs


def test_invalid_utf8(pack_copy):
    f = pack_copy / "offers.yaml"
    data = f.read_bytes().split(b"\n")
    data[4] = data[4] + b" \xff\xfe"
    f.write_bytes(b"\n".join(data))
    probs = _problems(pack_copy)
    assert any(p.startswith(f"{shown(f)}:5:") and "UTF-8" in p for p in probs), probs


def test_broken_yaml(pack_copy):
    f = pack_copy / "channels.yaml"
    _edit(f, "  - id: hotline", "  - id: [hotline")
    probs = _problems(pack_copy)
    assert any(p.startswith(shown(f)) and "YAML" in p for p in probs), probs


def test_duplicate_id(pack_copy):
    f = pack_copy / "actions_cn.yaml"
    _edit(f, "id: cn_datacenters", "id: cn_chip_subsidies")
    probs = _problems(pack_copy)
    assert any("duplicate actions id 'cn_chip_subsidies'" in p for p in probs), probs


def test_duplicate_key(pack_copy):
    f = pack_copy / "swing_states.yaml"
    _edit(f, "    lean: 15\n", "    lean: 15\n    lean: 20\n")
    probs = _problems(pack_copy)
    assert any("duplicate key 'lean'" in p for p in probs), probs


def test_wrong_schema_version(pack_copy):
    f = pack_copy / "offers.yaml"
    _edit(f, "schema_version: 1", "schema_version: 7")
    probs = _problems(pack_copy)
    assert any(p.startswith(f"{shown(f)}:1:") and "schema_version" in p for p in probs), probs


def test_validate_command(pack_copy, capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "ok:" in out
    f = pack_copy / "actions_us.yaml"
    _edit(f, "    cost: 2\n", "    cost: 2\n    bogus: 1\n")
    assert main(["validate", str(pack_copy)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out and all(":" in line for line in out)
    assert out[0].startswith(f"{shown(f)}:")


def test_validate_subprocess_no_traceback(pack_copy):
    f = pack_copy / "events_middle.yaml"
    f.write_text("schema_version: 1\nkind: events\nentries:\n  - !!python/name:os.system\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "game", "validate", str(pack_copy)],
                       capture_output=True, text=True, env=repo_env())
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    assert f"{shown(f)}:4:" in r.stdout


def test_missing_translation_is_reported(pack_copy, capsys):
    f = pack_copy / "swing_states.yaml"
    _edit(f, 'zh-Hant: "印度"', 'zh-Hant: " "')
    # an empty translation is a schema error only when missing; blank text is caught by --lang
    code = main(["validate", "--lang", "zh-Hant", str(pack_copy)])
    out = capsys.readouterr().out
    assert code == 1 and "india" in out and "zh-Hant" in out
