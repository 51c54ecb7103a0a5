"""Every validation rule, with the exact message a staff member reads.

Each case edits one file of a copy of tests/fixtures/basic and expects exactly the listed problems.
"""

from __future__ import annotations

import re

import pytest

from generator.content import load

FLYCAM = "initiatives/alpha/ung-dung-flycam.yml"
HOSO = "initiatives/alpha/so-hoa-ho-so.yml"
NEWS = "news/2022/2022-02-15-phat-dong.md"


INDENTED = ("Đoạn này thụt đầu dòng từ 4 dấu cách (hoặc một dấu tab) nên sẽ hiện thành khối mã: chữ đều, không định "
            "dạng; hãy bỏ khoảng trắng ở đầu dòng (muốn hiện mã, đặt giữa hai dòng ```)")


def problems(tree) -> list[str]:
    return [str(problem) for problem in load(tree.root, "content").problems]


def test_fixture_is_valid(tree):
    assert problems(tree) == []


# (file, old text, new text, expected problems) — one rule each
CASES = {
    "duplicate key": (HOSO, "unit: alpha\n", "unit: alpha\ntitle: Lặp\n", [
        f"content/{HOSO}:5:1: Trường 'title' bị lặp lại (đã có ở dòng 2)"]),
    "unknown field with suggestion": (HOSO, "unit: alpha", "unti: alpha", [
        f"content/{HOSO}:1:1: Thiếu trường bắt buộc 'unit' (Mã đơn vị (trùng tên thư mục))",
        f"content/{HOSO}:4:1: Trường 'unti' không có trong mẫu — có phải ý bạn là 'unit'?"]),
    "yes is not a boolean": (FLYCAM, "featured: true", "featured: yes", [
        f"content/{FLYCAM}:18:11: Giá trị 'yes' không hợp lệ: chỉ dùng true hoặc false — có phải ý bạn là 'true'?"]),
    "off is not a boolean": (FLYCAM, "featured: true", "featured: off", [
        f"content/{FLYCAM}:18:11: Giá trị 'off' không hợp lệ: chỉ dùng true hoặc false — có phải ý bạn là 'false'?"]),
    "leading zero": (FLYCAM, "kwh_per_year: 35000", "kwh_per_year: 010", [
        f"content/{FLYCAM}:17:17: Số không được bắt đầu bằng chữ số 0 ('010'); hãy viết 10"]),
    "thousands separators": (FLYCAM, "vnd_per_year: 1200000000", "vnd_per_year: 1.200.000.000", [
        f"content/{FLYCAM}:16:17: Viết số liền, không có dấu phân cách: 1200000000 (thay vì 1.200.000.000)"]),
    "negative number": (FLYCAM, "kwh_per_year: 35000", "kwh_per_year: -5", [
        f"content/{FLYCAM}:17:17: Số -5 không hợp lệ: phải là số không âm"]),
    "not a number": (FLYCAM, "kwh_per_year: 35000", "kwh_per_year: nhiều", [
        f"content/{FLYCAM}:17:17: 'nhiều' không phải là số nguyên"]),
    "date in dd/mm/yyyy": (HOSO, "registered_on: 2022-07-01", "registered_on: 01/07/2022", [
        f"content/{HOSO}:9:16: Ngày '01/07/2022' không đúng dạng YYYY-MM-DD (ví dụ 2022-11-15) — "
        "có phải ý bạn là '2022-07-01'?"]),
    "date that does not exist": (HOSO, "registered_on: 2022-07-01", "registered_on: 2022-02-30", [
        f"content/{HOSO}:9:16: Ngày '2022-02-30' không tồn tại"]),
    "unknown unit": (HOSO, "unit: alpha", "unit: alpah", [
        f"content/{HOSO}:4:7: Đơn vị 'alpah' không có trong units.yml — có phải ý bạn là 'alpha'?"]),
    "unknown unit, its folder offered before a closer spelling": (HOSO, "unit: alpha", "unit: alma", [
        f"content/{HOSO}:4:7: Đơn vị 'alma' không có trong units.yml — có phải ý bạn là 'alpha'?"]),
    "unit differs from folder": (HOSO, "unit: alpha", "unit: beta", [
        f"content/{HOSO}:4:7: Sáng kiến nằm trong thư mục 'alpha' nhưng ghi unit: beta; "
        "hãy chuyển tệp sang initiatives/beta/ hoặc sửa unit"]),
    "unknown co-author unit": ("initiatives/alpha/tu-dong-bao-cao.yml", "    unit: beta", "    unit: zeta", [
        "content/initiatives/alpha/tu-dong-bao-cao.yml:11:11: Đơn vị 'zeta' không có trong units.yml — "
        "có phải ý bạn là 'beta'?"]),
    "unknown field": (HOSO, "field: chuyen-doi-so", "field: chuyen-doi-soo", [
        f"content/{HOSO}:5:8: Lĩnh vực 'chuyen-doi-soo' không có trong danh sách fields của campaign.yml — "
        "có phải ý bạn là 'chuyen-doi-so'?"]),
    "duplicate code": (HOSO, "code: ALPHA-2022-0002", "code: ALPHA-2022-0001", [
        # both files are reported, each naming the other: either may be the one edited
        f"content/{HOSO}:1:7: Mã đăng ký 'ALPHA-2022-0001' cũng dùng cho sáng kiến content/{FLYCAM}:1",
        f"content/{FLYCAM}:1:7: Mã đăng ký 'ALPHA-2022-0001' đã dùng cho sáng kiến content/{HOSO}:1"]),
    "code pattern": (HOSO, "code: ALPHA-2022-0002", "code: alpha 2022", [
        f"content/{HOSO}:1:7: Giá trị 'alpha 2022' không đúng dạng: chữ in hoa không dấu, số, ngăn cách bằng '-' "
        "(ví dụ: EVNHANOI-2022-0153) — có phải ý bạn là 'ALPHA-2022'?"]),
    "unit in capitals": (HOSO, "unit: alpha", "unit: ALPHA", [
        f"content/{HOSO}:4:7: Giá trị 'ALPHA' không đúng dạng: chỉ chữ thường không dấu, số và dấu '-' "
        "(ví dụ: tiet-kiem-dien) — có phải ý bạn là 'alpha'?"]),
    "date without zeros": (HOSO, "registered_on: 2022-07-01", "registered_on: 2022-7-1", [
        f"content/{HOSO}:9:16: Ngày '2022-7-1' không đúng dạng YYYY-MM-DD (ví dụ 2022-11-15) — có phải ý bạn là "
        "'2022-07-01'?"]),
    "an author twice": (FLYCAM, "    job_title: Kỹ sư vận hành\n", "    job_title: Kỹ sư vận hành\n"
                        "  - name: Lê Thị Hoa\n    job_title: Tổ trưởng\n"  # a namesake of another job passes:
                        "  - name: Nguyễn Văn An\n    job_title: Kỹ sư\n"
                        "  - name: nguyễn  văn AN\n    job_title: kỹ sư vận hành\n", [
        f"content/{FLYCAM}:13:11: Tác giả 'nguyễn văn AN' đã ghi ở dòng 7 (cùng tên, chức danh và đơn vị); "
        "mỗi người chỉ ghi một lần"]),
    "registered years after the campaign": (HOSO, "registered_on: 2022-07-01", "registered_on: 2032-07-01", [
        f"content/{HOSO}:9:16: Ngày đăng ký (01/07/2032) sau ngày phong trào kết thúc (30/09/2023); hãy kiểm tra lại "
        "năm"]),
    "a benefit past any real one": (FLYCAM, "vnd_per_year: 1200000000", "vnd_per_year: 2000000000000000", [
        f"content/{FLYCAM}:16:17: Số 2000000000000000 quá lớn: tối đa là 1.000.000.000.000.000"]),
    "a number of five thousand digits": (FLYCAM, "kwh_per_year: 35000", "kwh_per_year: " + "9" * 5000, [
        f"content/{FLYCAM}:17:17: Số quá lớn (5.000 chữ số): tối đa là 1.000.000.000.000"]),
    "a control character written as an escape": (HOSO, "title: Số hoá hồ sơ khách hàng", 'title: "Số hoá\\x01hồ sơ"', [
        f"content/{HOSO}:2:8: Có ký tự điều khiển không hợp lệ (U+0001); hãy xoá ký tự này"]),
    "a writing-direction control": (HOSO, "title: Số hoá hồ sơ khách hàng", 'title: "Số hoá \\u202ehồ sơ"', [
        f"content/{HOSO}:2:8: Có ký tự điều khiển không hợp lệ (U+202E); hãy xoá ký tự này"]),
    "a control character in a news body": (NEWS, "Nội dung **tin**", "Nội dung\x1b **tin**", [
        f"content/{NEWS}:9:9: Có ký tự điều khiển không hợp lệ (U+001B); hãy xoá ký tự này"]),
    "a paragraph of unclosed brackets": (NEWS, "Nội dung **tin** phát động.", "Mở đầu.\n\n" + "[" * 5000 + "x](http://a)", [
        f"content/{NEWS}:10:1: Đoạn này có 5.000 dấu '[' (tối đa 300 trong một đoạn); hãy tách đoạn hoặc bỏ bớt dấu '['"]),
    "a word the lean path marks its places with": (HOSO, "title: Số hoá hồ sơ khách hàng",
                                                   "title: Số hoá sklean0jsonld0a7f3", [
        f"content/{HOSO}:2:8: Giá trị không được chứa 'sklean0': trình tạo trang dùng riêng chuỗi này"]),
    "applied after registered": (FLYCAM, "applied_from: 2022-01-05", "applied_from: 2022-05-05", [
        f"content/{FLYCAM}:9:15: Ngày áp dụng (05/05/2022) phải trước hoặc bằng ngày đăng ký (10/03/2022)",
        f"content/{FLYCAM}:14:9: Ngày quyết định công nhận (01/04/2022) trước ngày bắt đầu áp dụng (05/05/2022)"]),
    "html the page would leave out, in a block indented by four": (
        FLYCAM, "description: |\n  Tổ kiểm tra dùng **flycam** thay cho trèo cột.\n\n  - Giảm thời gian kiểm tra\n"
        "  - An toàn hơn", "description: |\n    Tổ kiểm tra dùng **flycam** <u>thay</u> <font color=red>cho</font> "
        "trèo cột.\n", [
            f"content/{FLYCAM}:21:45: Thẻ HTML <font> không được dùng và sẽ bị bỏ khỏi trang; hãy viết bằng Markdown "
            "(muốn hiện dấu <, viết &lt;)"]),
    "a phone number and a javascript link in the same description": (
        FLYCAM, "  - An toàn hơn", "  - An toàn hơn, gọi 0912 345 678\n  - [Xem](javascript:void(0))", [
            f"content/{FLYCAM}:24:22: Không ghi số điện thoại ('0912 345 678') trên trang công khai; hãy ghi kênh "
            "liên hệ chung của đơn vị",
            f"content/{FLYCAM}:25:11: Liên kết 'javascript:' không được dùng và sẽ bị bỏ khỏi trang; chỉ dùng liên "
            "kết bắt đầu bằng https:// hoặc http://"]),
    "registered before the programme": (HOSO, "registered_on: 2022-07-01", "registered_on: 2021-08-31", [
        f"content/{HOSO}:9:16: Ngày đăng ký (31/08/2021) trước ngày chương trình bắt đầu tính sáng kiến (01/09/2021)"]),
    "unknown recognition level": (FLYCAM, "level: tong-cong-ty", "level: tong-cong-tyy", [
        f"content/{FLYCAM}:12:10: Giá trị 'tong-cong-tyy' không hợp lệ; chọn một trong: don-vi, tong-cong-ty, evn, "
        "quoc-gia — có phải ý bạn là 'tong-cong-ty'?"]),
    "missing required field": (HOSO, "summary: Quét và lưu hồ sơ khách hàng trên hệ thống dùng chung.\n", "", [
        f"content/{HOSO}:1:1: Thiếu trường bắt buộc 'summary' (Tóm tắt một hai câu)"]),
    "required field left empty": (HOSO, "title: Số hoá hồ sơ khách hàng", "title:", [
        f"content/{HOSO}:2:1: Trường bắt buộc 'title' chưa có giá trị"]),
    "blank text": (HOSO, "title: Số hoá hồ sơ khách hàng", "title: '  '", [
        f"content/{HOSO}:2:8: Giá trị không được để trống"]),
    "text too long": (HOSO, "title: Số hoá hồ sơ khách hàng", "title: " + "a" * 201, [
        f"content/{HOSO}:2:8: Quá dài: 201 ký tự, tối đa 200"]),
    "scalar where a list belongs": (FLYCAM, "tags: [flycam, duong-day]", "tags: flycam", [
        f"content/{FLYCAM}:19:7: Cần một danh sách; viết dạng [flycam] hoặc mỗi mục một dòng '- ...'"]),
    "list where text belongs": (HOSO, "title: Số hoá hồ sơ khách hàng", "title: [a, b]", [
        f"content/{HOSO}:2:8: Cần một đoạn văn bản, không phải một danh sách"]),
    "no authors": (HOSO, "authors:\n  - name: Trần Thị Bình\n    job_title: Chuyên viên kinh doanh\n", "authors: []\n", [
        f"content/{HOSO}:6:10: Danh sách cần ít nhất 1 mục"]),
    "missing photo": (HOSO, "registered_on: 2022-07-01\n",
                      "registered_on: 2022-07-01\nphotos:\n  - path: anh/khong-co.jpg\n    alt: Ảnh\n", [
        f"content/{HOSO}:11:11: Không tìm thấy ảnh 'anh/khong-co.jpg' (đường dẫn tính từ thư mục của tệp này)"]),
    "photo outside the content tree": (HOSO, "registered_on: 2022-07-01\n",
                                       "registered_on: 2022-07-01\nphotos:\n  - path: ../../../etc/anh.jpg\n    alt: Ảnh\n", [
        f"content/{HOSO}:11:11: Đường dẫn ảnh '../../../etc/anh.jpg' phải là đường dẫn tương đối nằm trong thư mục "
        "initiatives/ (không bắt đầu bằng '/', không dùng '..')"]),
    "photo of another type": (HOSO, "registered_on: 2022-07-01\n",
                              "registered_on: 2022-07-01\nphotos:\n  - path: anh/tai-lieu.pdf\n    alt: Tài liệu\n", [
        f"content/{HOSO}:11:11: Ảnh phải có đuôi .jpg, .jpeg, .png, .webp"]),
    "tab indentation": (HOSO, "  - name: Trần Thị Bình", "\t- name: Trần Thị Bình", [
        f"content/{HOSO}:7:1: Không dùng phím Tab để thụt lề trong YAML; hãy dùng dấu cách"]),
    "colon inside a value": (HOSO, "title: Số hoá hồ sơ khách hàng", "title: Số hoá: hồ sơ: khách hàng", [
        f"content/{HOSO}:2:14: Dấu hai chấm ':' không hợp lệ ở đây; nếu giá trị có chứa ': ' hãy đặt cả giá trị "
        "trong dấu nháy kép \"...\""]),
    # libyaml's own messages, once shown as "Lỗi cú pháp YAML (did not find expected ...)"
    "text after a quoted value": (HOSO, "title: Số hoá hồ sơ khách hàng", 'title: "Số hoá" hồ sơ khách hàng', [
        f"content/{HOSO}:2:17: Dòng không đúng dạng 'trường: giá trị': các trường cùng cấp phải thẳng hàng, và giá trị "
        "đặt trong dấu nháy hoặc ngoặc không được có chữ viết tiếp sau dấu đóng"]),
    "list item out of line": (HOSO, "    job_title: Chuyên viên kinh doanh", "  job_title: Chuyên viên kinh doanh", [
        f"content/{HOSO}:8:3: Mỗi mục của danh sách phải bắt đầu bằng '- ' và thẳng hàng với các mục khác"]),
    "text after a block indicator": (HOSO, "registered_on: 2022-07-01\n",
                                     "registered_on: 2022-07-01\ndescription: | Mô tả\n  tiếp\n", [
        f"content/{HOSO}:10:16: Sau '|' hoặc '>' phải xuống dòng: đoạn văn nhiều dòng bắt đầu từ dòng sau, thụt lề "
        "hai dấu cách"]),
    "list on the key's line": (HOSO, "registered_on: 2022-07-01\n", "registered_on: 2022-07-01\ntags: - so-hoa\n", [
        f"content/{HOSO}:10:7: Không viết '- ' ngay sau dấu hai chấm: hãy xuống dòng, mỗi mục của danh sách một dòng "
        "'- ...' thụt lề hai dấu cách"]),
    "empty item in brackets": (HOSO, "registered_on: 2022-07-01\n", "registered_on: 2022-07-01\ntags: [a, , b]\n", [
        f"content/{HOSO}:10:11: Thiếu giá trị ở đây (ví dụ hai dấu phẩy liền nhau trong [...])"]),
    "unclosed brackets": (HOSO, "registered_on: 2022-07-01\n", "registered_on: 2022-07-01\ntags: [a, b\n", [
        f"content/{HOSO}:11:1: Danh sách trong ngoặc vuông [...] chưa đóng hoặc thiếu dấu phẩy"]),
    "tab inside a list": (HOSO, "  - name: Trần Thị Bình\n    job_title: Chuyên viên kinh doanh\n",
                          "  - name: Trần Thị Bình\n    job_title: Chuyên viên kinh doanh\n\t- name: Lê Văn An\n", [
        f"content/{HOSO}:9:1: Không dùng phím Tab để thụt lề trong YAML; hãy dùng dấu cách"]),
    "alias": (HOSO, "registered_on: 2022-07-01", "registered_on: &ngay 2022-07-01\napplied_from: *ngay", [
        f"content/{HOSO}:10:1: Không dùng anchor/alias YAML (&tên, *tên); hãy viết giá trị đầy đủ ở mỗi chỗ"]),
    "two documents": (HOSO, "registered_on: 2022-07-01\n", "registered_on: 2022-07-01\n---\ntitle: Hai\n", [
        f"content/{HOSO}:10:1: Tệp chỉ được chứa một tài liệu YAML; hãy bỏ dòng '---' thừa"]),
    "unknown bloc": ("units.yml", "bloc: khoi-a\n    quota:\n      giai-doan-1: 1", "bloc: khoi-b\n    quota:\n      giai-doan-1: 1", [
        "content/units.yml:16:11: Khối thi đua 'khoi-b' không có trong campaign.yml — có phải ý bạn là 'khoi-a'?"]),
    "a bloc named where the campaign has none": ("campaign.yml", "blocs:\n  - id: khoi-a\n    name: Khối A\n", "", [
        "content/units.yml:5:11: Khối thi đua 'khoi-a' không có trong campaign.yml",
        "content/units.yml:16:11: Khối thi đua 'khoi-a' không có trong campaign.yml"]),
    "unknown parent": ("units.yml", "parent: alpha", "parent: beta", [
        "content/units.yml:15:13: Đơn vị cấp trên 'beta' không có trong danh sách đơn vị"]),
    "quota of an unknown phase": ("units.yml", "giai-doan-2: 4", "giai-doan-3: 4", [
        "content/units.yml:8:7: Giai đoạn 'giai-doan-3' không có trong campaign.yml — có phải ý bạn là 'giai-doan-2'?"]),
    "duplicate unit id": ("units.yml", "id: gamma", "id: beta", [
        "content/units.yml:19:9: Mã đơn vị 'beta' bị trùng (đã dùng ở dòng 12)"]),
    "reserved unit id": ("units.yml", "id: gamma", "id: trang-2", [
        "content/units.yml:19:9: Mã đơn vị 'trang-2' trùng với địa chỉ trang danh sách; hãy chọn mã khác"]),
    "url without https": ("campaign.yml", "url: https://example.org/chuong-trinh", "url: javascript:alert(1)", [
        "content/campaign.yml:9:8: Địa chỉ web 'javascript:alert(1)' không hợp lệ: phải bắt đầu bằng https://"]),
    "phases overlap": ("campaign.yml", "start: 2022-06-01", "start: 2022-05-01", [
        "content/campaign.yml:33:12: Giai đoạn bắt đầu 01/05/2022, trước khi giai đoạn trước kết thúc (31/05/2022); "
        "các giai đoạn phải nối tiếp nhau"]),
    "phase ends before it starts": ("campaign.yml", "end: 2023-09-30", "end: 2022-01-01", [
        "content/campaign.yml:34:10: Ngày kết thúc giai đoạn trước ngày bắt đầu"]),
    "target revisions out of order": ("campaign.yml", "decided_on: 2022-11-14", "decided_on: 2022-01-14", [
        "content/campaign.yml:18:17: Các lần giao chỉ tiêu phải xếp theo ngày ban hành, cũ trước mới sau"]),
    "deadline before the decision": ("campaign.yml", "deadline: 2023-09-01", "deadline: 2022-01-01", [
        "content/campaign.yml:17:15: Hạn hoàn thành trước ngày ban hành văn bản"]),
    "quota key that is not an id": ("units.yml", "giai-doan-2: 4", "Giai Doan 2: 4", [
        "content/units.yml:8:7: Khoá 'Giai Doan 2' không hợp lệ"]),
    "quota key repeated": ("units.yml", "giai-doan-2: 4", "giai-doan-1: 4", [
        "content/units.yml:8:7: Khoá 'giai-doan-1' bị lặp lại"]),
    "id with capitals": ("units.yml", "parent: alpha", "parent: Alpha", [
        "content/units.yml:15:13: Giá trị 'Alpha' không đúng dạng: chỉ chữ thường không dấu, số và dấu '-' "
        "(ví dụ: tiet-kiem-dien) — có phải ý bạn là 'alpha'?"]),
    "too many tags": (FLYCAM, "tags: [flycam, duong-day]", "tags: [" + ", ".join(f"t{n}" for n in range(13)) + "]", [
        f"content/{FLYCAM}:19:7: Danh sách quá dài: 13 mục, tối đa 12"]),
    "news date differs from its file name": (NEWS, "date: 2022-02-15", "date: 2022-02-16", [
        f"content/{NEWS}:3:7: Ngày đăng (2022-02-16) khác ngày trong tên tệp (2022-02-15)"]),
    "news front matter with a YAML error": (NEWS, "summary: Phong trào", "summary: Phong: trào", [
        f"content/{NEWS}:4:15: Dấu hai chấm ':' không hợp lệ ở đây; nếu giá trị có chứa ': ' hãy đặt cả giá trị "
        "trong dấu nháy kép \"...\""]),
    "news front matter not closed": (NEWS, "---\n\nNội dung", "\nNội dung", [
        f"content/{NEWS}:1:1: Phần thông tin đầu bài (front matter) chưa được đóng: thêm một dòng '---' sau "
        "trường cuối cùng"]),
    "news unknown field": (NEWS, "authors: [Ban biên tập]", "author: [Ban biên tập]", [
        f"content/{NEWS}:6:1: Trường 'author' không có trong mẫu — có phải ý bạn là 'authors'?"]),
    "description paragraph indented into a code block": (
        FLYCAM, "  - An toàn hơn", "  - An toàn hơn\n\n  Kết luận.\n\n  Đoạn cuối.\n\n      Dòng thụt vào thêm.", [
            f"content/{FLYCAM}:30:7: {INDENTED}"]),
    "news paragraph indented with a tab": (NEWS, "Nội dung **tin**", "Mở đầu.\n\n\tNội dung **tin**", [
        f"content/{NEWS}:11:2: {INDENTED}"]),
    "news draft not boolean": (NEWS, "authors: [Ban biên tập]", "draft: NO", [
        f"content/{NEWS}:6:8: Giá trị 'NO' không hợp lệ: chỉ dùng true hoặc false — có phải ý bạn là 'false'?"]),
}


@pytest.mark.parametrize("name", CASES)
def test_rule(tree, name):
    rel, old, new, expected = CASES[name]
    tree.edit(rel, old, new)
    assert problems(tree) == expected


def test_news_without_front_matter(tree):
    tree.write(NEWS, "Tin không có phần đầu.\n")
    assert problems(tree) == [f"content/{NEWS}:1:1: Thiếu phần thông tin đầu bài (front matter): "
                              "tệp phải bắt đầu bằng dòng '---'"]


def test_non_utf8_file(tree):
    tree.write(HOSO, "code: ALPHA-2022-0002\ntitle: S".encode() + b"\xf4 ho\xe1\n")  # typed in a legacy code page
    assert problems(tree) == [f"content/{HOSO}:2:9: Tệp không được mã hoá UTF-8 (byte 0xf4 không hợp lệ); "
                              "hãy lưu lại tệp với mã hoá UTF-8"]


def test_empty_file(tree):
    tree.write(HOSO, "\n  \n")
    assert problems(tree) == [f"content/{HOSO}:1:1: Tệp rỗng: hãy điền nội dung theo mẫu hoặc xoá tệp"]


@pytest.mark.parametrize("rel", [HOSO, "units.yml", "campaign.yml"])
def test_a_file_of_comments_alone(tree, rel):
    """Read as nothing, an initiative of comments alone was left out of the site without a word, and a units.yml
    or campaign.yml of comments alone stopped the loader with a traceback."""
    tree.write(rel, "# yaml-language-server: $schema=../schema/x.schema.json\n# sẽ điền sau\n")
    assert problems(tree) == [f"content/{rel}:1:1: Tệp chưa có nội dung, chỉ có chú thích (dòng bắt đầu bằng #): "
                              "hãy điền nội dung theo mẫu hoặc xoá tệp"]


def test_news_front_matter_of_comments_alone(tree):
    tree.write(NEWS, "---\n# tiêu đề sẽ điền sau\n---\n\nNội dung.\n")
    assert problems(tree) == [f"content/{NEWS}:2:1: Phần thông tin đầu bài (front matter) chỉ có chú thích "
                              "(dòng bắt đầu bằng #), chưa có nội dung"]


def test_list_where_a_mapping_belongs(tree):
    tree.write(HOSO, "- code: ALPHA-2022-0002\n- title: Số hoá\n")
    assert problems(tree) == [f"content/{HOSO}:1:1: Cần một bảng 'trường: giá trị', không phải một danh sách"]


def test_nul_byte(tree):
    tree.write(HOSO, "code: ALPHA\x00-2022\n")
    assert problems(tree) == [f"content/{HOSO}:1:12: Tệp chứa ký tự NUL (\\0); hãy lưu lại tệp dưới dạng văn bản thuần"]


def test_missing_campaign_file(tree):
    tree.remove("campaign.yml")
    # Without campaign.yml nothing can be checked against its lists: one message, not one per initiative.
    assert problems(tree) == ["content/campaign.yml:1:1: Thiếu tệp campaign.yml"]


def test_duplicate_file_name_across_units(tree):
    tree.write("initiatives/beta/so-hoa-ho-so.yml", tree.read(HOSO).replace("ALPHA-2022-0002", "BETA-2022-0009")
               .replace("unit: alpha", "unit: beta"))
    assert problems(tree) == [
        f"content/{HOSO}:1:1: Tên tệp 'so-hoa-ho-so.yml' cũng dùng ở content/initiatives/beta/so-hoa-ho-so.yml; "
        "tên tệp sáng kiến phải khác nhau trong toàn bộ nội dung",
        "content/initiatives/beta/so-hoa-ho-so.yml:1:1: Tên tệp 'so-hoa-ho-so.yml' đã dùng ở "
        f"content/{HOSO}; tên tệp sáng kiến phải khác nhau trong toàn bộ nội dung"]


def test_file_name_with_diacritics_gets_a_suggestion(tree):
    tree.write("initiatives/alpha/Tiết Kiệm Điện.yml", tree.read(HOSO))
    assert problems(tree) == [
        "content/initiatives/alpha/Tiết Kiệm Điện.yml:1:1: Tên tệp 'Tiết Kiệm Điện' không hợp lệ: chỉ chữ thường "
        "không dấu, số và dấu '-' (ví dụ: tiet-kiem-dien) — gợi ý: đổi tên thành 'tiet-kiem-dien'"]


def test_yaml_extension(tree):
    (tree.root / HOSO).rename(tree.root / "initiatives/alpha/so-hoa-ho-so.yaml")
    assert problems(tree) == [
        "content/initiatives/alpha/so-hoa-ho-so.yaml:1:1: Đuôi tệp phải là .yml — đổi tên thành 'so-hoa-ho-so.yml'"]


def test_initiative_outside_a_unit_folder(tree):
    (tree.root / HOSO).rename(tree.root / "initiatives/so-hoa-ho-so.yml")
    assert problems(tree) == [
        "content/initiatives/so-hoa-ho-so.yml:1:1: Tệp sáng kiến phải nằm ngay trong thư mục của đơn vị: "
        "initiatives/<mã đơn vị>/<tên>.yml"]


def test_news_file_name(tree):
    (tree.root / NEWS).rename(tree.root / "news/2022/phat-dong.md")
    assert problems(tree) == [
        "content/news/2022/phat-dong.md:1:1: Tin tức phải đặt tên theo dạng news/<năm>/<năm-tháng-ngày>-<tên>.md, "
        "ví dụ news/2022/2022-11-15-day-manh-giai-doan-2.md"]


def test_news_in_the_wrong_year_folder(tree):
    (tree.root / NEWS).rename(tree.root / "news/2023/2022-02-15-phat-dong.md")
    assert problems(tree) == [
        "content/news/2023/2022-02-15-phat-dong.md:1:1: Tin năm 2022 phải nằm trong thư mục news/2022/"]


@pytest.mark.parametrize("name", ["initiatives/alpha/Số hoá.yml", "initiatives/alpha/so-hoa.yaml",
                                  "initiatives/so-hoa.yml", "initiatives/alpha/2022/so-hoa.yml"])
def test_a_wrongly_named_initiative_s_own_mistakes_are_reported_with_its_name_s(tree, name):
    """All at once: renaming the file does not reveal mistakes that were already in it."""
    tree.edit(HOSO, "registered_on: 2022-", "registered_on: x2022-")
    (tree.root / name).parent.mkdir(parents=True, exist_ok=True)
    (tree.root / HOSO).rename(tree.root / name)
    found = problems(tree)
    assert len(found) == 2 and found[0].startswith(f"content/{name}:1:1: "), found
    assert re.fullmatch(rf"content/{re.escape(name)}:\d+:16: Ngày 'x2022-.*' không đúng dạng YYYY-MM-DD.*", found[1])


def test_a_wrongly_named_news_item_s_own_mistakes_are_reported_with_its_name_s(tree):
    (tree.root / NEWS).rename(tree.root / "news/2022/phat-dong.md")
    tree.edit("news/2022/phat-dong.md", "title:", "titel:")
    assert [problem.split(": ", 1)[1][:40] for problem in problems(tree)] == [
        "Tin tức phải đặt tên theo dạng news/<năm", "Thiếu trường bắt buộc 'title' (Tiêu đề)",
        "Trường 'titel' không có trong mẫu — có p"]


def test_symlink_is_rejected(tree, tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(b"x")
    (tree.root / "initiatives/alpha/anh.jpg").symlink_to(outside)
    assert problems(tree) == [
        "content/initiatives/alpha/anh.jpg:1:1: Không dùng liên kết tượng trưng (symlink) trong thư mục nội dung; "
        "hãy chép tệp thật vào"]


def test_symlinks_to_folders_and_in_the_pages_folder_are_rejected(tree, tmp_path):
    """MkDocs follows a symlink in its docs folder (content/pages) and publishes what it points at, wherever it
    is; a linked folder of initiatives was skipped without a word."""
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "mat-khau.txt").write_text("x", encoding="utf-8")
    (tree.root / "pages").mkdir()
    (tree.root / "pages/gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (tree.root / "pages/mat-khau.txt").symlink_to(outside / "mat-khau.txt")
    (tree.root / "pages/thu-muc").symlink_to(outside)
    (tree.root / "initiatives/delta").symlink_to(tree.root / "initiatives/alpha")
    symlink = "Không dùng liên kết tượng trưng (symlink) trong thư mục nội dung; hãy chép tệp thật vào"
    assert problems(tree) == [f"content/initiatives/delta:1:1: {symlink}", f"content/pages/mat-khau.txt:1:1: {symlink}",
                              f"content/pages/thu-muc:1:1: {symlink}"]


def test_backups_and_temporary_files_in_the_pages_folder_are_rejected(tree):
    """MkDocs publishes every file of the pages folder as it is: a draft an editor kept beside the page could be
    read on the site."""
    (tree.root / "pages" / "anh").mkdir(parents=True)
    names = ["gioi-thieu.md~", "gioi-thieu.md.bak", "gioi-thieu.md.orig", ".gioi-thieu.md.swp", "Thumbs.db",
             "desktop.ini", "#gioi-thieu.md#", "ghi-chu.TMP", "anh/Thumbs.db"]
    for name in ["gioi-thieu.md", "so-do.pdf", "anh/tram.jpg", "ban-cu.md.old", *names]:
        (tree.root / "pages" / name).write_text("# Giới thiệu\n", encoding="utf-8")
    left = ("Tệp sao lưu hoặc tệp tạm (của trình soạn thảo, của Windows) sẽ bị đăng nguyên dạng lên trang web; hãy "
            "xoá tệp này")
    # hidden ones (.gioi-thieu.md.swp) MkDocs leaves out, as the check does
    assert problems(tree) == [f"content/pages/{name}:1:1: {left}" for name in [
        "#gioi-thieu.md#", "Thumbs.db", "anh/Thumbs.db", "ban-cu.md.old", "desktop.ini", "ghi-chu.TMP",
        "gioi-thieu.md.bak", "gioi-thieu.md.orig", "gioi-thieu.md~"]]


def test_a_pages_folder_that_is_a_symlink_is_rejected(tree, tmp_path):
    (tmp_path / "trang").mkdir()
    (tree.root / "pages").symlink_to(tmp_path / "trang")
    assert problems(tree) == ["content/pages:1:1: Không dùng liên kết tượng trưng (symlink) trong thư mục nội dung; "
                              "hãy chép tệp thật vào"]


def test_photo_that_exists_is_accepted(tree):
    tree.write("initiatives/alpha/anh/flycam.jpg", b"\xff\xd8\xff")
    tree.edit(HOSO, "registered_on: 2022-07-01\n",
              "registered_on: 2022-07-01\nphotos:\n  - path: anh/flycam.jpg\n    alt: Flycam bay dọc tuyến\n")
    loaded = load(tree.root, "content")
    assert loaded.problems == []
    (item,) = [item for item in loaded.site.initiatives if item.slug == "so-hoa-ho-so"]
    assert [(photo.path, photo.alt) for photo in item.photos] == [
        ("initiatives/alpha/anh/flycam.jpg", "Flycam bay dọc tuyến")]


def test_problems_from_several_files_come_together_sorted(tree):
    tree.edit(HOSO, "unit: alpha", "unit: alpah")
    tree.edit(FLYCAM, "featured: true", "featured: yes")
    tree.edit("units.yml", "parent: alpha", "parent: beta")
    assert [line.split(": ", 1)[0] for line in problems(tree)] == [
        f"content/{HOSO}:4:7", f"content/{FLYCAM}:18:11", "content/units.yml:15:13"]


def test_unsupported_files(tree):
    tree.write("initiatives/alpha/ghi-chu.txt", "ghi chú")
    tree.write("news/2022/anh.gif", b"GIF89a")
    assert problems(tree) == [
        "content/initiatives/alpha/ghi-chu.txt:1:1: Tệp không được hỗ trợ ở đây: chỉ dùng tệp sáng kiến .yml và ảnh "
        ".jpg, .jpeg, .png, .webp",
        "content/news/2022/anh.gif:1:1: Tệp không được hỗ trợ ở đây: tin tức là tệp .md, ảnh dùng .jpg, .jpeg, .png, .webp"]


def test_missing_initiatives_folder(tree):
    import shutil

    shutil.rmtree(tree.root / "initiatives")
    assert problems(tree) == ["content/initiatives:1:1: Không tìm thấy thư mục initiatives/ (nơi chứa các sáng kiến)"]


def test_file_too_large(tree):
    tree.write(HOSO, "description: |\n" + "  dòng mô tả\n" * 50_000)
    assert problems(tree) == [f"content/{HOSO}:1:1: Tệp quá lớn (850.015 byte, tối đa 524.288 byte)"]


def test_news_front_matter_empty(tree):
    tree.write(NEWS, "---\n---\nNội dung\n")
    assert problems(tree) == [f"content/{NEWS}:2:1: Phần thông tin đầu bài (front matter) đang trống"]


NOTICE = "notice:\n  label: Dữ liệu mẫu\n  text: Số liệu trên trang là dữ liệu mẫu.\n  page: {page}\nfields:"


def test_notice_links_a_hand_written_page(tree):
    tree.edit("campaign.yml", "fields:", NOTICE.format(page="huong-dan/gioi-thieu"))
    tree.write("pages/huong-dan/gioi-thieu.md", "# Giới thiệu\n")
    assert problems(tree) == []
    assert load(tree.root).site.campaign.notice.page_url == "huong-dan/gioi-thieu/"


@pytest.mark.parametrize("page, message", [
    ("gioi-thieuu", "Trang 'gioi-thieuu' không có trong thư mục pages/ của nội dung — có phải ý bạn là 'gioi-thieu'?"),
    ("gioi-thieu.md", "Giá trị 'gioi-thieu.md' không đúng dạng: đường dẫn tệp trong content/pages/, không ghi đuôi .md "
                      "(ví dụ: gioi-thieu)"),
    ("https://example.vn/", "Giá trị 'https://example.vn/' không đúng dạng: đường dẫn tệp trong content/pages/, không "
                            "ghi đuôi .md (ví dụ: gioi-thieu)"),
])
def test_notice_page_that_is_not_there(tree, page, message):
    tree.edit("campaign.yml", "fields:", NOTICE.format(page=page))
    tree.write("pages/gioi-thieu.md", "# Giới thiệu\n")
    line = tree.read("campaign.yml").splitlines().index(f"  page: {page}") + 1
    assert problems(tree) == [f"content/campaign.yml:{line}:9: {message}"]


SHOWN_AS_TEXT = "; nếu không sửa, cả phần này sẽ hiện nguyên văn trên trang"


@pytest.mark.parametrize("front, found", [
    ("title: Giới thiệu\nhide:\n  - toc\n", []),
    ("title: [Giới thiệu\n", [(3, 1, "Danh sách trong ngoặc vuông [...] chưa đóng hoặc thiếu dấu phẩy")]),
    ("- Giới thiệu\n", [(2, 1, "Phần thông tin đầu trang (front matter) phải gồm các dòng 'trường: giá trị', ví dụ "
                          "'title: ...'")]),
    ("# sẽ điền sau\n", [(2, 1, "Phần thông tin đầu trang (front matter) đang trống hoặc chỉ có chú thích")]),
])
def test_a_hand_written_page_s_front_matter_is_what_mkdocs_reads(tree, front, found):
    """MkDocs prints a front matter it cannot read as a mapping on the page, as text, without a word."""
    tree.write("pages/gioi-thieu.md", f"---\n{front}---\n\n# Giới thiệu\n")
    assert problems(tree) == [f"content/pages/gioi-thieu.md:{line}:{col}: {message}{SHOWN_AS_TEXT}"
                              for line, col, message in found]


def test_a_unit_id_with_a_mistake_does_not_send_its_initiatives_looking_for_another_unit(tree):
    tree.edit("units.yml", "id: beta", "id: Beta")
    assert problems(tree) == [
        "content/units.yml:12:9: Giá trị 'Beta' không đúng dạng: chỉ chữ thường không dấu, số và dấu '-' "
        "(ví dụ: tiet-kiem-dien) — có phải ý bạn là 'beta'?"]


def test_a_hand_written_page_s_front_matter_may_set_its_title_description_and_hidden_parts_only(tree):
    tree.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\ndescription: Về trang.\nhide: [toc, tags]\n"
                                      "author: Ban biên tập\ntemplate: redirect.html\n---\n\n# Giới thiệu\n")
    assert problems(tree) == [
        "content/pages/gioi-thieu.md:4:13: Giá trị 'tags' không hợp lệ; chọn một trong: navigation, toc, footer, path",
        "content/pages/gioi-thieu.md:5:1: Trường 'author' không có trong mẫu",
        "content/pages/gioi-thieu.md:6:1: Trường 'template' không có trong mẫu"]


def test_a_slip_in_a_front_matter_mkdocs_reads_is_reported_without_saying_it_shows_as_text(tree):
    tree.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu #1\n---\n\n# Giới thiệu\n")
    (problem,) = problems(tree)
    assert problem.startswith("content/pages/gioi-thieu.md:2:19: Dấu '#' ở đây bắt đầu một chú thích")
    assert not problem.endswith(SHOWN_AS_TEXT)


def test_notice_label_fits_a_card(tree):
    tree.edit("campaign.yml", "fields:", "notice:\n  label: Dữ liệu mẫu để minh hoạ trang\n  text: Mẫu.\nfields:")
    line = tree.read("campaign.yml").splitlines().index("notice:") + 2
    assert problems(tree) == [f"content/campaign.yml:{line}:10: Quá dài: 29 ký tự, tối đa 24"]


def test_a_name_with_a_line_break_is_refused_and_printed_on_one_line(tree):
    """A line of a log that starts with '::' is a command to a GitHub Actions runner: a page named
    'x\\n::error ...\\nz.md' printed its own."""
    tree.write("pages/gioi-thieu.md", "# Giới thiệu\n")
    tree.write("pages/x\n::error file=README.md::Pwned\nz.md", "# x\n")
    tree.write("initiatives/alpha/a\nb.yml", "code: X\n")
    found = [str(problem) for problem in load(tree.root, "content").problems]
    assert found == [
        "content/initiatives/alpha/a\\nb.yml:1:1: Tên tệp hoặc thư mục có ký tự điều khiển (xuống dòng, tab...); "
        "hãy đặt lại tên",
        "content/pages/x\\n::error file=README.md::Pwned\\nz.md:1:1: Tên tệp hoặc thư mục có ký tự điều khiển (xuống "
        "dòng, tab...); hãy đặt lại tên"]
    assert all("\n" not in line for line in found)
