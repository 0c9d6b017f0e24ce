"""argparse's own words, the type errors of number_arg and the help of every command follow
the language of the command line; in English nothing changes."""

import argparse
import re

import pytest

from game.cli import argparse_language, build_parser, main, wrap_wide
from game.i18n import t

COMMANDS = ["validate", "schema", "derive-hans", "simulate", "play", "tournament", "report",
            "replay", "counterfactual", "host", "join", "facilitate", "watch", "serve", "briefing"]


@pytest.fixture(autouse=True)
def _english_80_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _run(capsys, *argv):
    with pytest.raises(SystemExit) as e:
        main(list(argv))
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


@pytest.mark.parametrize("argv,hant,hans,english", [
    (["simulate", "--us", "dove", "--cn", "hawk", "--bogus"], "無法辨識的參數：--bogus",
     "无法识别的参数：--bogus", "error: unrecognized arguments: --bogus"),
    (["simulate", "--us", "dove"], "缺少必要的參數：--cn", "缺少必要的参数：--cn",
     "error: the following arguments are required: --cn"),
    (["validat"], "無效的選擇：'validat'", "无效的选择：'validat'", "error: argument COMMAND: invalid choice"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--games", "x"], "參數 --games：'x' 不是整數",
     "参数 --games：'x' 不是整数", "error: argument --games: 'x' is not a whole number"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--noise", "2"], "2 不是 0 到 1 之間的機率",
     "2 不是 0 到 1 之间的概率", "argument --noise: 2 is not a probability between 0 and 1"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--seed", "-1"], "-1 不是有效的隨機種子",
     "-1 不是有效的随机种子", "-1 is not a seed (0 to 2^63-1)"),
    (["simulate", "--us"], "參數 --us：需要一個值", "参数 --us：需要一个值", "argument --us: expected one argument"),
    (["play", "--speed", "99"], "99 不在 0 到 60 秒之間", "99 不在 0 到 60 秒之间",
     "99 is not between 0 and 60 seconds"),
    (["play", "--noise", "x"], "無效的 float 值：'x'", "无效的 float 值：'x'", "invalid float value: 'x'"),
    (["host", "--port", "99999"], "99999 不是連接埠號碼（0 到 65535）", "99999 不是端口号（0 到 65535）",
     "99999 is not a port number (0 to 65535)"),
    (["counterfactual", "x.json", "--us", "hawk", "--cn", "dove"], "不能與參數 --us 同時使用",
     "不能与参数 --us 同时使用", "not allowed with argument --us"),
    (["counterfactual", "x.json"], "必須指定以下參數之一：--us --cn", "必须指定以下参数之一：--us --cn",
     "one of the arguments --us --cn is required"),
])
def test_argparse_errors_in_chinese(capsys, argv, hant, hans, english):
    code, out, err = _run(capsys, "--lang", "zh-Hant", *argv)
    assert code == 2 and not out
    assert err.startswith("用法：yalta") and "：錯誤：" in err and hant in err, err
    assert "usage" not in err and "error" not in err
    code, out, err = _run(capsys, *argv, "--lang", "zh-Hans")
    assert code == 2 and hans in err and "：错误：" in err, err
    code, out, err = _run(capsys, *argv)
    assert code == 2 and err.startswith("usage: yalta") and english in err, err


def test_argparse_is_english_again_afterwards(capsys):
    before = (argparse._, argparse.ngettext)
    _run(capsys, "--lang", "zh-Hans", "simulate", "--bogus")
    assert (argparse._, argparse.ngettext) == before
    assert argparse._("usage: ") == "usage: "
    with argparse_language("zh-Hant"):
        assert argparse._("usage: ") == "用法："
        assert argparse.ngettext("expected %s argument", "expected %s arguments", 2) == "需要 %s 個值"
        assert argparse._("some message argparse may add one day") == "some message argparse may add one day"
    assert argparse._("usage: ") == "usage: "


def test_the_language_of_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    code, _, err = _run(capsys, "simulate", "--us", "dove")
    assert "缺少必要的參數：--cn" in err
    code, _, err = _run(capsys, "--lang", "en", "simulate", "--us", "dove")
    assert "the following arguments are required: --cn" in err


def _help(capsys, *argv) -> str:
    code, out, err = _run(capsys, *argv)
    assert code == 0 and not err
    return out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_in_chinese(capsys, command):
    en = _help(capsys, command, "--help")
    assert en.startswith("usage: yalta ") and "show this help message and exit" in en
    parser = build_parser("en")
    sub = parser._subparsers._group_actions[0].choices[command]
    helps = [a.help for a in sub._actions if a.help and a.help != argparse.SUPPRESS]
    helps = [h.replace("%%", "%") for h in helps if re.search(r"[a-z]{3}", h)]
    assert helps
    if sub.description:
        helps.append(sub.description)
    for lang, words in (("zh-Hant", ("用法：", "選項：", "顯示此說明並結束")),
                        ("zh-Hans", ("用法：", "选项：", "显示此说明并结束"))):
        zh = _help(capsys, "--lang", lang, command, "--help")
        assert zh.startswith(f"用法：yalta {command} [-h]"), zh
        for w in words:
            assert w in zh, (w, zh)
        flat = " ".join(zh.split())
        for h in helps:
            assert " ".join(h.split())[:30] not in flat, (h, zh)
        assert "usage:" not in zh and "options:" not in zh and "show this help" not in zh
        for line in zh.splitlines():
            assert _cells(line) <= 80, line


def test_top_level_help_in_chinese(capsys):
    zh = _help(capsys, "--lang", "zh-Hant", "--help")
    assert "位置參數：" in zh and "顯示程式版本並結束" in zh and "檢查內容包" in zh
    for command in COMMANDS:  # every command's one-line help is in Chinese
        line = next(x for x in zh.splitlines() if x.strip().startswith(command + " "))
        assert any("\u4e00" <= c <= "\u9fff" for c in line), line
    en = _help(capsys, "--help")
    assert "positional arguments:" in en and "show program's version number and exit" in en


def test_wide_text_wraps_by_terminal_cells():
    text = t("cli.help.report_desc", "zh-Hant")
    lines = wrap_wide(text, 40)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(_cells(x) <= 40 for x in lines[:-1]) and len(lines) > 3
    assert not any(x[0] in "，。、；：）」" for x in lines)
    assert wrap_wide("plain words only", 10) == ["plain", "words only"]


@pytest.mark.parametrize("command", ["host", "facilitate"])
def test_usage_lines_up_after_a_chinese_prefix(capsys, command):
    code, _, err = _run(capsys, "--lang", "zh-Hant", command, "--port", "x")
    lines = err.splitlines()
    assert lines[0].startswith(f"用法：yalta {command} ")
    start = _cells(f"用法：yalta {command} ")
    assert len(lines) > 2
    for line in lines[1:-1]:
        assert line[:start].strip() == "" and line[start] in "[H", line


def test_a_bad_address_is_refused_in_the_chosen_language(capsys):
    import pytest

    from game.cli import main

    for lang, words in (("zh-Hant", "不是位址"), ("en", "has no port")):
        with pytest.raises(SystemExit) as e:
            main(["--lang", lang, "join", "nohost", "--code", "X"])
        assert e.value.code == 2 and words in capsys.readouterr().err
