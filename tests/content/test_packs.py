"""The shipped packs load, cite their sources faithfully, and cover the design's themes."""

from pathlib import Path

import pytest

from game.content.loader import list_packs, load_pack

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_every_shipped_pack_loads():
    assert {"default", "classic"} <= set(list_packs())
    for name in list_packs():
        load_pack(name)


def test_default_pack_sizes(default_pack):
    p = default_pack
    assert len(p.scenarios) >= 2
    default = p.scenario()
    assert default.turns == 12 and (default.start_year, default.start_half) == (2025, 1)
    other = [s for s in p.scenarios.values() if s.id != default.id]
    assert any((s.start_year, s.trust, s.tension) != (default.start_year, default.trust, default.tension)
               for s in other)
    assert len(p.events) >= 30
    for era in ("early", "middle", "late"):
        assert sum(e.era == era for e in p.events.values()) >= 8
    assert sum(e.fog is not None for e in p.events.values()) >= 5
    assert sum(e.responses is not None for e in p.events.values()) >= 8
    assert len(p.offers) >= 12
    for side in ("us", "cn"):
        stances = {a.stance for a in p.actions_for(side)}
        assert stances == {"cooperative", "competitive", "neutral"}
    assert {"uae", "saudi", "india"} <= set(p.swing_states)
    assert {"gov_dialogue", "hotline", "track2", "joint_testing"} <= set(p.channels)


def _seed_text(seed_id: str) -> str:
    files = sorted(SEEDS.glob(f"{seed_id}_*.txt"))
    if not files:
        pytest.skip("the seed articles are not beside this checkout")
    return files[0].read_text(encoding="utf-8")


def _entries(pack):
    for kind in ("actions", "events", "offers", "channels", "swing_states", "objectives", "scenarios"):
        for eid, e in getattr(pack, kind).items():
            yield kind, eid, e


@pytest.mark.parametrize("name", ["default", "classic"])
def test_sources_quote_the_seeds_verbatim(name):
    pack = load_pack(name)
    for kind, eid, e in _entries(pack):
        src = e.source
        if src.seed:
            assert src.quote, f"{kind} {eid}: a seed source carries a quote"
            assert src.quote in _seed_text(src.seed), f"{kind} {eid}: quote not in seed {src.seed}"


def test_every_entry_of_the_default_pack_cites_a_seed(default_pack):
    for kind, eid, e in _entries(default_pack):
        assert e.source.seed in ("000", "002"), (kind, eid)


# Each row of the design's content table, as tags that must be on some card.
THEMES = {
    "chip controls, US": {"export_controls", "entity_list", "tariffs", "taiwan", "subsidies"},
    "chip controls, China": {"rare_earths", "smuggling", "subsidies"},
    "growth": {"rnd", "datacenters", "open_source", "talent"},
    "risks": {"cyber_offense", "autonomous_weapons", "weights_theft"},
    "channels": {"track2", "dialogue", "safety_testing"},
    "politics": {"politics"},
    "swing states": {"swing_courting"},
}


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_content_table_rows_are_in_play(default_pack, theme):
    tags = {t for a in default_pack.actions.values() for t in a.tags}
    assert THEMES[theme] <= tags, THEMES[theme] - tags


def test_deal_themes_are_offers(default_pack):
    text = " ".join(o.name.en.lower() + " " + o.text.en.lower() for o in default_pack.offers.values())
    for word in ("hotline", "testing", "cyber", "human", "chips", "climate", "training", "dialogue",
                 "track ii", "complementary"):
        assert word in text, word


def test_every_text_has_english_and_traditional_chinese(default_pack):
    from game.content.i18n import missing_translations

    assert missing_translations(default_pack, "en") == []
    assert missing_translations(default_pack, "zh-Hant") == []


def test_json_schema_is_up_to_date():
    import json

    from game.content.schema import json_schema

    path = Path(__file__).resolve().parents[2] / "content" / "schema" / "content.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(json_schema())), \
        "run: yalta schema -o content/schema/content.schema.json"
