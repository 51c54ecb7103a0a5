"""Hostile content from a pull request: each input is rejected with file:line, or rendered harmless.

Rejected inputs are checked on the loader's messages; the harmless ones are all put into one fixture
tree, built for real, and every page, feed and data file of the result is inspected. Markup that Markdown
would pass as HTML is both: the check rejects it where it stands, and the renderer's sanitiser, which stays as the
guarantee, is checked on the same attacks.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, build_site, config_with_pages
from generator.content import load
from generator.content.markup import ATTRIBUTES
from generator.richtext import to_html

HOSO = "initiatives/alpha/so-hoa-ho-so.yml"
FLYCAM = "initiatives/alpha/ung-dung-flycam.yml"
NEWS = "news/2022/2022-02-15-phat-dong.md"
PHOTO = "registered_on: 2022-07-01\nphotos:\n  - path: {}\n    alt: Ảnh\n"

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8))

# name -> (file, how to change it, the start of the expected message)
REJECTED = {
    "duplicate keys": (HOSO, lambda text: text + "title: Lặp lại\n", "Trường 'title' bị lặp lại"),
    "billion laughs": (HOSO, lambda text: LAUGHS, "Trường 'a' không có trong mẫu"),  # never expanded
    "alias": (HOSO, lambda text: text.replace("registered_on: 2022-07-01", "registered_on: &d 2022-07-01\n"
                                              "applied_from: *d"), "Không dùng anchor/alias YAML"),
    "merge key": (HOSO, lambda text: "base: &b {title: x}\n<<: *b\n" + text, "Trường 'base' không có trong mẫu"),
    "deep flow nesting": (HOSO, lambda text: "title: " + "[" * 100_000 + "]" * 100_000 + "\n",
                          "Cấu trúc lồng nhau quá sâu"),
    "deep block nesting": (HOSO, lambda text: "tags:\n" + "- " * 100_000 + "x\n", "Cấu trúc lồng nhau quá sâu"),
    "huge file": (HOSO, lambda text: text + "# " + "x" * 600_000 + "\n", "Tệp quá lớn"),
    "invalid UTF-8": (HOSO, lambda text: text.encode() + b"\xc3\x28\n", "Tệp không được mã hoá UTF-8"),
    "NUL byte": (HOSO, lambda text: text.replace("Số hoá", "Số\x00hoá"), "Tệp chứa ký tự NUL"),
    "python object tag": (HOSO, lambda text: text.replace("title: Số hoá hồ sơ khách hàng",
                                                           "title: !!python/object/apply:os.system [ls]"),
                          "Cần một đoạn văn bản, không phải một danh sách"),
    "photo path traversal": (HOSO, lambda text: text.replace("registered_on: 2022-07-01\n",
                                                              PHOTO.format("../../../../etc/passwd.png")),
                             "Đường dẫn ảnh '../../../../etc/passwd.png' phải là đường dẫn tương đối"),
    "absolute photo path": (HOSO, lambda text: text.replace("registered_on: 2022-07-01\n",
                                                             PHOTO.format("/etc/passwd.png")),
                            "Đường dẫn ảnh '/etc/passwd.png' phải là đường dẫn tương đối"),
    "backslash photo path": (HOSO, lambda text: text.replace("registered_on: 2022-07-01\n",
                                                              PHOTO.format("'..\\..\\secret.png'")),
                             "Đường dẫn ảnh '..\\..\\secret.png' phải là đường dẫn tương đối"),
    "script as photo": (HOSO, lambda text: text.replace("registered_on: 2022-07-01\n", PHOTO.format("anh/x.svg")),
                        "Ảnh phải có đuôi .jpg, .jpeg, .png, .webp"),
    "javascript programme url": ("campaign.yml", lambda text: text.replace("https://example.org/chuong-trinh",
                                                                            "javascript:alert(1)"),
                                 "Địa chỉ web 'javascript:alert(1)' không hợp lệ"),
    "data url website": ("units.yml", lambda text: text.replace("    short_name: GAMMA",
                                                                 "    short_name: GAMMA\n    website: data:text/html,x"),
                         "Địa chỉ web 'data:text/html,x' không hợp lệ"),
    "e-mail in an author name": (HOSO, lambda text: text.replace("Trần Thị Bình", "Bình binh.tran@example.com"),
                                 "Không ghi địa chỉ e-mail ('binh.tran@example.com')"),
    "phone in a support channel": ("units.yml", lambda text: text.replace("Văn phòng Công đoàn Alpha",
                                                                           "Gọi 0912.345.678"),
                                   "Không ghi số điện thoại ('0912.345.678')"),
    "ID card in a summary": (HOSO, lambda text: text.replace("dùng chung.", "dùng chung, CCCD 001203004005."),
                             "Dãy số '001203004005' trông giống số CMND/CCCD"),
    "phone in a news body": (NEWS, lambda text: text + "\nLiên hệ +84 912 345 678.\n",
                             "Không ghi số điện thoại ('+84 912 345 678')"),
    "several documents": (HOSO, lambda text: text + "---\ncode: X\n", "Tệp chỉ được chứa một tài liệu YAML"),
    "news front matter not closed": (NEWS, lambda text: text.replace("---\n\n", "\n", 1),
                                     "Phần thông tin đầu bài (front matter) chưa được đóng"),
}


@pytest.mark.parametrize("name", REJECTED)
def test_rejected_with_file_and_line(tree, name):
    rel, change, expected = REJECTED[name]
    original = tree.read(rel)
    tree.write(rel, change(original))
    problems = load(tree.root, "content").problems
    assert problems, name
    assert any(problem.path == f"content/{rel}" and problem.line >= 1 and problem.message.startswith(expected)
               for problem in problems), [str(problem) for problem in problems]


def test_symlink_out_of_the_tree_is_rejected(tree, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    (tree.root / "initiatives/alpha/anh.png").symlink_to(secret)
    tree.edit(HOSO, "registered_on: 2022-07-01\n", PHOTO.format("anh.png"))
    messages = [str(problem) for problem in load(tree.root, "content").problems]
    assert "content/initiatives/alpha/anh.png:1:1: Không dùng liên kết tượng trưng (symlink) trong thư mục nội " \
           "dung; hãy chép tệp thật vào" in messages


def test_text_file_named_as_a_photo_is_rejected(tree):
    tree.write("initiatives/alpha/anh.jpg", "<script>alert(1)</script>")
    tree.edit(HOSO, "registered_on: 2022-07-01\n", PHOTO.format("anh.jpg"))
    assert [str(problem) for problem in load(tree.root, "content").problems] == [
        f"content/{HOSO}:11:11: Ảnh 'anh.jpg': tệp không phải ảnh JPEG, PNG hoặc WebP đúng với đuôi tên tệp"]


def test_huge_photo_is_rejected(tree):
    tree.write("initiatives/alpha/anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * 1024 * 1024))
    tree.edit(HOSO, "registered_on: 2022-07-01\n", PHOTO.format("anh.png"))
    assert [str(problem) for problem in load(tree.root, "content").problems] == [
        f"content/{HOSO}:11:11: Ảnh 'anh.png': tệp quá lớn (6,0 MB, tối đa 5 MB); hãy giảm kích thước ảnh"]


XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("https://evil.example/","Bấm")'  # what a spreadsheet would run from a CSV cell
MARKDOWN_ATTACKS = """
<script>alert('script')</script>
<iframe src="https://evil.example/"></iframe>
<img src="x" onerror="alert('img')">
<svg onload="alert('svg')"><circle r="1"/></svg>
<a href="javascript:alert('a')">a</a> [b](javascript:alert('b')) [c](JaVaScRiPt:alert('c'))
[d](data:text/html;base64,PHNjcmlwdD4=) <a href="vbscript:msgbox(1)">e</a>
<style>body{display:none}</style>
<form action="https://evil.example/"><input name="q"></form>
<object data="x.swf"></object><embed src="x.swf">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<div onclick="alert('div')" style="background:url(javascript:alert(1))">div</div>
"""


# Where the check finds each attack of MARKDOWN_ATTACKS: (line, column) in it, and the message.
SCHEME = "Liên kết '{}:' không được dùng và sẽ bị bỏ khỏi trang; chỉ dùng liên kết bắt đầu bằng https:// hoặc http://"
TAG = "Thẻ HTML <{}> không được dùng và sẽ bị bỏ khỏi trang; hãy viết bằng Markdown (muốn hiện dấu <, viết &lt;)"
ATTRIBUTE = "Thuộc tính '{}' của thẻ <div> không được dùng và sẽ bị bỏ khỏi trang"
ATTACKS_FOUND = [
    (1, 1, TAG.format("script")), (2, 1, TAG.format("iframe")), (3, 1, TAG.format("img")),
    (4, 1, TAG.format("svg")), (4, 28, TAG.format("circle")),
    (5, 4, SCHEME.format("javascript")), (5, 43, SCHEME.format("javascript")), (5, 70, SCHEME.format("JaVaScRiPt")),
    (6, 5, SCHEME.format("data")), (6, 44, SCHEME.format("vbscript")),
    (7, 1, TAG.format("style")), (8, 1, TAG.format("form")), (8, 38, TAG.format("input")),
    (9, 1, TAG.format("object")), (9, 31, TAG.format("embed")), (10, 1, TAG.format("meta")), (11, 1, TAG.format("base")),
    (12, 6, ATTRIBUTE.format("onclick")), (12, 29, ATTRIBUTE.format("style")),
]


def test_markup_the_page_would_leave_out_is_reported_where_it_stands(tree):
    """In a news item's body and in an initiative's description (a literal block: exact columns, two spaces in)."""
    tree.edit(NEWS, "Nội dung **tin** phát động.", MARKDOWN_ATTACKS.strip("\n"))
    tree.edit(HOSO, "registered_on: 2022-07-01", "registered_on: 2022-07-01\ndescription: |\n"
              + "".join(f"  {line}\n" for line in MARKDOWN_ATTACKS.strip("\n").splitlines()))
    body = tree.read(NEWS).splitlines().index("<script>alert('script')</script>") + 1
    block = tree.read(HOSO).splitlines().index("description: |") + 1
    assert [str(problem) for problem in load(tree.root, "content").problems] == [
        f"content/{HOSO}:{block + line}:{column + 2}: {message}" for line, column, message in ATTACKS_FOUND] + [
        f"content/{NEWS}:{body + line - 1}:{column}: {message}" for line, column, message in ATTACKS_FOUND]


def test_markup_the_page_keeps_is_not_reported(tree):
    kept = ("Mã `<script>x</script>` và\n\n```\n<iframe src=x>\n```\n\n3 < 5, a <br> b, <strong>đậm</strong>, "
            "<a href=\"https://evn.com.vn\" title=\"EVN\">EVN</a>, [trang](../gioi-thieu/), [thư](mailto:x), "
            "<https://evn.com.vn>, <div class=\"admonition note\">ghi chú</div>\n\n<h1>Tựa, hiện như h2</h1>")
    tree.edit(NEWS, "Nội dung **tin** phát động.", kept)
    assert load(tree.root, "content").problems == []


def test_words_in_angle_brackets_are_a_tag_to_markdown(tree):
    """A placeholder such as <Tên đơn vị> is raw HTML to Python-Markdown (a tag named "tên"), and the sanitiser drops
    it, words and all; an address in angle brackets is a link, its scheme checked as any link's."""
    text = "Ghi <Tên đơn vị> hoặc <mã-đơn-vị>, không phải &lt;Tên&gt;; xem <ftp://x.example> và <https://evn.com.vn>"
    assert "Tên đơn vị" not in str(to_html(text)) and "&lt;Tên&gt;" in str(to_html(text))
    tree.edit(NEWS, "Nội dung **tin** phát động.", text)
    line = tree.read(NEWS).splitlines().index(text) + 1
    assert [str(problem) for problem in load(tree.root, "content").problems] == [
        f"content/{NEWS}:{line}:5: {TAG.format('tên')}", f"content/{NEWS}:{line}:23: {TAG.format('mã-đơn-vị')}",
        f"content/{NEWS}:{line}:65: {SCHEME.format('ftp')}"]


def test_an_image_in_the_text_is_reported_whatever_it_links_to(tree):
    tree.edit(NEWS, "Nội dung **tin** phát động.", "Ảnh: ![sơ đồ](data:image/png;base64,AA) và ![x][ref]")
    line = tree.read(NEWS).splitlines().index("Ảnh: ![sơ đồ](data:image/png;base64,AA) và ![x][ref]") + 1
    image = ("Ảnh chèn vào văn bản (![...](...)) không hiện trên trang; ảnh của sáng kiến ghi ở trường photos, ảnh "
             "của tin ở trường image")
    assert [str(problem) for problem in load(tree.root, "content").problems] == [
        f"content/{NEWS}:{line}:6: {image}", f"content/{NEWS}:{line}:44: {image}"]


def test_the_sanitiser_removes_every_attack_the_check_reports():
    """The renderer's own guarantee, on the attacks the check keeps out of the site."""
    fragment = BeautifulSoup(str(to_html(MARKDOWN_ATTACKS)), "lxml")
    assert fragment.select("iframe, object, embed, form, input, style, base, script, svg, img, meta") == []
    for tag in fragment.find_all(True):
        assert set(tag.attrs) <= ATTRIBUTES.get(tag.name, set()) | {"rel"}, tag
    assert [a.get("href") for a in fragment.select("a")] == [None] * 5
    assert "alert('script')" not in fragment.get_text()


# Attacks written as code, which the check lets through: the page shows them as text
MARKDOWN_CODE = """
Mã `<script>alert('script')</script>` và `<img src=x onerror=alert(1)>`

```
<iframe src="https://evil.example/"></iframe>
[b](javascript:alert('b'))
```
"""


@pytest.mark.parametrize("name", ["gioi-thieu.md", "gioi-thieu.markdown"])  # a page to MkDocs by either name
def test_a_hand_written_page_is_checked_as_news_is(tree, name):
    """pages/*.md, with the hand-written pages' allowlist (their own h1 and heading ids). The front matter, printed
    as text, is looked at for personal data only."""
    tree.write(f"pages/{name}", "---\ntitle: <iframe> 0912 345 678\n---\n\n<h1 id=\"gt\">Giới thiệu</h1>\n\n"
               + MARKDOWN_ATTACKS.strip("\n") + "\n")
    tree.write("pages/anh/so-do.png", b"\x89PNG\r\n\x1a\n")  # copied as it is: not read
    phone = "Không ghi số điện thoại ('0912 345 678') trên trang công khai; hãy ghi kênh liên hệ chung của đơn vị"
    expected = [(2, 17, phone)] + [(line + 6, column, message) for line, column, message in ATTACKS_FOUND]
    assert [str(problem) for problem in load(tree.root, "content").problems] == [
        f"content/pages/{name}:{line}:{column}: {message}" for line, column, message in expected]


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> BeautifulSoup:
    """The project's site with a hand-written page of attacks, built from a copy of mkdocs.yml that takes its pages
    from elsewhere than the content tree (which the check would reject): what the renderer alone makes of it."""
    root = tmp_path_factory.mktemp("page")
    pages = root / "pages"
    pages.mkdir()
    (pages / "gioi-thieu.md").write_text("# Giới thiệu\n" + MARKDOWN_ATTACKS + "\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
                                         "[Tin tức](/tin-tuc/)\n", encoding="utf-8")
    result = build_site(FIXTURES / "basic", root / "site", config=config_with_pages(root, pages))
    assert result.returncode == 0, result.stderr
    return BeautifulSoup((root / "site/gioi-thieu/index.html").read_text(encoding="utf-8"), "lxml")


def test_a_hand_written_page_s_front_matter_sets_nothing_but_its_title_description_and_hidden_parts(tmp_path):
    """Material prints a page's author, subtitle and status, and the git plugins' dates, unescaped into every page
    (the subtitle and status through the navigation), and 'template' picks a template such as redirect.html:
    the renderer keeps only the fields the check allows (schema.PAGE_META)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "gioi-thieu.md").write_text(
        "---\ntitle: Giới thiệu\nauthor: '\"><script>alert(1)</script>'\nsubtitle: '<img src=x onerror=alert(2)>'\n"
        "status: '\"><img src=x onerror=alert(3)>'\ngit_revision_date_localized: '<img src=x onerror=alert(4)>'\n"
        "hide: [toc, '<b>x</b>']\n---\n\n# Giới thiệu\n", encoding="utf-8")
    (pages / "chuyen.md").write_text("---\ntemplate: redirect.html\nlocation: '\"]);alert(5);//'\n---\n\n# Chuyển\n",
                                     encoding="utf-8")
    result = build_site(FIXTURES / "basic", tmp_path / "site", config=config_with_pages(tmp_path, pages))
    assert result.returncode == 0, result.stderr
    for page in ("gioi-thieu/index.html", "chuyen/index.html", "index.html", "404.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert not re.search(r"alert\([1-5]\)|onerror|name=\"author\"", html), page  # not even as text
    assert "window.location" not in (tmp_path / "site/chuyen/index.html").read_text(encoding="utf-8")


def test_a_symlink_in_the_pages_folder_stops_the_build_before_anything_is_published(tmp_path):
    """Even with the pages folder outside the content tree (which the check does not read): MkDocs would follow
    the link and publish the file, and a linked folder holding a broken link made it fail with a traceback."""
    pages, outside = tmp_path / "pages", tmp_path / "ngoai"
    pages.mkdir()
    outside.mkdir()
    (outside / "bi-mat.txt").write_text("mật khẩu", encoding="utf-8")
    (outside / "hong").symlink_to(tmp_path / "khong-co")
    (pages / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (pages / "bi-mat.txt").symlink_to(outside / "bi-mat.txt")
    (pages / "thu-muc").symlink_to(outside)
    result = build_site(FIXTURES / "basic", tmp_path / "site", config=config_with_pages(tmp_path, pages))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == [
        "ERROR   -  sangkien: pages/bi-mat.txt:1:1: Không dùng liên kết tượng trưng (symlink) trong thư mục nội dung; "
        "hãy chép tệp thật vào",
        "ERROR   -  sangkien: pages/thu-muc:1:1: Không dùng liên kết tượng trưng (symlink) trong thư mục nội dung; "
        "hãy chép tệp thật vào",
        "ERROR   -  Có 2 liên kết tượng trưng trong thư mục trang viết tay; trang web không được tạo."]
    assert not list((tmp_path / "site").rglob("bi-mat.txt"))


def test_a_hand_written_page_is_cleaned_as_content_is(hostile_page):
    article = hostile_page.select_one("article")
    assert article.select("iframe, object, embed, form, input, style, base, script, svg, img, meta") == []
    for tag in article.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on") or name == "style"], tag
    assert [a.get("href") for a in article.select("a:not(.headerlink)") if a.get_text() != "Tin tức"] == [None] * 5
    assert "alert('script')" not in article.get_text()


def test_a_hand_written_page_keeps_what_mkdocs_writes(hostile_page):
    """Its title, the ids and permalinks of the table of contents, a table's column alignment; a link from the
    site's root made relative to the page."""
    article = hostile_page.select_one("article")
    assert [(h1["id"], h1.a["href"], h1.a["class"], h1.a["title"]) for h1 in article.select("h1")] == [
        ("gioi-thieu", "#gioi-thieu", ["headerlink"], "Liên kết tới mục này")]
    assert [cell.get("align") for cell in article.select("th, td")] == ["left", "right", "left", "right"]
    assert [a["href"] for a in article.select("a") if a.get_text() == "Tin tức"] == ["../tin-tuc/"]


def _harmless_tree(root: Path) -> None:
    def edit(rel: str, old: str, new: str) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    quoted = json.dumps(XSS, ensure_ascii=False)  # a YAML double-quoted string
    edit(HOSO, "title: Số hoá hồ sơ khách hàng", f"title: {quoted}")
    edit(HOSO, "summary: Quét và lưu hồ sơ khách hàng trên hệ thống dùng chung.", f"summary: {quoted}")
    edit(HOSO, "name: Trần Thị Bình", f"name: {quoted}")
    edit(HOSO, "job_title: Chuyên viên kinh doanh", f"job_title: {quoted}")
    edit(HOSO, "registered_on: 2022-07-01", "registered_on: 2022-07-01\ntags: ['<script>x</script>']\nbenefit:\n  other: "
         + quoted + "\ndescription: |\n" + "".join(f"  {line}\n" for line in MARKDOWN_CODE.splitlines()))
    edit(FLYCAM, "decision: Quyết định số 10/QĐ-ALPHA", f"decision: {quoted}")
    edit(FLYCAM, "name: Nguyễn Văn An", f"name: '{FORMULA}'")
    edit("units.yml", "name: Công ty Gamma", f"name: {quoted}")
    edit("units.yml", "name: Tổ hỗ trợ viết sáng kiến Alpha", f"name: {quoted}")
    edit("campaign.yml", "name: Chuyển đổi số", f"name: {quoted}")
    edit("campaign.yml", "short_name: Thử nghiệm", f"short_name: {quoted}")
    edit(NEWS, "title: Phát động phong trào thử nghiệm", f"title: {quoted}")
    edit(NEWS, "categories: [Phát động]", f"categories: [{quoted}]")
    edit(NEWS, "authors: [Ban biên tập]", f"authors: [{quoted}]")
    edit(NEWS, "Nội dung **tin** phát động.", MARKDOWN_CODE)
    # encodings that must be read as the same text: a byte-order mark, Windows line ends, decomposed letters
    path = root / "initiatives/beta/bien-bao-an-toan.yml"
    text = path.read_text(encoding="utf-8").replace("Biển báo", "Bie\u0302\u0309n báo")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES / "basic", root / "content")
    _harmless_tree(root / "content")
    assert load(root / "content").problems == []
    clean = build_site(FIXTURES / "basic", root / "clean" / "site")
    assert clean.returncode == 0, clean.stderr
    result = build_site(root / "content", root / "hostile" / "site")
    assert result.returncode == 0, result.stderr
    return root


def _inline_scripts(site: Path) -> set[str]:
    found = set()
    for path in site.rglob("*.html"):
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select("script:not([src])"):
            if script.get("type") != "application/ld+json":
                found.add(script.string or "")
    return found


def test_no_script_or_event_handler_from_content(hostile_site):
    site = hostile_site / "hostile" / "site"
    assert _inline_scripts(site) == _inline_scripts(hostile_site / "clean" / "site")
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        content = soup.select_one("article")
        for form in content.select("form.sk-browse__form"):  # the search page's own form (theme/browse.html)
            form.decompose()
        assert content.select("iframe, object, embed, form, input, style, base, script, svg:not(.sk-chart)") == [], path
        assert soup.select('meta[http-equiv]') == [], path
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], (path, tag.name)
            for name in ("href", "src", "action", "data", "style"):
                value = str(tag.get(name, "")).replace(" ", "").lower()
                assert not re.search(r"(javascript|vbscript|data):", value), (path, tag)
        for script in soup.select("script[src]"):
            assert "assets/" in script["src"], path
        for script in soup.select('script[type="application/ld+json"]'):
            assert "</" not in script.string
            json.loads(script.string)


def test_hostile_text_is_shown_as_text(hostile_site):
    site = hostile_site / "hostile" / "site"
    page = BeautifulSoup((site / "sang-kien/alpha/so-hoa-ho-so/index.html").read_text(encoding="utf-8"), "lxml")
    article = page.select_one("article")
    assert article.h1.get_text() == XSS
    assert page.title.get_text().startswith(XSS)
    assert page.find("meta", property="og:title")["content"] == XSS
    assert XSS in [li.get_text(" ", strip=True).split(" — ")[0] for li in article.select(".sk-authors li")]
    description = article.select_one(".sk-description")
    assert description.select("a, script, img, iframe") == []
    assert [code.get_text() for code in description.select("code")] == [
        "<script>alert('script')</script>", "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example/\"></iframe>\n[b](javascript:alert('b'))\n"]
    unit = BeautifulSoup((site / "don-vi/gamma/index.html").read_text(encoding="utf-8"), "lxml")
    assert unit.select_one("article h1").get_text() == XSS


def test_feeds_and_data_carry_the_text_escaped(hostile_site):
    site = hostile_site / "hostile" / "site"
    titles = [item.findtext("title") for item in ElementTree.parse(site / "tin-tuc/rss.xml").getroot().iter("item")]
    assert XSS in titles
    data = json.loads((site / "data/stats.json").read_text(encoding="utf-8"))
    assert XSS in [unit["name"] for unit in data["units"]]
    assert "<script" not in (site / "tin-tuc/rss.xml").read_text(encoding="utf-8")


def test_open_data_tables_never_start_a_cell_with_a_formula(hostile_site):
    site = hostile_site / "hostile" / "site"
    assert FORMULA in [author["name"] for author in json.loads((site / "data/stats.json").read_text())["authors"]]
    rows = list(csv.DictReader(io.StringIO((site / "data/authors.csv").read_text(encoding="utf-8-sig"))))
    assert "'" + FORMULA in [row["name"] for row in rows]
    for table in ("units", "authors", "fields", "monthly"):
        cells = [cell for row in csv.reader(io.StringIO((site / f"data/{table}.csv").read_text(encoding="utf-8-sig")))
                 for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))], table
        assert not [cell for cell in cells if cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit()]


def test_bom_crlf_and_decomposed_letters_read_as_plain_text(hostile_site):
    site = hostile_site / "hostile" / "site"
    page = BeautifulSoup((site / "sang-kien/beta/bien-bao-an-toan/index.html").read_text(encoding="utf-8"), "lxml")
    assert page.select_one("article h1").get_text() == "Biển báo an toàn phát quang"
    assert "\r" not in (site / "sang-kien/beta/bien-bao-an-toan/index.html").read_text(encoding="utf-8")
