"""The core does not import MkDocs: only the adapter does, so it can move to another site builder unchanged."""

import subprocess
import sys

ADAPTER = {"generator.plugin", "generator.serving"}

# imports every module of the package but the adapter's, then names the MkDocs and Material modules loaded
_PROBE = """
import importlib, pkgutil, sys
import generator
adapter = set(sys.argv[1:])
for module in pkgutil.walk_packages(generator.__path__, "generator."):
    if module.name not in adapter:
        importlib.import_module(module.name)
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in ("mkdocs", "material"))))
"""


def _loaded_by_importing(*left_out: str) -> list[str]:
    """The MkDocs and Material modules a fresh interpreter holds after importing the package's modules but
    ``left_out``."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *left_out], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_only_the_adapter_imports_mkdocs():
    assert _loaded_by_importing(*ADAPTER) == []


def test_the_probe_sees_the_adapter_import_mkdocs():
    # the same probe with the adapter imported finds MkDocs: the test above can fail
    loaded = _loaded_by_importing()
    assert "mkdocs.plugins" in loaded
