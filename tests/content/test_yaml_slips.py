"""YAML slips: what YAML reads without a word, yet not as the staff member meant, and libyaml errors once shown
in English or at the wrong place; each with the exact message a staff member reads.

Each case edits one file of a copy of tests/fixtures/basic (as tests/content/test_rules.py does) and expects exactly
the listed problems; the libyaml messages are checked on ``compose`` alone.
"""

from __future__ import annotations

import pytest

from generator.content import load
from generator.content.problems import Problems
from generator.content.source import compose

FLYCAM = "initiatives/alpha/ung-dung-flycam.yml"
HOSO = "initiatives/alpha/so-hoa-ho-so.yml"
NEWS = "news/2022/2022-02-15-phat-dong.md"
TITLE = "title: Số hoá hồ sơ khách hàng"

COMMENT = ("Dấu '#' ở đây bắt đầu một chú thích: chữ từ '#' đến hết dòng bị bỏ qua, không hiện trên trang; "
           "nếu '#' là một phần của giá trị, hãy đặt cả giá trị trong dấu nháy kép")
QUOTE = "hãy đặt cả giá trị trong dấu nháy kép"


def problems(tree) -> list[str]:
    return [str(problem) for problem in load(tree.root, "content").problems]


# (file, old text, new text, expected problems)
CASES = {
    # 1. a '#' right before a word starts a comment
    "#1 in a title": (HOSO, TITLE, "title: Sáng kiến #1 kiểm tra hành lang", [
        f'content/{HOSO}:2:18: {COMMENT}, ví dụ: title: "Sáng kiến #1 kiểm tra hành lang"']),
    "C# kept, #1 reported": (HOSO, "summary: Quét và lưu hồ sơ khách hàng trên hệ thống dùng chung.",
                             "summary: Hội nghị C# và bài học #1", [
        f'content/{HOSO}:3:33: {COMMENT}, ví dụ: summary: "Hội nghị C# và bài học #1"']),
    "a title starting with #1": (HOSO, TITLE, "title: #1 Công cụ", [
        f"content/{HOSO}:2:1: Trường bắt buộc 'title' chưa có giá trị",
        f'content/{HOSO}:2:8: {COMMENT}, ví dụ: title: "#1 Công cụ"']),
    "## before a word": (HOSO, TITLE, "title: Giải ##1", [
        f'content/{HOSO}:2:13: {COMMENT}, ví dụ: title: "Giải ##1"']),
    "#tags in brackets, once a wrong line and a message about '|'": (
        FLYCAM, "tags: [flycam, duong-day]", "tags: [#flycam, #evn]", [
            f'content/{FLYCAM}:19:8: {COMMENT} "..."']),
    "#tag as a list item, left empty": (FLYCAM, "tags: [flycam, duong-day]", "tags:\n  - flycam\n  - #evn", [
        f"content/{FLYCAM}:21:4: Giá trị không được để trống",
        f'content/{FLYCAM}:21:5: {COMMENT} "..."']),
    "#1 in a news front matter, counted from the file's first line": (
        NEWS, "summary: Phong trào", "summary: Phong trào #1", [
            f'content/{NEWS}:4:21: {COMMENT}, ví dụ: summary: "Phong trào #1 được phát động với chỉ tiêu 20 sáng kiến."']),
    # 2. '!' starts a tag, which YAML drops from the value
    "title after !!!": (FLYCAM, "title: Ứng dụng flycam kiểm tra đường dây", "title: !!! Công cụ lập phương thức", [
        f"content/{FLYCAM}:2:8: Giá trị không được bắt đầu bằng '!' (phần '!!!' sẽ bị bỏ, không hiện trên trang); "
        f'{QUOTE}, ví dụ: title: "!!! Công cụ lập phương thức"']),
    "title after !Moi": (FLYCAM, "title: Ứng dụng flycam kiểm tra đường dây", "title: !Moi Ung dung flycam", [
        f"content/{FLYCAM}:2:8: Giá trị không được bắt đầu bằng '!' (phần '!Moi' sẽ bị bỏ, không hiện trên trang); "
        f'{QUOTE}, ví dụ: title: "!Moi Ung dung flycam"']),
    "title after an anchor no alias uses": (HOSO, TITLE, "title: &Flycam kiểm tra", [
        f"content/{HOSO}:2:8: Giá trị không được bắt đầu bằng '&' (phần '&Flycam' sẽ bị bỏ, không hiện trên trang); "
        f'{QUOTE}, ví dụ: title: "&Flycam kiểm tra"']),
    # 3. an unclosed quote, where it was opened rather than at the end of the file (once 25:1)
    "unclosed double quote": (FLYCAM, "title: Ứng dụng flycam kiểm tra đường dây",
                              'title: "Ứng dụng flycam kiểm tra', [
        f'content/{FLYCAM}:2:8: Dấu nháy " mở ở đây nhưng không được đóng; hãy thêm dấu " vào cuối giá trị']),
    "unclosed single quote holding a #": (HOSO, TITLE, "title: 'Số hoá #1", [
        f"content/{HOSO}:2:8: Dấu nháy ' mở ở đây nhưng không được đóng; hãy thêm dấu ' vào cuối giá trị"]),
    # 4. once "Lỗi cú pháp YAML (did not find expected ...)"
    "*Flycam*": (HOSO, TITLE, "title: *Flycam* kiểm tra", [
        f'content/{HOSO}:2:8: Giá trị không được bắt đầu bằng \'*\'; {QUOTE}, ví dụ: title: "*Flycam* kiểm tra"']),
    "**Flycam**": (HOSO, TITLE, "title: **Flycam** kiểm tra", [
        f'content/{HOSO}:2:8: Giá trị không được bắt đầu bằng \'*\'; {QUOTE}, ví dụ: title: "**Flycam** kiểm tra"']),
    "!Mới!": (HOSO, TITLE, "title: !Mới! Ứng dụng", [
        f'content/{HOSO}:2:8: Giá trị không được bắt đầu bằng \'!\'; {QUOTE}, ví dụ: title: "!Mới! Ứng dụng"']),
    # 5. text pasted under '|' without indentation (once reported lines later as a missing colon)
    "text under | not indented": (FLYCAM, "description: |\n  Tổ kiểm tra dùng **flycam** thay cho trèo cột.\n\n"
                                  "  - Giảm thời gian kiểm tra\n  - An toàn hơn",
                                  "description: |\nTổ kiểm tra dùng **flycam** thay cho trèo cột.\n\n"
                                  "Kết quả:\n- Giảm thời gian kiểm tra\n- An toàn hơn\n- Mỗi năm tiết kiệm\n"
                                  "  nhiều giờ công", [
        f"content/{FLYCAM}:21:1: Dòng này chưa thụt lề nên không thuộc đoạn văn sau '|', và trường 'description' "
        "đang trống: các dòng của đoạn văn phải thụt lề sâu hơn tên trường (ví dụ thêm hai dấu cách ở đầu mỗi dòng)"]),
    # 6. a field indented one level too deep
    "field indented too deep": (HOSO, "    job_title: Chuyên viên kinh doanh", "      job_title: Chuyên viên kinh doanh", [
        f"content/{HOSO}:8:16: Dấu hai chấm ':' không hợp lệ ở đây: có thể dòng này thụt lề sâu hơn các dòng trên "
        "(các trường cùng cấp phải thẳng hàng); nếu giá trị có chứa ': ' hãy đặt cả giá trị trong dấu nháy kép \"...\""]),
}


@pytest.mark.parametrize("name", CASES)
def test_slip(tree, name):
    rel, old, new, expected = CASES[name]
    tree.edit(rel, old, new)
    assert problems(tree) == expected


def test_comments_that_are_meant_are_not_reported(tree):
    """What `sangkien new` writes and staff fill in, whole-line comments, and '#' inside a value."""
    tree.write(HOSO, "# yaml-language-server: $schema=../../../schema/initiative.schema.json\n"
                     "#sẽ điền sau #1\n"
                     "code: ALPHA-2022-0002  # Mã đăng ký #1 của đơn vị\n"
                     "title: \"Sáng kiến #1 kiểm tra hành lang\"\n"
                     "summary: 'Hội nghị C# và bài học #1'  # tóm tắt\n"
                     "unit: alpha\n"
                     "field: chuyen-doi-so  # Mã lĩnh vực, một trong: chuyen-doi-so, ky-thuat\n"
                     "authors:\n"
                     "  - name: Trần Thị Bình  #  tác giả chính\n"
                     "    job_title: Chuyên viên C#\n"
                     "  #   - name: sẽ thêm\n"
                     "registered_on: 2022-07-01\n"
                     "description: |\n"
                     "  ## Kết quả #1\n"
                     "\n"
                     "  Giải #1 của đơn vị, xem #evn.\n"
                     "# tags: [#flycam]\n")
    assert problems(tree) == []


def test_the_shipped_templates_comments_are_not_reported(tree):
    tree.edit(HOSO, "registered_on: 2022-07-01\n", "registered_on: 2022-07-01\n# Không bắt buộc: bỏ dấu '#' ở đầu "
              "dòng để dùng.\n# description: |\n#   Mô tả chi tiết (Markdown).\n")
    assert problems(tree) == []


def composed(text: str) -> list[str]:
    found = Problems()
    compose(text, "f.yml", found)
    return [str(problem) for problem in found.items]


@pytest.mark.parametrize("text", [
    "a: '#1'\nb: \"x #2\"\n", "a: |\n  #1\n  x #2\nb: >-\n  y #3\n", "a: [b, 'c #1']  # d\n", "a: C#\n",
    "a:\n  - |\n    #1\n  - b\n", "a: |\n  Bảng: |\n  | x |\n", "a: b|\nc: >\n  d\n", "a: \"!Mới\"\nb: '&c'\n",
])
def test_no_slip(text):
    assert composed(text) == []


def test_a_python_tag_is_reported_and_the_value_still_checked():
    found = Problems()
    node = compose("title: !!python/object/apply:os.system [ls]\n", "f.yml", found)
    assert node is not None  # the schema then says a list is no title (tests/test_hostile_content.py)
    assert [str(problem) for problem in found.items] == [
        "f.yml:1:8: Giá trị không được bắt đầu bằng '!' (phần '!!python/object/apply:os.system' sẽ bị bỏ, không hiện "
        f'trên trang); {QUOTE}, ví dụ: title: "!!python/object/apply:os.system [ls]"']


def test_an_empty_list_item_under_a_dash():
    assert composed("tags:\n- |\n- b\n") == [
        "f.yml:3:1: Dòng này chưa thụt lề nên không thuộc đoạn văn sau '|', và mục này đang trống: các dòng của đoạn "
        "văn phải thụt lề sâu hơn dấu '-' (ví dụ thêm hai dấu cách ở đầu mỗi dòng)"]


# Every libyaml scanner, parser and composer message these trigger, in Vietnamese (no "Lỗi cú pháp YAML (...)")
LIBYAML = {
    "a: b: c\n": "1:5: Dấu hai chấm ':' không hợp lệ ở đây",  # mapping values are not allowed in this context
    "a:\n  - b\n  c\n": "4:1: Thiếu dấu hai chấm ':'",  # could not find expected ':'
    "a: @b\n": "1:4: Giá trị không được bắt đầu bằng '@'",  # found character that cannot start any token
    "a: `b`\n": "1:4: Giá trị không được bắt đầu bằng '`'",
    "a: b\n- c\n": "2:1: Dòng không đúng dạng 'trường: giá trị'",  # did not find expected key
    "a:\n  - b: 1\n  c: 2\n": "3:3: Mỗi mục của danh sách phải bắt đầu bằng '- '",  # did not find expected '-' indicator
    "a: 'b' c\n": "1:8: Dòng không đúng dạng 'trường: giá trị'",
    "--- a\n... b\n": "2:5: Có chữ thừa sau phần nội dung",  # did not find expected <document start>
    "a: | b\n": "1:6: Sau '|' hoặc '>' phải xuống dòng",  # did not find expected comment or line break
    "a: |0\n  b\n": "1:5: Sau '|' hoặc '>' không viết số 0",  # found an indentation indicator equal to 0
    "a: [b, , c]\n": "1:8: Thiếu giá trị ở đây",  # did not find expected node content
    "a: - b\n": "1:4: Không viết '- ' ngay sau dấu hai chấm",  # block sequence entries are not allowed
    "a: [b, c\n": "2:1: Danh sách trong ngoặc vuông [...] chưa đóng",  # did not find expected ',' or ']'
    "a: {b: c\n": "2:1: Bảng trong ngoặc nhọn {...} chưa đóng",  # did not find expected ',' or '}'
    "a: 1\n---\nb: 2\n": "2:1: Tệp chỉ được chứa một tài liệu YAML",  # but found another document
    "a: \"b\\qc\"\n": "1:6: Ký tự '\\' không hợp lệ",  # found unknown escape character
    "a: \"\\xZZ\"\n": "1:7: Sau '\\x', '\\u' hoặc '\\U' trong nháy kép",  # did not find expected hexdecimal number
    "a: \"\\uD800\"\n": "1:7: Mã ký tự sau '\\u' hoặc '\\U' không hợp lệ",  # found invalid Unicode character escape code
    "a: \"b\n---\nc\"\n": "2:1: Dòng '---' hoặc '...' nằm trong một giá trị",  # found unexpected document indicator
    "a: \"b\n": "1:4: Dấu nháy \" mở ở đây nhưng không được đóng",  # found unexpected end of stream
    "a:\n\t- b\n": "2:1: Không dùng phím Tab",  # found character that cannot start any token (a tab)
    "a: |\n \tb\n": "2:2: Không dùng phím Tab",  # found a tab character where an indentation space is expected
    "a: b\x01\n": "1:5: Tệp chứa ký tự điều khiển",  # control characters are not allowed
    "a: *b\n": "1:4: Giá trị không được bắt đầu bằng '*'",  # found undefined alias
    "a: *\n": "1:4: Giá trị không được bắt đầu bằng '*'",  # did not find expected alphabetic or numeric character
    "a: & b\n": "1:4: Giá trị không được bắt đầu bằng '&'",
    "a: &b c\nd: &b e\n": "2:4: Giá trị không được bắt đầu bằng '&'",  # found duplicate anchor
    "a: !b!c d\n": "1:4: Giá trị không được bắt đầu bằng '!'",  # found undefined tag handle
    "a: !<b c\n": "1:4: Giá trị không được bắt đầu bằng '!'",  # did not find the expected '>'
    "a: !<> c\n": "1:4: Giá trị không được bắt đầu bằng '!'",  # did not find expected tag URI
    "a: !b%zz c\n": "1:4: Giá trị không được bắt đầu bằng '!'",  # did not find URI escaped octet
    "a: !b%ff c\n": "1:4: Giá trị không được bắt đầu bằng '!'",  # found an incorrect leading UTF-8 octet
    "%YAML 1.1 x\n---\na: 1\n": "1:1: Dòng bắt đầu bằng '%' không hợp lệ ở đây",  # a directive's errors
    "%FOO\n---\na: 1\n": "1:1: Dòng bắt đầu bằng '%' không hợp lệ ở đây",
    "%YAML 2.0\n---\na: 1\n": "1:1: Dòng bắt đầu bằng '%' không hợp lệ ở đây",  # found incompatible YAML document
    "%YAML 1.1\n%YAML 1.1\n---\na: 1\n": "2:1: Dòng bắt đầu bằng '%' không hợp lệ ở đây",
    "%TAG ! x\n%TAG ! y\n---\na: 1\n": "2:1: Dòng bắt đầu bằng '%' không hợp lệ ở đây",  # duplicate %TAG
}


@pytest.mark.parametrize("text", LIBYAML)
def test_libyaml_messages_in_vietnamese(text):
    (problem,) = composed(text)
    assert problem.startswith("f.yml:" + LIBYAML[text]), problem


def test_a_control_character_is_reported_where_it_is_after_letters_with_tone_marks():
    """libyaml counts bytes of UTF-8: each 'ư', 'ờ', 'Ủ' before the character moved the place reported ahead."""
    problems = Problems()
    assert compose("code: A\ntitle: Đường dây điện Ủy ban\nsummary: x\x01y\n", "x.yml", problems) is None
    assert [str(problem) for problem in problems.items] == ["x.yml:3:11: Tệp chứa ký tự điều khiển không hợp lệ"]
