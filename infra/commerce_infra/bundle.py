"""The Lambda bundle, trimmed and byte-compiled ahead of time.

Chalice's bundle carries sources only, and Lambda's /var/task is read-only, so
every cold start would compile everything it imports (measured by `make bench`:
the API handler's import is about 2.5x slower that way). The construct below
adds unchecked-hash .pyc files (valid whatever mtimes the unzip gives) next to
the sources. The rewrite is deterministic, so the asset hash only changes when
the code does.

Before compiling, the bundle drops what no function can load: botocore's API
models for the services the app never calls (about 27 MB of the 29 MB in
botocore/data; the app's clients are listed in trim.py's AWS_SERVICES) and type stubs.
tests/infra/test_bundle.py imports every handler and every app module from the
unpacked bundle and creates each listed client from it."""

from __future__ import annotations

import compileall
import py_compile
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from chalice.cdk import Chalice

from .trim import trim

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def precompile_zip(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bundle"
        with zipfile.ZipFile(path) as archive:
            modes = {info.filename: info.external_attr for info in archive.infolist()}
            archive.extractall(root)
        trim(root)
        compileall.compile_dir(
            str(root),
            ddir="/var/task",  # where Lambda unpacks it: tracebacks name real paths, and the bytes do not vary
            quiet=1,
            workers=0,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        rebuilt = Path(tmp) / "deployment.zip"
        with zipfile.ZipFile(rebuilt, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(p for p in root.rglob("*") if p.is_file()):
                name = file.relative_to(root).as_posix()
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.external_attr = modes.get(name, 0o644 << 16)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, file.read_bytes())
        shutil.move(str(rebuilt), path)


class PrecompiledChalice(Chalice):  # type: ignore[misc]
    """Chalice's construct, with the bundle trimmed and byte-compiled before it becomes an asset."""

    def _package_app(self) -> Any:
        result = super()._package_app()
        precompile_zip(Path(self._sam_package_dir) / "deployment.zip")
        return result
