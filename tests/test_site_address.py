"""A site's published address in mkdocs.yml: what feeds, the sitemap, canonical links and
ClaimReview carry as written, so one a hand edit made invalid is refused before anything is built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main


def new_site(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    assert main(["init", str(folder), "--name", "Desk", "--url", "https://desk.example.org/"]) == 0
    return folder


def set_line(config: Path, key: str, value: str) -> int:
    """Replace the line `key: ...` (or add it at the top) and return its 1-based number."""
    lines = config.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            lines[i] = f"{key}: {value}"
            break
    else:
        i = 0
        lines.insert(0, f"{key}: {value}")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return i + 1


@pytest.mark.parametrize(
    ("address", "named"),
    [
        ("https://مثال.example/", "'م'"),
        ("https://desk.example.org/fact checks/", "' '"),
        ("desk.example.org", "is not a site address"),
    ],
)
def test_a_site_url_feeds_cannot_carry_is_refused_where_it_is_written(
    tmp_path, monkeypatch, capsys, address, named
):
    site = new_site(tmp_path)
    line = set_line(site / "mkdocs.yml", "site_url", address)
    monkeypatch.chdir(site)
    out = tmp_path / "out"

    assert main(["build", "--no-search", "--out", str(out)]) != 0

    err = capsys.readouterr().err
    assert re.search(rf"mkdocs\.yml:{line}:\d+: error: 'site_url': '{re.escape(address)}' ", err)
    assert named in err
    assert "xn--" in err or "https://factcheck.example.org/" in err  # says how to write it
    assert not out.exists()  # nothing published


def test_the_publishers_address_is_checked_too_and_both_are_named_in_one_run(
    tmp_path, monkeypatch, capsys
):
    site = new_site(tmp_path)
    config = site / "mkdocs.yml"
    set_line(config, "site_url", "https://desk.example.org/a b/")
    text = config.read_text(encoding="utf-8")
    text = re.sub(
        r"^(\s*)(- factcheck:)\n",
        r"\1\2\n\1    organization_url: https://ديسك.example/\n",
        text,
        count=1,
        flags=re.M,
    )
    config.write_text(text, encoding="utf-8")
    monkeypatch.chdir(site)

    assert main(["build", "--no-search", "--out", str(tmp_path / "out")]) != 0

    err = capsys.readouterr().err
    assert "'site_url': 'https://desk.example.org/a b/'" in err
    assert "'organization_url': 'https://ديسك.example/'" in err


def test_an_address_written_as_the_web_writes_it_builds(tmp_path, monkeypatch):
    site = new_site(tmp_path)
    set_line(site / "mkdocs.yml", "site_url", "https://xn--mgbh0fb.example/fact%20checks/")
    monkeypatch.chdir(site)
    out = tmp_path / "out"

    assert main(["build", "--no-search", "--out", str(out)]) == 0

    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="https://xn--mgbh0fb.example/fact%20checks/"' in home


def replace(config: Path, old: str, new: str) -> int:
    """Replace the first line holding `old` and return its 1-based number."""
    lines = config.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if old in line)
    lines[i] = lines[i].replace(old, new)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return i + 1


def test_a_setting_mkdocs_refuses_is_named_with_its_line(tmp_path, monkeypatch, capsys):
    site = new_site(tmp_path)
    config = site / "mkdocs.yml"
    option = replace(config, "page_size: 100", "page_size: many")
    monkeypatch.chdir(site)

    assert main(["build", "--no-search", "--out", str(tmp_path / "out")]) == 2

    err = capsys.readouterr().err
    assert re.search(
        rf"^mkdocs\.yml:{option}:18: error: 'plugins': Plugin 'factcheck' option 'page_size': ",
        err,
        re.M,
    )
    assert "Config value" not in err  # said once, placed, not also in mkdocs' own words
    assert not (tmp_path / "out").exists()


def test_an_unknown_setting_stops_a_strict_build_only(tmp_path, monkeypatch, capsys):
    site = new_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "sitename: Desk\n", encoding="utf-8")
    line = len(config.read_text(encoding="utf-8").splitlines())
    monkeypatch.chdir(site)

    assert main(["build", "--no-search", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"mkdocs.yml:{line}:1: warning (an error in strict mode): 'sitename': " in err
    assert "Unrecognised configuration name: sitename" in err

    assert main(["build", "--no-search", "--no-strict", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "index.html").is_file()


def test_validate_names_the_address_too(tmp_path, monkeypatch, capsys):
    site = new_site(tmp_path)
    line = set_line(site / "mkdocs.yml", "site_url", "https://desk.example.org/fact checks/")
    monkeypatch.chdir(site)

    assert main(["validate"]) == 1

    out = capsys.readouterr().out
    assert (
        f"mkdocs.yml:{line}:11: error: 'site_url': 'https://desk.example.org/fact checks/' " in out
    )
    assert "' '" in out


def test_init_refuses_the_same_addresses(tmp_path, capsys):
    folder = tmp_path / "desk"
    assert (
        main(["init", str(folder), "--name", "Desk", "--url", "https://desk.example.org/a b/"]) != 0
    )
    assert "holds ' ', which a web address cannot" in capsys.readouterr().err
    assert not folder.exists()
