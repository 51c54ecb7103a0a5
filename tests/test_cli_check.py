"""``sangkien check --format github``: GitHub annotations, escaped by the workflow-command rules; progress on a TTY only."""

from __future__ import annotations

import io
import time

import pytest

from conftest import ROOT
from test_check_command import BROKEN, EXPECTED, sangkien

from generator.annotations import annotation, escape_data, escape_property, summary
from generator.cli import main
from generator.content import Problem
from generator.progress import Counter, Ticker


def test_github_format_prints_one_annotation_per_problem():
    result = sangkien("check", "--content", BROKEN, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED) == 21  # 20 mistakes, one reported in both files it concerns
    assert lines[0] == (f"::error file={BROKEN}/campaign.yml,line=9,col=8,title=Lỗi nội dung::"
                        "Địa chỉ web 'http://example.org/chuong-trinh' không hợp lệ: phải bắt đầu bằng https://")
    assert lines[-1] == (f"::error file={BROKEN}/units.yml,line=22,col=5,title=Lỗi nội dung::"
                         "Trường 'name' bị lặp lại (đã có ở dòng 20)")
    assert result.stderr.strip() == "21 lỗi trong nội dung. Hãy sửa rồi chạy lại: sangkien check"


def test_github_format_of_valid_content_prints_nothing():
    result = sangkien("check", "--content", "tests/fixtures/basic", "--format", "github")
    assert (result.returncode, result.stdout) == (0, "")


def test_text_format_is_the_default_and_unchanged():
    assert sangkien("check", "--content", BROKEN, "--format", "text").stdout.splitlines() == EXPECTED


def test_message_data_escapes_percent_and_line_breaks():
    assert escape_data("50% xong\r\ndòng 2\n") == "50%25 xong%0D%0Adòng 2%0A"


def test_properties_also_escape_colon_and_comma():
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_annotation_escapes_a_file_name_with_comma_and_a_message_with_a_line_break():
    problem = Problem("content/initiatives/a,b/x:y.yml", 3, 7, "Dòng một\nDòng hai: 100%")
    assert annotation(problem) == ("::error file=content/initiatives/a%2Cb/x%3Ay.yml,line=3,col=7,title=Lỗi nội dung"
                                   "::Dòng một%0ADòng hai: 100%25")


def test_an_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--format", "xml"])
    assert stop.value.code == 2
    assert "sangkien check: lỗi: tham số --format: lựa chọn không hợp lệ: 'xml'" in capsys.readouterr().err


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_counter_prints_on_a_terminal_and_erases_itself():
    stream = FakeTerminal()
    with Counter("Đang nhập", 5000, "dòng", stream=stream) as counter:
        counter.update(1)
        counter.update(5000)
    written = stream.getvalue()
    assert "\rĐang nhập: 1/5.000 dòng" in written
    assert "\rĐang nhập: 5.000/5.000 dòng" in written
    assert written.endswith("\r" + " " * len("Đang nhập: 5.000/5.000 dòng") + "\r")


def test_counter_and_ticker_are_silent_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    with Counter("Đang nhập", 10, stream=stream) as counter:
        counter.update(10)
    with Ticker("Đang đọc nội dung", stream=stream, delay=0):
        pass
    assert stream.getvalue() == ""


def test_ticker_shows_elapsed_seconds_on_a_terminal():
    stream = FakeTerminal()
    with Ticker("Đang đọc nội dung", stream=stream, delay=0):
        deadline = time.monotonic() + 10
        while "giây" not in stream.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)  # the drawing thread's first line
    assert "\rĐang đọc nội dung… 0 giây" in stream.getvalue()
    assert stream.getvalue().endswith("\r")



def test_github_format_lists_every_problem_in_the_job_summary(tmp_path, monkeypatch, capsys):
    """GitHub shows at most 10 error annotations of a step: the job's summary has them all, as a table whose cells
    neither break a row nor hold HTML."""
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("trước\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    monkeypatch.chdir(ROOT)
    assert main(["check", "--content", BROKEN, "--format", "github"]) == 1
    lines = summary_file.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["trước", "### 21 lỗi trong nội dung", "",
                         "Trên các dòng của pull request, GitHub chỉ hiện 10 lỗi đầu tiên; đây là tất cả:", "",
                         "| Tệp | Dòng | Cột | Lỗi |"]
    rows = lines[7:]
    assert len(rows) == len(EXPECTED) == 21
    assert rows[0] == (f"| {BROKEN}/campaign\\.yml | 9 | 8 | Địa chỉ web 'http\\://example\\.org/chuong-trinh' không "
                       "hợp lệ\\: phải bắt đầu bằng https\\:// |")
    # nothing acts as Markdown: no link, image, HTML, extra column or autolink
    problem = Problem("a|b.yml", 3, 4, "[Sửa tại đây](https://x.example) ![x](y) <script> a\\|b @octocat\nwww.x.vn")
    assert summary([problem]).splitlines()[-1] == (
        "| a\\|b\\.yml | 3 | 4 | \\[Sửa tại đây\\](https\\://x\\.example) \\!\\[x\\](y) \\<script\\> a\\\\\\|b "
        "\\@octocat www\\.x\\.vn |")


def test_text_format_writes_no_summary(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    monkeypatch.chdir(ROOT)
    assert main(["check", "--content", BROKEN]) == 1
    assert not (tmp_path / "summary.md").exists()
