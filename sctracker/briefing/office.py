"""LibreOffice, headless: the briefing deck as PDF (and a page of it as an image, for the tests to look at).

Debian's ``libreoffice-impress`` provides ``soffice``; without it the pack leaves the PDF out and says why.
Each conversion runs with a profile of its own, so that it neither waits for nor disturbs another LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: What to install when ``soffice`` is missing (Debian; ``.ci/run`` installs it).
INSTALL_HINT = "apt-get install -y --no-install-recommends libreoffice-impress"
_TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    """The ``soffice`` command, or None when LibreOffice is not installed."""
    return shutil.which("soffice")


def to_pdf(document: Path, out_dir: Path) -> Path:
    """Convert ``document`` (a .pptx) to PDF in ``out_dir``; return the PDF's path.

    Raises:
        RuntimeError: LibreOffice is missing, or it wrote no PDF (its output is in the message).
    """
    command = soffice()
    if command is None:
        raise RuntimeError(f"LibreOffice is not installed: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="sctracker-soffice-") as profile:
        result = subprocess.run(
            [
                command,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(document),
            ],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    pdf = out_dir / f"{document.stem}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        raise RuntimeError(f"LibreOffice wrote no PDF of {document.name}: {(result.stdout + result.stderr)[-1000:]}")
    return pdf
