"""Vietnamese typed in decomposed form (NFD, as some keyboards and macOS produce) means the same as NFC."""

from __future__ import annotations

import unicodedata

from generator.content import load

HOSO = "initiatives/alpha/so-hoa-ho-so.yml"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_nfd_text_is_stored_as_nfc(tree):
    tree.write(HOSO, nfd(tree.read(HOSO)))
    loaded = load(tree.root, "content")
    assert loaded.problems == []
    (item,) = [item for item in loaded.site.initiatives if item.slug == "so-hoa-ho-so"]
    assert item.title == "Số hoá hồ sơ khách hàng" == unicodedata.normalize("NFC", item.title)
    assert item.authors[0].name == "Trần Thị Bình"


def test_nfd_reference_to_a_field_name_still_matches(tree):
    # Ids are ASCII, but a decomposed file must not break the lists they refer to.
    tree.write("campaign.yml", nfd(tree.read("campaign.yml")))
    tree.write("units.yml", nfd(tree.read("units.yml")))
    loaded = load(tree.root, "content")
    assert loaded.problems == []
    assert loaded.site.unit_by_id("alpha").name == "Công ty Điện lực Alpha"


def test_whitespace_in_single_line_text_is_collapsed(tree):
    tree.edit(HOSO, "title: Số hoá hồ sơ khách hàng", "title: '  Số hoá   hồ sơ\tkhách hàng '")
    (item,) = [item for item in load(tree.root, "content").site.initiatives if item.slug == "so-hoa-ho-so"]
    assert item.title == "Số hoá hồ sơ khách hàng"


def test_values_keep_what_was_typed(tree):
    # PyYAML alone would read NO as False, 12:30 as 750 and 010 as 8.
    tree.edit(HOSO, "title: Số hoá hồ sơ khách hàng", "title: NO")
    tree.edit(HOSO, "summary: Quét và lưu hồ sơ khách hàng trên hệ thống dùng chung.", "summary: 12:30")
    tree.edit(HOSO, "    job_title: Chuyên viên kinh doanh", "    job_title: 010")
    (item,) = [item for item in load(tree.root, "content").site.initiatives if item.slug == "so-hoa-ho-so"]
    assert (item.title, item.summary, item.authors[0].job_title) == ("NO", "12:30", "010")
