"""A small git repository the history tests own: the good fixture's records added, edited, renamed and removed
in dated commits (fixed author and committer dates), so that history, change words, columns and filter are known.

Commits (all at 09:00 UTC):

- 2026-01-05: every file of the good fixture, with the battery forum still planned on 1 Dec, the chip dialogue
  under its first name (``2026-01-21-union-chip-dialogue``, dated 21 Jan, one quote), and ``2025-12-02-old-forum``.
- 2026-01-12: the minerals pact gains Japan as a partner.
- 2026-01-20: the battery forum is held, on 2 Dec (the fixture's record).
- 2026-01-25: the chip dialogue renamed to ``2026-01-22-union-chip-dialogue``, dated 22 Jan, a second quote.
- 2026-01-28: ``2025-12-02-extra-forum`` and ``2025-12-02-short-lived`` added.
- 2026-02-02: ``2025-12-02-old-forum`` and ``2025-12-02-short-lived`` removed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import GOOD

FORUM = "2025-12-02-testland-battery-forum"
PACT = "2024-06-01-exampleland-minerals-pact"
CHIPS = "2026-01-22-union-chip-dialogue"
CHIPS_FIRST = "2026-01-21-union-chip-dialogue"
EXTRA, SHORT_LIVED, OLD = "2025-12-02-extra-forum", "2025-12-02-short-lived", "2025-12-02-old-forum"


def git(repo: Path, *args: str, day: str = "2026-01-05") -> None:
    stamp = f"{day}T09:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Curator",
        "GIT_AUTHOR_EMAIL": "curator@example.org",
        "GIT_COMMITTER_NAME": "Curator",
        "GIT_COMMITTER_EMAIL": "curator@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def _copy_as(source: Path, target: Path, new_id: str, **replace: str) -> None:
    text = source.read_text(encoding="utf-8").replace(f"id: {source.stem}", f"id: {new_id}")
    for old, new in replace.items():
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")


def build_history_repo(root: Path) -> tuple[Path, Path]:
    """Write the repository into ``root/project``; return (curated, seeds), as the final commit has them."""
    project = root / "project"
    shutil.copytree(GOOD, project)
    events = project / "curated" / "events"
    final = {path.stem: path.read_text(encoding="utf-8") for path in events.glob("*.yaml")}
    keep = root / "final-versions"
    keep.mkdir()
    for name, text in final.items():
        (keep / f"{name}.yaml").write_text(text, encoding="utf-8")

    def commit(message: str, day: str) -> None:
        git(project, "add", "-A", day=day)
        git(project, "commit", "-q", "-m", message, day=day)

    git(project, "init", "-q", "-b", "main")
    (events / f"{FORUM}.yaml").write_text(
        final[FORUM].replace("status: held", "status: planned").replace("date: 2025-12-02", "date: 2025-12-01"), encoding="utf-8"
    )
    (events / f"{CHIPS}.yaml").unlink()
    first_chips = final[CHIPS].replace(CHIPS, CHIPS_FIRST).replace("date: 2026-01-22", "date: 2026-01-21")
    (events / f"{CHIPS_FIRST}.yaml").write_text(
        first_chips.replace('  - {source: 001_f25ae13499e1e454.txt, quote: "The dialogue covered chips and AI."}\n', ""), encoding="utf-8"
    )
    _copy_as(keep / f"{FORUM}.yaml", events / f"{OLD}.yaml", OLD)
    (events / f"{PACT}.yaml").write_text(final[PACT], encoding="utf-8")
    commit("Records from the first sources", "2026-01-05")

    (events / f"{PACT}.yaml").write_text(final[PACT].replace("partners: [CAN]", "partners: [CAN, JPN]"), encoding="utf-8")
    commit("Japan signed too", "2026-01-12")

    (events / f"{FORUM}.yaml").write_text(final[FORUM], encoding="utf-8")
    commit("The forum was held, on 2 Dec", "2026-01-20")

    git(project, "mv", f"curated/events/{CHIPS_FIRST}.yaml", f"curated/events/{CHIPS}.yaml")
    (events / f"{CHIPS}.yaml").write_text(final[CHIPS], encoding="utf-8")
    commit("The dialogue was on 22 Jan", "2026-01-25")

    _copy_as(keep / f"{FORUM}.yaml", events / f"{EXTRA}.yaml", EXTRA)
    _copy_as(keep / f"{FORUM}.yaml", events / f"{SHORT_LIVED}.yaml", SHORT_LIVED)
    commit("Two more forums", "2026-01-28")

    (events / f"{OLD}.yaml").unlink()
    (events / f"{SHORT_LIVED}.yaml").unlink()
    commit("Duplicates removed", "2026-02-02")
    return project / "curated", project / "seeds"
