"""The report as JSON: the report dict itself, indented, keys sorted."""

from __future__ import annotations

import json


def render_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
