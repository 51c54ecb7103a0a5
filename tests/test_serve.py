"""``mkdocs serve`` updates the site when a file under the content folder changes (a real server on 127.0.0.1):
file by file for an initiative (generator/serving.py), whole for the campaign."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import FIXTURES, ROOT


def _temporary(tmp_path) -> dict[str, str]:
    """The environment that puts the server's temporary folders (MkDocs serves from one) under ``tmp_path``."""
    (tmp_path / "tmp").mkdir()
    return {"TMPDIR": str(tmp_path / "tmp")}


def _interruptible() -> None:
    """Run in the server's process before MkDocs starts: Ctrl+C's signal handled as a terminal's would be. A job
    started in the background by a shell (`.ci/run &`) ignores it, as does every process started from it, and
    Python then leaves it ignored: the server did not stop, was killed after 30 s, and left its folder."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stopped(server: subprocess.Popen) -> str:
    """The server stopped as Ctrl+C stops it, which deletes the folder it served from (a terminated one left
    it, 4 MB a test); its standard error."""
    server.send_signal(signal.SIGINT)
    try:
        return server.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        server.kill()
        return server.communicate()[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_reloads_after_an_initiative_changes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    port = free_port()
    env = {**os.environ, "SANGKIEN_CONTENT_DIR": str(content), "NO_MKDOCS_2_WARNING": "1", **_temporary(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=_interruptible)
    url = f"http://127.0.0.1:{port}/sang-kien/alpha/so-hoa-ho-so/"
    try:
        assert wait_for(lambda: "Số hoá hồ sơ khách hàng" in (fetch(url) or ""), 60)
        path = content / "initiatives/alpha/so-hoa-ho-so.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("Số hoá hồ sơ khách hàng", "Hồ sơ điện tử"),
                        encoding="utf-8")
        assert wait_for(lambda: "Hồ sơ điện tử" in (fetch(url) or ""), 60)
        campaign = content / "campaign.yml"
        campaign.write_text(campaign.read_text(encoding="utf-8").replace("name: Phong trào thử nghiệm",
                                                                         "name: Phong trào chạy thử"),
                            encoding="utf-8")
        assert wait_for(lambda: "Phong trào chạy thử" in (fetch(url) or ""), 60)
    finally:
        log = _stopped(server)
    assert not any((tmp_path / "tmp").iterdir())  # the served site's temporary folder deleted
    # the initiative was updated on its own, the campaign by a whole build
    assert log.count("Đã cập nhật theo 1 tệp sửa trong ") == 1
    assert log.count("Building documentation...") == 2


def test_a_mistake_that_needs_a_whole_build_leaves_the_site_served(tmp_path):
    """MkDocs' live-reload server stops answering after a failed build until one succeeds: a mistake in units.yml
    (or any file that takes a whole build) froze every tab of the preview. The content is checked first; the
    site as it was goes on being served, the mistake is printed, and the fix is built."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    port = free_port()
    env = {**os.environ, "SANGKIEN_CONTENT_DIR": str(content), "SANGKIEN_CACHE_DIR": str(tmp_path / "cache"),
           "NO_MKDOCS_2_WARNING": "1", **_temporary(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=_interruptible)
    url = f"http://127.0.0.1:{port}/don-vi/alpha/"
    units = content / "units.yml"
    good = units.read_text(encoding="utf-8")
    try:
        assert wait_for(lambda: "Công ty Điện lực Alpha" in (fetch(url) or ""), 60)
        units.write_text(good.replace("name: Công ty Điện lực Alpha", "name: Công ty Điện lực Alpha\n    name: Lặp"),
                         encoding="utf-8")
        time.sleep(3)  # the check runs and the build does not
        assert "Công ty Điện lực Alpha" in (fetch(url) or "")
        units.write_text(good.replace("name: Công ty Điện lực Alpha", "name: Điện lực Alpha mới"), encoding="utf-8")
        assert wait_for(lambda: "Điện lực Alpha mới" in (fetch(url) or ""), 60)
    finally:
        log = _stopped(server)
    assert not any((tmp_path / "tmp").iterdir())  # the served site's temporary folder deleted
    assert "units.yml" in log and "bị lặp lại" in log and "trang đang xem giữ nguyên cho tới khi sửa xong" in log
    assert "An error happened during the rebuild" not in log
    assert log.count("Building documentation...") == 2
