"""``sangkien check`` and ``mkdocs build`` on a tree with 20 deliberate mistakes in several files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, build_site, config_with_pages

BROKEN = "tests/fixtures/broken"

EXPECTED = [
    f"{BROKEN}/campaign.yml:9:8: Địa chỉ web 'http://example.org/chuong-trinh' không hợp lệ: phải bắt đầu bằng https://",
    f"{BROKEN}/campaign.yml:33:12: Giai đoạn bắt đầu 01/05/2022, trước khi giai đoạn trước kết thúc (31/05/2022); "
    "các giai đoạn phải nối tiếp nhau",
    f"{BROKEN}/initiatives/alpha/so-hoa-ho-so.yml:1:1: Thiếu trường bắt buộc 'unit' (Mã đơn vị (trùng tên thư mục))",
    f"{BROKEN}/initiatives/alpha/so-hoa-ho-so.yml:4:1: Trường 'unti' không có trong mẫu — có phải ý bạn là 'unit'?",
    f"{BROKEN}/initiatives/alpha/tu-dong-bao-cao.yml:1:7: Mã đăng ký 'ALPHA-2022-0001' cũng dùng cho sáng kiến "
    f"{BROKEN}/initiatives/alpha/ung-dung-flycam.yml:1",
    f"{BROKEN}/initiatives/alpha/tu-dong-bao-cao.yml:5:8: Lĩnh vực 'chuyen-doi-s0' không có trong danh sách fields "
    "của campaign.yml — có phải ý bạn là 'chuyen-doi-so'?",
    f"{BROKEN}/initiatives/alpha/ung-dung-flycam.yml:1:7: Mã đăng ký 'ALPHA-2022-0001' đã dùng cho sáng kiến "
    f"{BROKEN}/initiatives/alpha/tu-dong-bao-cao.yml:1",
    f"{BROKEN}/initiatives/alpha/ung-dung-flycam.yml:9:15: Ngày '05/01/2022' không đúng dạng YYYY-MM-DD "
    "(ví dụ 2022-11-15) — có phải ý bạn là '2022-01-05'?",
    f"{BROKEN}/initiatives/alpha/ung-dung-flycam.yml:17:17: Số không được bắt đầu bằng chữ số 0 ('010'); hãy viết 10",
    f"{BROKEN}/initiatives/alpha/ung-dung-flycam.yml:18:11: Giá trị 'yes' không hợp lệ: chỉ dùng true hoặc false — "
    "có phải ý bạn là 'true'?",
    f"{BROKEN}/initiatives/beta/bien-bao-an-toan.yml:7:1: Không dùng phím Tab để thụt lề trong YAML; hãy dùng dấu cách",
    f"{BROKEN}/initiatives/beta/canh-bao-som.yml:9:16: Ngày đăng ký (09/08/2021) trước ngày chương trình bắt đầu "
    "tính sáng kiến (01/09/2021)",
    f"{BROKEN}/initiatives/beta/canh-bao-som.yml:11:11: Không tìm thấy ảnh 'anh/so-do.png' (đường dẫn tính từ thư mục "
    "của tệp này)",
    f"{BROKEN}/initiatives/beta/danh-sach.yml:1:1: Cần một bảng 'trường: giá trị', không phải một danh sách",
    f"{BROKEN}/initiatives/beta/khong-utf8.yml:2:9: Tệp không được mã hoá UTF-8 (byte 0xf4 không hợp lệ); "
    "hãy lưu lại tệp với mã hoá UTF-8",
    f"{BROKEN}/initiatives/beta/rong.yml:1:1: Tệp rỗng: hãy điền nội dung theo mẫu hoặc xoá tệp",
    f"{BROKEN}/news/2022/2022-02-15-phat-dong.md:1:1: Phần thông tin đầu bài (front matter) chưa được đóng: "
    "thêm một dòng '---' sau trường cuối cùng",
    f"{BROKEN}/news/2022/2022-11-15-tang-toc.md:3:7: Ngày đăng (2022-11-16) khác ngày trong tên tệp (2022-11-15)",
    f"{BROKEN}/news/2022/2022-11-15-tang-toc.md:5:1: Trường 'tag' không có trong mẫu",
    f"{BROKEN}/units.yml:16:11: Khối thi đua 'khoi-b' không có trong campaign.yml — có phải ý bạn là 'khoi-a'?",
    f"{BROKEN}/units.yml:22:5: Trường 'name' bị lặp lại (đã có ở dòng 20)",
]


def sangkien(*args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "sangkien"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True)


def test_check_reports_all_twenty_mistakes_at_once():
    result = sangkien("check", "--content", BROKEN)
    assert result.stdout.splitlines() == EXPECTED
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "21 lỗi trong nội dung. Hãy sửa rồi chạy lại: sangkien check"


def test_check_passes_on_the_basic_fixture():
    result = sangkien("check", "--content", "tests/fixtures/basic")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.strip() == "Nội dung hợp lệ: 6 sáng kiến, 3 đơn vị, 4 tin."


def test_check_of_a_missing_folder():
    result = sangkien("check", "--content", "khong-co")
    assert result.stdout.splitlines() == ["khong-co:1:1: Không tìm thấy thư mục nội dung"]
    assert result.returncode == 1


def test_build_fails_with_the_same_messages_and_writes_no_page(tmp_path):
    content = tmp_path / "broken"
    shutil.copytree(FIXTURES / "broken", content)
    out = tmp_path / "site"
    result = build_site(content, out)
    assert result.returncode == 1
    errors = [line.split(" -  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [f"sangkien: {line.replace(BROKEN, str(content))}" for line in EXPECTED] + [
        "Nội dung có 21 lỗi; trang web không được tạo."]
    assert not out.exists()


def test_check_reports_hand_written_pages_at_generated_addresses(tmp_path):
    """As the build does (tests/test_build.py): the pages folder of the content tree against the site's pages."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    for rel in ("gioi-thieu.md", "bang-xep-hang.md", "linh-vuc.markdown", "tin-tuc/index.md", "tin-tuc/cach-viet.md",
                ".nhap/index.md", "tin-tuc.MD"):  # hidden, and a name MkDocs copies as a file, not a page
        (content / "pages" / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / "pages" / rel).write_text("# Trang\n", encoding="utf-8")
    result = sangkien("check", "--content", str(content))
    clash = ("Trang viết tay có cùng địa chỉ {} với một trang được tạo tự động từ nội dung nên sẽ không được xuất "
             "bản; hãy đặt tên khác cho tệp")
    assert result.stdout.splitlines() == [f"{content}/pages/bang-xep-hang.md:1:1: {clash.format('/bang-xep-hang/')}",
                                          f"{content}/pages/linh-vuc.markdown:1:1: {clash.format('/linh-vuc/')}",
                                          f"{content}/pages/tin-tuc/index.md:1:1: {clash.format('/tin-tuc/')}"]
    assert result.returncode == 1
    assert result.stderr.strip() == "3 lỗi trong nội dung. Hãy sửa rồi chạy lại: sangkien check"


def test_a_clash_with_a_page_every_site_has_is_reported_with_the_content_s_mistakes(tmp_path):
    """All at once: with a mistake in the content there is no site to define the pages from, yet the home page and
    the sections' first pages are in every site. The build reports the same."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    (content / "pages").mkdir()
    (content / "pages/gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (content / "pages/bang-xep-hang.md").write_text("# Bảng xếp hạng\n", encoding="utf-8")
    flycam = content / "initiatives/alpha/ung-dung-flycam.yml"
    flycam.write_text(flycam.read_text(encoding="utf-8").replace("registered_on: 2022-03-10", "registered_on: 10/03/2022"),
                      encoding="utf-8")
    expected = [
        f"{content}/initiatives/alpha/ung-dung-flycam.yml:10:16: Ngày '10/03/2022' không đúng dạng YYYY-MM-DD "
        "(ví dụ 2022-11-15) — có phải ý bạn là '2022-03-10'?",
        f"{content}/pages/bang-xep-hang.md:1:1: Trang viết tay có cùng địa chỉ /bang-xep-hang/ với một trang được tạo "
        "tự động từ nội dung nên sẽ không được xuất bản; hãy đặt tên khác cho tệp"]
    result = sangkien("check", "--content", str(content))
    assert (result.returncode, result.stdout.splitlines()) == (1, expected)
    built = build_site(content, tmp_path / "site", config=config_with_pages(tmp_path, content / "pages"))
    errors = [line.split(" -  ", 1)[1] for line in built.stderr.splitlines() if line.startswith("ERROR")]
    assert built.returncode == 1
    # the build names a hand-written page from the folder of mkdocs.yml, as its other messages about pages do
    assert errors == [f"sangkien: {expected[0]}", f"sangkien: {expected[1].replace(f'{tmp_path}/', '')}",
                      "Nội dung có 2 lỗi; trang web không được tạo."]
