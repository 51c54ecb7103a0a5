"""The cache of compiled templates (generator/template_cache.py): a file it cannot use is a miss, a folder it cannot
use is no cache, never a failed build."""

from __future__ import annotations

import marshal
import os
import pickle
from hashlib import sha1
from types import CodeType

import jinja2
import pytest
from jinja2.bccache import bc_magic, bc_version
from test_incremental import built

from generator.template_cache import TemplateCache, bytecode_cache

TEMPLATE = "Xin chào {{ name }}!"
RENDERED = "Xin chào Hà!"


class Templates:
    """A folder of one template, and environments that load it through a cache in ``folder``, counting the
    compilations."""

    def __init__(self, root):
        self.source = root / "theme"
        self.source.mkdir()
        (self.source / "page.html").write_text(TEMPLATE, encoding="utf-8")
        self.folder = root / "templates"
        self.compiled = 0

    def render(self, cache: jinja2.BytecodeCache | None = None) -> str:
        """The template rendered by a new environment (as each build makes one)."""
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(self.source)),
                                         bytecode_cache=cache or bytecode_cache(self.folder))
        compile_ = environment.compile

        def counted(*args, **kwargs):
            self.compiled += 1
            return compile_(*args, **kwargs)

        environment.compile = counted
        return environment.get_template("page.html").render(name="Hà")

    def entry(self):
        [entry] = self.folder.iterdir()
        return entry


@pytest.fixture
def templates(tmp_path) -> Templates:
    return Templates(tmp_path)


def whole(entry) -> bool:
    """The file is an entry Jinja reads back: its magic bytes, a checksum, code."""
    with open(entry, "rb") as stream:
        return (stream.read(len(bc_magic)) == bc_magic and type(pickle.load(stream)) is str
                and type(marshal.load(stream)) is CodeType and stream.read() == b"")


def test_a_template_is_compiled_once_then_read_from_the_cache(templates):
    assert templates.render() == RENDERED
    assert templates.render() == RENDERED
    assert templates.compiled == 1
    assert templates.entry().name.startswith("__jinja2_") and whole(templates.entry())


def _cut_after_the_magic(entry):
    # what the reported failure left: the magic bytes and the start of the checksum
    with open(entry, "r+b") as stream:
        stream.truncate(len(bc_magic) + 3)


def _cut_in_the_code(entry):
    with open(entry, "r+b") as stream:
        stream.truncate(os.path.getsize(entry) - 10)


def _garbage_after_the_magic(entry):
    entry.write_bytes(bc_magic + b"\x00 not a pickle \xff" * 4)


def _another_pythons(entry):
    # the magic bytes hold Jinja's format and Python's version: an entry Python 3.99 wrote
    other = b"j2" + pickle.dumps(bc_version, 2) + pickle.dumps((3 << 24) | 99, 2)
    assert other != bc_magic
    entry.write_bytes(other + entry.read_bytes()[len(bc_magic):])


def _empty(entry):
    entry.write_bytes(b"")


def _not_code(entry):
    # the magic bytes and the template's checksum as stored, then a value that is not code
    with open(entry, "rb") as stream:
        stream.read(len(bc_magic))
        pickle.load(stream)
        head = entry.read_bytes()[:stream.tell()]
    entry.write_bytes(head + marshal.dumps(42))


def _a_symbolic_link_to_itself(entry):
    # open() gives "too many levels of symbolic links": unreadable, even for root
    entry.unlink()
    entry.symlink_to(entry.name)


DAMAGES = [_cut_after_the_magic, _cut_in_the_code, _garbage_after_the_magic, _another_pythons, _empty, _not_code,
           _a_symbolic_link_to_itself]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__.strip("_"))
def test_a_damaged_entry_is_compiled_again_and_written_anew(templates, damage):
    templates.render()
    entry = templates.entry()
    damage(entry)
    assert templates.render() == RENDERED
    assert templates.compiled == 2
    assert not entry.is_symlink() and whole(entry)
    assert templates.render() == RENDERED
    assert templates.compiled == 2  # read from the entry written again


def test_jinjas_own_cache_fails_on_an_entry_cut_short(templates):
    # what TemplateCache is for: the test above fails without it
    templates.render()
    _cut_after_the_magic(templates.entry())
    with pytest.raises(pickle.UnpicklingError):
        templates.render(jinja2.FileSystemBytecodeCache(str(templates.folder)))


def test_a_folder_in_the_place_of_an_entry_is_a_miss_and_left_as_it_is(templates):
    templates.render()
    entry = templates.entry()
    entry.unlink()
    (entry / "inside").mkdir(parents=True)
    assert templates.render() == RENDERED
    assert templates.render() == RENDERED
    assert templates.compiled == 3
    assert sorted(path.relative_to(templates.folder).as_posix() for path in templates.folder.rglob("*")) == [
        entry.name, f"{entry.name}/inside"]  # no temporary file left


def test_a_folder_that_cannot_be_written_only_costs_a_compilation(templates):
    cache = bytecode_cache(templates.folder)
    templates.folder.rmdir()  # deleted after the build made it: Jinja cannot write its temporary file
    assert templates.render(cache) == RENDERED
    assert templates.render(cache) == RENDERED
    assert templates.compiled == 2
    assert not templates.folder.exists()


def test_the_folder_is_made_with_its_parents(tmp_path):
    cache = bytecode_cache(tmp_path / "cache" / "templates")
    assert type(cache) is TemplateCache
    assert cache.directory == str(tmp_path / "cache" / "templates")
    assert (tmp_path / "cache" / "templates").is_dir()


@pytest.mark.parametrize("file", ["cache/templates", "cache"], ids=["at its path", "at its parent's"])
def test_no_cache_when_a_file_is_in_the_folders_place(tmp_path, file):
    (tmp_path / file).parent.mkdir(exist_ok=True)
    (tmp_path / file).write_text("\n", encoding="utf-8")
    assert bytecode_cache(tmp_path / "cache" / "templates") is None
    assert (tmp_path / file).read_text(encoding="utf-8") == "\n"


def test_keys_are_jinjas_and_a_path_read_under_an_ascii_locale_has_one_too(tmp_path):
    ours, jinjas = TemplateCache(str(tmp_path)), jinja2.FileSystemBytecodeCache(str(tmp_path))
    for name, filename in [("page.html", "/srv/theme/page.html"), ("page.html", None),
                           ("partials/thẻ.html", "/srv/nội dung/theme/partials/thẻ.html")]:
        assert ours.get_cache_key(name, filename) == jinjas.get_cache_key(name, filename)
    # "/srv/nội" as Python reads it under an ASCII locale: each byte of its non-ASCII letters a surrogate
    surrogates = "/srv/nội".encode("utf-8").decode("ascii", "surrogateescape")
    assert ours.get_cache_key("page.html", surrogates) == sha1("page.html|/srv/nội".encode("utf-8")).hexdigest()


# builds: the plugin hands bytecode_cache's cache of the cache folder's "templates" to MkDocs' environment


def test_a_build_over_compiled_templates_cut_short_gives_the_same_site(tree, tmp_path):
    cache = tmp_path / "cache"
    cold, _ = built(tree.root, tmp_path / "cold", cache)
    entries = sorted((cache / "templates").iterdir())
    for entry in entries:
        _cut_after_the_magic(entry)
    damaged, _ = built(tree.root, tmp_path / "damaged", cache)
    assert damaged == cold
    assert sorted((cache / "templates").iterdir()) == entries
    assert all(whole(entry) for entry in entries)  # each written anew


def test_a_build_with_a_file_in_the_place_of_the_templates_folder_goes_on_without_it(tree, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "templates").write_text("\n", encoding="utf-8")
    site, _ = built(tree.root, tmp_path / "site", cache)
    assert site == built(tree.root, tmp_path / "fresh", tmp_path / "fresh-cache")[0]
    assert (cache / "templates").read_text(encoding="utf-8") == "\n"
