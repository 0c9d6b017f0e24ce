"""Fill in Simplified Chinese from Traditional Chinese in YAML files, in place.

OpenCC's ``tw2sp`` configuration converts characters and Taiwan phrasing to mainland usage
(晶片→芯片, 人工智慧→人工智能, 網路→网络). A short reviewed list (``REVIEWED``) then fixes the
terms it leaves as Taiwan or Hong Kong usage, and corner brackets become curly quotes
(「新雅爾塔」→“新雅尔塔”). The files are edited as text at the positions
the YAML parser reports, so comments, order and layout stay as the designer wrote them; only
``zh-Hans`` values are added. Existing ``zh-Hans`` texts are never overwritten (they may have
been reviewed by hand).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

# Terms OpenCC leaves in Taiwan/Hong Kong usage, reviewed against mainland usage.
REVIEWED = {
    "云端运算": "云计算",
    "资料中心": "数据中心",
    "讯息": "信息",
    "程式码": "代码",
    "恶意程式": "恶意程序",
    "数码": "数字",
    "透过": "通过",
    "新创公司": "初创公司",
    "运算量": "计算量",
    "网路": "网络",
    "创建": "建立",  # tw2sp reads 建立 as "create (a file)"; here it means establish
    "演示文稿": "简报",  # tw2sp reads 簡報 as a slide deck; here it is a briefing
    "指针": "指标",  # an indicator, not a pointer
    "检讨": "复盘",  # a game's debrief and its report: 复盘, as players of go and chess say
}


# Corner brackets are Taiwan and Hong Kong usage; mainland texts quote with curly quotes.
QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


def converter():
    try:
        import opencc
    except ImportError as e:  # pragma: no cover - depends on the extra
        raise RuntimeError("deriving Simplified Chinese needs OpenCC: pip install '.[i18n]'") from e
    cc = opencc.OpenCC("tw2sp")

    def convert(text: str) -> str:
        out = cc.convert(text)
        for a, b in REVIEWED.items():
            out = out.replace(a, b)
        return out.translate(QUOTES)

    return convert


def _offset(lines_start: list[int], mark) -> int:
    return lines_start[mark.line] + mark.column


def derive_file(path: Path, convert) -> int:
    """Add zh-Hans beside every zh-Hant in ``path``; return how many were added."""
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return 0
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    inserts: list[tuple[int, str]] = []

    def walk(node):
        if isinstance(node, yaml.MappingNode):
            keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            if "zh-Hant" in keys and "en" in keys and "zh-Hans" not in keys:
                knode, vnode = keys["zh-Hant"]
                hans = json.dumps(convert(vnode.value), ensure_ascii=False)
                if node.flow_style:
                    end = _offset(starts, node.end_mark) - 1  # the closing brace
                    while text[end - 1] == " ":
                        end -= 1
                    inserts.append((end, f", zh-Hans: {hans}"))
                else:
                    indent = " " * knode.start_mark.column
                    end = _offset(starts, vnode.end_mark)
                    # block scalars end at the start of the next line; plain ones mid-line
                    if text[end - 1:end] == "\n":
                        inserts.append((end, f"{indent}zh-Hans: {hans}\n"))
                    else:
                        nl = text.find("\n", end)
                        nl = len(text) if nl < 0 else nl
                        inserts.append((nl, f"\n{indent}zh-Hans: {hans}"))
            for _, v in node.value:
                walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                walk(v)

    walk(root)
    if not inserts:
        return 0
    for pos, ins in sorted(inserts, reverse=True):
        text = text[:pos] + ins + text[pos:]
    yaml.safe_load(text)  # still valid YAML, or raise before writing anything
    path.write_text(text, encoding="utf-8")
    return len(inserts)


HANT_DOC = ".zh-Hant.md"


def derive_doc(path: Path, convert) -> Path | None:
    """For a Markdown document ``NAME.zh-Hant.md``, write ``NAME.zh-Hans.md`` beside it,
    converted whole (code spans are ASCII and pass unchanged). An existing Simplified
    document is kept, as existing zh-Hans texts are in YAML. Returns the file written."""
    out = path.with_name(path.name[: -len(HANT_DOC)] + ".zh-Hans.md")
    if out.exists():
        return None
    out.write_text(convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def derive_paths(paths: list[Path]) -> dict[Path, int]:
    """Derive every YAML file and every ``*.zh-Hant.md`` document in ``paths`` (files or
    folders); returns each file written or changed with the number of texts added (a
    derived document counts as one)."""
    convert = converter()
    done = {}
    for p in paths:
        files = sorted(p.rglob("*.yaml")) + sorted(p.rglob("*" + HANT_DOC)) if p.is_dir() else [p]
        for f in files:
            if f.name.endswith(HANT_DOC):
                out = derive_doc(f, convert)
                if out is not None:
                    done[out] = 1
                continue
            n = derive_file(f, convert)
            if n:
                done[f] = n
    return done
