"""A content folder (or the project's) whose path holds Vietnamese letters, under a locale whose encoding is ASCII
(the C locale with Python's UTF-8 mode off): Python reads such a path with each byte of those letters as a surrogate
(os.fsdecode), which UTF-8 cannot encode, and the messages' letters cannot be printed in ASCII."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT, build_site
from test_check_command import BROKEN, EXPECTED
from test_incremental import files

from generator.content.cache import CODE_VERSION, source_key

ASCII_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def printed(text: str) -> bytes:
    """``text`` as ``sangkien`` prints it under the ASCII locale: each letter ASCII lacks as a JSON escape."""
    return "".join(character if character < "\x80" else f"\\u{ord(character):04x}" for character in text).encode()


def written_to_stderr(text: str) -> bytes:
    """``text`` as Python writes it to stderr under the ASCII locale: each letter ASCII lacks as a backslash escape."""
    return text.encode("ascii", "backslashreplace")


def sangkien(*args: str, locale: dict[str, str] = ASCII_LOCALE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=ROOT, env={**os.environ, **locale},
                          capture_output=True)


def test_a_files_key_is_as_before_and_the_same_however_its_path_was_read():
    shown = "nội dung/initiatives/alpha/so-hoa-ho-so.yml"
    before = hashlib.sha256(f"{CODE_VERSION}\0initiative\0{shown}\0".encode() + b"data").hexdigest()
    assert source_key("initiative", shown, b"data") == before
    read_under_ascii = shown.encode("utf-8").decode("ascii", "surrogateescape")
    assert source_key("initiative", read_under_ascii, b"data") == before


def test_check_prints_the_path_as_it_was_read_and_the_messages_escaped(tmp_path):
    content = tmp_path / "nội dung" / "content"
    shutil.copytree(ROOT / BROKEN, content)
    result = sangkien("check", "--content", str(content))
    assert result.returncode == 1
    assert result.stdout == b"".join(
        os.fsencode(content).join(printed(part) for part in line.split(BROKEN)) + b"\n" for line in EXPECTED)
    assert result.stderr == written_to_stderr("\n21 lỗi trong nội dung. Hãy sửa rồi chạy lại: sangkien check\n")


def test_the_github_job_summary_is_the_one_a_utf8_locale_writes(tmp_path):
    content = tmp_path / "nội dung" / "content"
    shutil.copytree(ROOT / BROKEN, content)
    summaries = []
    for locale in (ASCII_LOCALE, {}):
        summary = tmp_path / f"summary-{len(summaries)}.md"
        result = sangkien("check", "--content", str(content), "--format", "github",
                          locale={**locale, "GITHUB_STEP_SUMMARY": str(summary)})
        assert result.returncode == 1, result.stderr
        summaries.append(summary.read_bytes())
    assert summaries[0] == summaries[1] and "/nội dung/content/campaign\\.yml |".encode() in summaries[0]


def test_stats_in_json_gives_the_same_values(tmp_path):
    content = tmp_path / "nội dung" / "content"
    shutil.copytree(FIXTURES / "basic", content)
    ascii_ = sangkien("stats", "--content", str(content), "--format", "json")
    utf8 = sangkien("stats", "--content", str(content), "--format", "json", locale={})
    assert ascii_.returncode == utf8.returncode == 0
    assert ascii_.stdout.isascii()
    assert json.loads(ascii_.stdout) == json.loads(utf8.stdout)


def built_under_both_locales(content, tmp_path, monkeypatch, **options) -> tuple[dict, dict]:
    """The files of a build under the UTF-8 locale the tests run in, then of one under the ASCII locale."""
    utf8 = build_site(content, tmp_path / "utf8", cache=tmp_path / "utf8-cache", **options)
    assert utf8.returncode == 0, utf8.stderr
    for name, value in ASCII_LOCALE.items():
        monkeypatch.setenv(name, value)
    ascii_ = build_site(content, tmp_path / "ascii", cache=tmp_path / "ascii-cache", **options)
    assert ascii_.returncode == 0, ascii_.stderr
    return files(tmp_path / "utf8"), files(tmp_path / "ascii")


def test_the_site_built_is_the_one_a_utf8_locale_builds(tmp_path, monkeypatch):
    content = tmp_path / "nội dung" / "content"
    shutil.copytree(FIXTURES / "basic", content)
    utf8, ascii_ = built_under_both_locales(content, tmp_path, monkeypatch)
    assert ascii_ == utf8


def test_a_project_whose_folder_holds_vietnamese_letters_builds_the_same_site(tmp_path, monkeypatch):
    """mkdocs.yml, the theme and the hand-written pages under such a path: the cache of compiled templates keys each
    template by its path (generator/template_cache.py)."""
    project = tmp_path / "thư mục"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")  # its folders are named relative to it
    utf8, ascii_ = built_under_both_locales(FIXTURES / "basic", tmp_path, monkeypatch, config=project / "mkdocs.yml")
    assert ascii_ == utf8


def test_new_reads_its_text_as_typed_and_makes_the_file_a_utf8_locale_makes(tmp_path):
    """A terminal sends the title's letters as UTF-8 whatever the locale says; under the ASCII locale Python reads
    each of their bytes as a surrogate (os.fsdecode), which the check refused as a control character."""
    made = {}
    for name, locale in (("ascii", ASCII_LOCALE), ("utf8", {})):
        content = tmp_path / name / "content"
        shutil.copytree(FIXTURES / "basic", content)
        news = sangkien("new", "news", "--title", "Tổ Sáng kiến họp mặt", "--date", "2022-11-15", "--content",
                        str(content), locale=locale)
        initiative = sangkien("new", "initiative", "--unit", "alpha", "--title", "Đo điện trở đất bằng flycam",
                              "--content", str(content), locale=locale)
        assert news.returncode == initiative.returncode == 0, (news.stderr, initiative.stderr)
        assert news.stdout == os.fsencode(content / "news/2022/2022-11-15-to-sang-kien-hop-mat.md") + b"\n"
        made[name] = [(content / path).read_bytes() for path in (
            "news/2022/2022-11-15-to-sang-kien-hop-mat.md", "initiatives/alpha/do-dien-tro-dat-bang-flycam.yml")]
    assert made["ascii"] == made["utf8"]
    assert "title: Tổ Sáng kiến họp mặt".encode() in made["ascii"][0]
