"""``sangkien links``: every internal href/src of a built site resolves, anchors included."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import FIXTURES, build_site

from generator.cli import main
from generator.linkcheck import base_path


def page(root: Path, rel: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def links(capsys, site: Path) -> tuple[int, list[str], str]:
    status = main(["links", "--site", str(site)])
    out, err = capsys.readouterr()
    return status, [line.replace(str(site), "site") for line in out.splitlines()], err


def test_a_site_whose_links_all_resolve(tmp_path, capsys):
    site = tmp_path / "site"
    page(site, "index.html", '<a href="don-vi/">Đơn vị</a> <a href="don-vi/#alpha">Alpha</a> <a href="#top">↑</a>'
                             '<img src="assets/a%20b.png" srcset="assets/a%20b.png 1x, assets/c.webp 2x">'
                             '<a href="https://example.org/x">ngoài</a> <a href="mailto:a@b.c">thư</a>'
                             '<link rel="preconnect" href="//cdn.example.org"><span id="top"></span>')
    page(site, "don-vi/index.html", '<h2 id="alpha">Alpha</h2><a href="../">Trang chủ</a>'
                                    '<a href="../index.html?q=1#top">về đầu</a>')
    (site / "assets").mkdir()
    (site / "assets" / "a b.png").write_bytes(b"")
    (site / "assets" / "c.webp").write_bytes(b"")
    assert links(capsys, site) == (0, [], "Mọi liên kết trong trang đều dẫn tới đúng chỗ.\n")


def test_broken_files_and_anchors_are_listed(tmp_path, capsys):
    site = tmp_path / "site"
    page(site, "index.html", '<a href="don-vi/gamma/">Gamma</a><a href="don-vi/#beta">Beta</a>'
                             '<script src="/assets/khong-co.js"></script><a href="../ngoai-trang/">?</a>')
    page(site, "don-vi/index.html", '<h2 id="alpha">Alpha</h2>')
    status, out, err = links(capsys, site)
    assert status == 1
    assert out == [
        "site/index.html: liên kết 'don-vi/gamma/' không dẫn tới tệp nào trong trang web",
        "site/index.html: liên kết 'don-vi/#beta' trỏ tới mục '#beta' không có trong don-vi/index.html",
        "site/index.html: liên kết '/assets/khong-co.js' không dẫn tới tệp nào trong trang web",
        "site/index.html: liên kết '../ngoai-trang/' không dẫn tới tệp nào trong trang web",
    ]
    assert err == "\n4 liên kết hỏng.\n"


def test_a_folder_that_is_not_a_built_site(tmp_path, capsys):
    assert main(["links", "--site", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().err.endswith("không thấy trang web đã dựng (thiếu index.html); hãy chạy mkdocs build "
                                            "trước\n")


def test_the_built_fixture_site_has_no_broken_internal_link(tmp_path, capsys):
    out = tmp_path / "site"
    result = build_site(FIXTURES / "basic", out)
    assert result.returncode == 0, result.stderr
    status, broken, _ = links(capsys, out)
    assert (status, broken) == (0, [])


def test_links_from_the_hosts_root_are_read_where_the_site_lives(tmp_path, capsys):
    """A site published under /repo/ (GitHub Pages, a project's): its /repo/ links resolve in the site folder, and
    a link from the host's root outside /repo/ is broken there."""
    site = tmp_path / "site"
    page(site, "index.html", '<link rel="canonical" href="https://owner.example/repo/">'
                             '<a href="/repo/don-vi/">Đơn vị</a> <a href="/repo">Trang chủ</a>')
    page(site, "404.html", '<script src="/repo/assets/a.js"></script><a href="/don-vi/">?</a>')
    page(site, "don-vi/index.html", "")
    (site / "assets").mkdir()
    (site / "assets" / "a.js").write_bytes(b"")
    assert base_path(site) == "/repo/"
    status, out, _ = links(capsys, site)
    assert (status, out) == (1, ["site/404.html: liên kết '/don-vi/' trỏ ra ngoài trang web, vốn nằm ở /repo/ trên "
                                 "máy chủ"])


def test_a_site_without_a_canonical_address_lives_at_the_hosts_root(tmp_path):
    page(tmp_path, "index.html", '<link rel="canonical" href="../">')
    assert base_path(tmp_path) == "/"
    page(tmp_path, "index.html", "")
    assert base_path(tmp_path) == "/"


def test_a_site_built_for_a_folder_of_its_host_keeps_every_link(tree, tmp_path, capsys):
    """Built as GitHub Pages publishes a project's site: the 404 page's links carry /repo/, and the links content
    writes from the site's root ('/don-vi/beta/') are made relative to the page they are on."""
    tree.edit("news/2022/2022-02-15-phat-dong.md", "Nội dung **tin** phát động.",
              "Nội dung **tin** phát động, xem [đơn vị Beta](/don-vi/beta/) và [trang chủ](/).")
    tree.edit("initiatives/alpha/ung-dung-flycam.yml", "  - An toàn hơn", "  - An toàn hơn ([giới thiệu](/gioi-thieu/))")
    out = tmp_path / "site"
    result = build_site(tree.root, out, site_url="https://owner.example/repo/")
    assert result.returncode == 0, result.stderr
    status, broken, _ = links(capsys, out)
    assert (status, broken) == (0, [])
    news = BeautifulSoup((out / "tin-tuc/2022/phat-dong/index.html").read_text(encoding="utf-8"), "lxml")
    assert [a["href"] for a in news.select("article a") if a.get_text() in ("đơn vị Beta", "trang chủ")] == [
        "../../../don-vi/beta/", "../../../"]
    flycam = BeautifulSoup((out / "sang-kien/alpha/ung-dung-flycam/index.html").read_text(encoding="utf-8"), "lxml")
    assert [a["href"] for a in flycam.select(".sk-description a")] == ["../../../gioi-thieu/"]


def test_pages_are_read_as_a_browser_reads_them(tmp_path, capsys):
    """What follows </body> or </html> is part of the page (a browser puts it into the body); markup inside a
    title, a text area or a script is text, not a link."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html><head><title><a href="tieu-de/">x</a></title></head><body>'
        '<textarea><a href="o-nhap/"></a></textarea><script>var a = "<a href=\\"ma/\\">";</script>'
        '</body></html>\n<a href="sau-trang/">?</a><img src="anh.png"></BODY ></html>', encoding="utf-8")
    status, out, _ = links(capsys, site)
    assert (status, out) == (1, ["site/index.html: liên kết 'sau-trang/' không dẫn tới tệp nào trong trang web",
                                 "site/index.html: liên kết 'anh.png' không dẫn tới tệp nào trong trang web"])


def test_a_large_site_is_reported_page_by_page_in_order(tmp_path, capsys):
    """Enough pages for the worker processes to read them: every broken link is still listed once, pages in the
    order of their paths and each page's links in their order, anchors into other pages included."""
    site = tmp_path / "site"
    page(site, "index.html", '<a href="p/000/">đầu</a>')
    for number in range(300):
        following = (number + 1) % 300
        links_here = f'<h2 id="muc-{number}">Mục</h2><a href="../{following:03d}/#muc-{following}">tiếp</a>'
        if number == 120:
            links_here += '<a href="../003/#khong-co">?</a><a href="../khong-co/">?</a><a href="#muc-120">đây</a>'
        if number == 7:
            links_here += '<a href="#muc-8">?</a>'
        page(site, f"p/{number:03d}/index.html", links_here)
    status, out, err = links(capsys, site)
    assert status == 1
    assert out == ["site/p/007/index.html: liên kết '#muc-8' trỏ tới mục '#muc-8' không có trong p/007/index.html",
                   "site/p/120/index.html: liên kết '../003/#khong-co' trỏ tới mục '#khong-co' không có trong "
                   "p/003/index.html",
                   "site/p/120/index.html: liên kết '../khong-co/' không dẫn tới tệp nào trong trang web"]
    assert err == "\n3 liên kết hỏng.\n"


def test_a_fragment_with_a_line_break_is_printed_on_one_line(tmp_path, capsys):
    """The fragment is unquoted to be looked up: '%0A' is a line break, which split the report's line, and the
    next line, '::error ...', is a command to a GitHub Actions runner."""
    site = tmp_path / "site"
    page(site, "index.html", '<a href="#%0A::error%20file=README.md::Pwned%0A">x</a>')
    status, out, _ = links(capsys, site)
    assert status == 1 and len(out) == 1 and not out[0].startswith("::")
    assert out[0].startswith("site/index.html: liên kết '#%0A::error%20file=README.md::Pwned%0A' trỏ tới mục "
                             "'#\\n::error file=README.md::Pwned\\n'")
