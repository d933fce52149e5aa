"""The frame's icons and colour-scheme script as files every page shares (generator/frame.py): the
sprite holds Material's own icon drawings and pages refer to them; Material's offline plugin (for
file://) is refused in one line."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import material
import pytest
import yaml
from factories import MINI, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import frame

MATERIAL_ICONS = Path(material.__file__).parent / "templates" / ".icons"


def test_the_frame_icons_follow_the_theme_settings():
    theme = {
        "icon": {"menu": "fontawesome/solid/bars"},
        "palette": [
            {"scheme": "default", "toggle": {"icon": "material/weather-night", "name": "Dark"}},
            {"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light"}},
        ],
    }
    assert frame.frame_icons(theme) == [
        "material/library",
        "fontawesome/solid/bars",
        "material/weather-night",
        "material/weather-sunny",
        "material/arrow-up",
    ]
    # A logo image replaces the logo icon; a palette without toggles has no toggle icons.
    assert frame.frame_icons({"logo": "img/logo.png", "palette": {"scheme": "slate"}}) == [
        "material/menu",
        "material/arrow-up",
    ]


def test_the_sprite_holds_each_icon_as_a_symbol_and_skips_what_it_cannot_read():
    sources = {
        "material/menu": (MATERIAL_ICONS / "material" / "menu.svg").read_text(),
        "fontawesome/solid/bars": (MATERIAL_ICONS / "fontawesome/solid/bars.svg").read_text(),
        "odd/no-box": '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>',
        "odd/not-svg": "<p>no</p>",
        "odd/nested": '<svg viewBox="0 0 1 1"><svg viewBox="0 0 1 1"></svg></svg>',
        "a-b/c": '<svg viewBox="0 0 2 2"><path d="M1 1"/></svg>',
        "a/b-c": '<svg viewBox="0 0 3 3"><path d="M2 2"/></svg>',
        # Lucide draws with attributes of the <svg> element, which a symbol would not keep alike.
        "lucide/menu": '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" '
        'viewBox="0 0 24 24"><path d="M4 5h16"/></svg>',
    }
    text, symbols = frame.sprite(sources)
    assert set(symbols) == {"material/menu", "fontawesome/solid/bars", "a-b/c", "a/b-c"}
    assert symbols["material/menu"] == frame.Symbol("material-menu", "0 0 24 24")
    assert symbols["fontawesome/solid/bars"].box == "0 0 448 512"
    assert symbols["a-b/c"].id != symbols["a/b-c"].id
    menu_path = re.search(r"<path[^>]*>", sources["material/menu"]).group(0)
    assert f'<symbol id="material-menu" viewBox="0 0 24 24">{menu_path}</symbol>' in text
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg"><symbol ')


def test_only_a_plain_script_is_moved_to_a_file():
    assert frame.script_body("\n<script>var a=1</script>\n") == "var a=1"
    assert frame.script_body("{#-\n  generated\n-#}\n<script>var a=1</script>") == "var a=1"
    assert frame.script_body("<script>var a={{ x }}</script>") is None
    assert frame.script_body('<script src="x.js"></script>') is None
    assert frame.script_body("<script>a</script><script>b</script>") is None
    assert frame.script_body("<p>no</p>") is None


def _build(tmp: Path) -> Path:
    config = write_config(tmp, MINI)
    loaded = load_config(str(config))
    mkdocs_build(loaded)
    return Path(loaded.site_dir)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("frame"))


def _claim_page(site: Path) -> str:
    # Material's offline plugin turns directory URLs off: claims/<id>.html
    pages = sorted((site / "claims").glob("*/index.html")) or sorted(
        p for p in (site / "claims").glob("*.html") if p.name != "index.html"
    )
    return pages[0].read_text(encoding="utf-8")


def test_pages_refer_to_the_sprite_which_draws_materials_icons(built):
    html = _claim_page(built)
    refs = re.findall(r'<use href="\.\./\.\./assets/factcheck/icons\.svg#([a-z0-9-]+)"/>', html)
    # Logo (header and drawer), menu, both colour toggles, back to top.
    assert refs == [
        "material-library",
        "material-menu",
        "material-weather-night",
        "material-weather-sunny",
        "material-library",
        "material-arrow-up",
    ]
    assert "<path" not in html  # no icon drawing is repeated in the page
    sprite = (built / "assets/factcheck/icons.svg").read_text(encoding="utf-8")
    for ref in set(refs):
        drawing = (MATERIAL_ICONS / "material" / f"{ref.removeprefix('material-')}.svg").read_text()
        path = re.search(r"<path[^>]*>", drawing).group(0)
        assert f'<symbol id="{ref}" viewBox="0 0 24 24">{path}</symbol>' in sprite


def test_the_colour_scheme_script_is_materials_own_in_a_file(built):
    html = _claim_page(built)
    assert '<script src="../../assets/factcheck/palette.js"></script>' in html
    material = (MATERIAL_ICONS.parent / "partials" / "javascripts" / "palette.html").read_text(
        encoding="utf-8"
    )
    script = re.search(r"<script>(.*)</script>", material, re.S).group(1)
    assert (built / "assets/factcheck/palette.js").read_text(encoding="utf-8") == script
    assert 'palette=__md_get("__palette")' not in html


@pytest.mark.parametrize("order", ["before", "after"])
def test_materials_offline_plugin_is_refused_in_one_line(tmp_path, order, capsys, caplog):
    """It turns directory URLs off: placed first, the build stopped with 'set use_directory_urls:
    true' (already true in mkdocs.yml); placed after ours, it built claims/x.html while every list
    linked claims/x/, and search, a module script, cannot run from file:// anyway."""
    from generator.build import build

    config = write_config(tmp_path, MINI)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = (
        ["offline", *data["plugins"]] if order == "before" else [*data["plugins"], "offline"]
    )
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert build(MINI, tmp_path / "out", config) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"{config}: error: Material's offline plugin is not supported: it turns off directory "
        "URLs, which every page's links use, and search needs a web server; remove it from "
        "plugins (or set its enabled: false) and serve the site folder, for example with "
        "python3 -m http.server -d site"
    ]
    assert not (tmp_path / "out").exists()
    # mkdocs' own build (the plugin alone) stops with the same words.
    from mkdocs.exceptions import Abort

    loaded = load_config(str(config))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        mkdocs_build(loaded)
    assert any("offline plugin is not supported" in r.getMessage() for r in caplog.records)


def test_materials_configuration_keeps_the_words_of_widgets_the_page_has():
    words = {"clipboard.copy": "Copy", "search.result.none": "None", "select.version": "Version"}
    config = {"base": "..", "translations": words, "version": None, "x": "</script>"}
    safe = json.dumps(config).replace("<", "\\u003c")  # as Jinja's tojson writes it
    html = f'<p>a</p><script id="__config" type="application/json">{safe}</script>'
    trimmed = frame.trim_config(html)
    body = re.search(r'application/json">(.*)</script>', trimmed).group(1)
    assert json.loads(body)["translations"] == {"clipboard.copy": "Copy"}
    assert "</script>" not in body and json.loads(body)["x"] == "</script>"  # still safe
    assert trimmed.startswith("<p>a</p>")
    kept = frame.trim_config(
        html.replace('"version": null', '"version": {"provider": "mike"}'), True
    )
    assert set(json.loads(re.search(r'json">(.*)</script>', kept).group(1))["translations"]) == {
        "clipboard.copy",
        "search.result.none",
        "select.version",
    }
    broken = '<script id="__config" type="application/json">{not json</script>'
    assert frame.trim_config(broken) == broken


def test_built_pages_carry_materials_configuration_without_its_search_words(built):
    found = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>', _claim_page(built)
    )
    config = json.loads(found.group(1))
    assert config["translations"] == {
        "clipboard.copied": "Copied to clipboard",
        "clipboard.copy": "Copy to clipboard",
    }
    assert config["base"] == "../.." and config["search"].endswith(".min.js")


def _build_with(tmp: Path, theme: dict, caplog) -> tuple[Path, list[str]]:
    config = write_config(tmp, MINI)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"].update(theme)
    data["strict"] = False  # the warning is what is looked at (strict, it stops the build)
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    loaded = load_config(str(config))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.factcheck"):
        mkdocs_build(loaded)
    said = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.factcheck"]
    return Path(loaded.site_dir), said


def test_a_logo_that_the_site_will_not_have_is_warned_with_where_to_put_it(tmp_path, caplog):
    """A logo beside the pages (docs_dir) is not published: it was a broken picture on every page."""
    site, said = _build_with(tmp_path / "missing", {"logo": "logo.png"}, caplog)
    assert (
        "factcheck: theme.logo 'logo.png' is not a file of the site, so every page shows a broken "
        "picture: files beside the pages are not published; put it in the theme's custom_dir "
        "(overrides/logo.png, with theme.custom_dir set)"
    ) in said
    caplog.clear()
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    theme = {"logo": "logo.png", "custom_dir": str(overrides)}
    site, said = _build_with(tmp_path / "there", theme, caplog)
    assert not [m for m in said if "theme.logo" in m] and (site / "logo.png").is_file()
    # Its alternative text is the site's name, not Material's English "logo".
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<img src="logo.png" alt="Open Fact Desk">' in home and 'alt="logo"' not in home


def test_a_stylesheet_or_script_the_site_will_not_have_is_warned(tmp_path, caplog):
    """A brand stylesheet beside the pages: every page asked for a missing file, silently."""
    config = write_config(tmp_path, MINI)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["extra_css"] = ["css/brand.css"]
    data["extra_javascript"] = ["js/count.js", "https://cdn.example.org/x.js"]
    data["strict"] = False
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.factcheck"):
        mkdocs_build(load_config(str(config)))
    said = [r.getMessage() for r in caplog.records if "is not a file of the site" in r.getMessage()]
    assert said == [
        "factcheck: extra_css 'css/brand.css' is not a file of the site, so every page links to a "
        "missing file: files beside the pages are not published; put it in the theme's custom_dir "
        "(overrides/css/brand.css, with theme.custom_dir set)",
        "factcheck: extra_javascript 'js/count.js' is not a file of the site, so every page links "
        "to a missing file: files beside the pages are not published; put it in the theme's "
        "custom_dir (overrides/js/count.js, with theme.custom_dir set)",
    ]


def test_a_site_header_without_our_search_box_is_warned(tmp_path, caplog):
    """Material's own header.html in a site's custom_dir: no search box on any page, silently."""
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "header.html").write_text(
        (MATERIAL_ICONS.parent / "partials" / "header.html").read_text(encoding="utf-8")
    )
    _, said = _build_with(tmp_path, {"custom_dir": str(overrides.parent)}, caplog)
    assert any(m.startswith("factcheck: pages have no search box") for m in said), said


def test_the_home_page_is_titled_with_the_sites_name_once(tmp_path, caplog):
    """Material wrote "<title>Name - Name</title>": the home page's own title is the site's name."""
    site, _ = _build_with(tmp_path, {}, caplog)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Open Fact Desk</title>" in home
    about = next(p for p in sorted(site.glob("*/index.html")) if p.parent.name == "claims")
    assert re.search(r"<title>[^<]+ - Open Fact Desk</title>", about.read_text(encoding="utf-8"))
