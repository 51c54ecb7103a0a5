"""The files changed under some folders while a site is served, as the operating system reports them.

``mkdocs serve`` polls every watched file twice a second and only tells that something changed. An edited site
is brought up to date file by file (plugin ``update``), which needs to know which files changed, and soon: the
watchdog observer used here is the system's own notification (inotify on Linux), so a save is seen at once and
nothing walks the 10,000 content files twice a second.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

# what changes a file; opening and closing one do not (and the build itself opens every content file)
_CHANGES = {"created", "modified", "deleted", "moved"}


class Changes(FileSystemEventHandler):
    """Paths changed under ``folders`` (and the single ``files``) since the last :meth:`take`; ``changed()`` is
    called after each, from the observer's thread."""

    def __init__(self, folders: list[Path], files: list[Path], changed: Callable[[], None]):
        super().__init__()
        self._files = {path.resolve() for path in files}
        self._folders = [folder.resolve() for folder in folders]
        self._paths: set[Path] = set()
        self._lock = threading.Lock()
        self._changed = changed
        self._observer = Observer()
        watched: set[Path] = set()
        for folder in sorted(self._folders, key=lambda folder: len(folder.parts)):
            if not any(folder.is_relative_to(outer) for outer in watched):
                self._observer.schedule(self, str(folder), recursive=True)
                watched.add(folder)
        for parent in sorted({path.parent for path in self._files}):
            if not any(parent.is_relative_to(outer) for outer in watched):
                self._observer.schedule(self, str(parent), recursive=False)
        self._observer.start()

    def _wanted(self, path: Path) -> bool:
        return path in self._files or any(path.is_relative_to(folder) for folder in self._folders)

    def on_any_event(self, event: FileSystemEvent) -> None:
        # a folder is "modified" whenever a file in it comes or goes, which the file's own event tells; a folder
        # created, deleted or moved is kept (its files may have no events of their own)
        if event.event_type not in _CHANGES or (event.is_directory and event.event_type == "modified"):
            return
        paths = [Path(event.src_path)] + ([Path(event.dest_path)] if getattr(event, "dest_path", "") else [])
        paths = [path for path in paths if self._wanted(path)]
        if not paths:
            return
        with self._lock:
            self._paths.update(paths)
        self._changed()

    def take(self) -> set[Path]:
        """The paths changed since the last call (files and folders, some maybe gone by now)."""
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths

    def give_back(self, paths: set[Path]) -> None:
        """Paths to be taken again with the next changes (an update that found problems in them)."""
        with self._lock:
            self._paths.update(paths)

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join()
