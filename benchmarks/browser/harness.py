"""Serve the dashboard and an empty page, drive Debian's Chromium, and tell when a page is ready.

Readiness ("the page is ready") after an action (a ``goto``, Enter in a text box, a click on a menu link):

1. the page has received ``script_finished`` for a run started after the action: an init script wraps
   ``window.WebSocket`` and counts ForwardMsgs whose top-level protobuf field 6 (``script_finished``) is set,
   so the state *before* a rerun (already ``notRunning``, the old elements in place) is never taken for the
   state after it;
2. ``SETTLE_FRAMES`` animation frames have passed since that message was dispatched (the frontend applies
   messages in promise callbacks and React commits in a scheduled task; frames wait for a busy main thread,
   so this is a state, not a fixed sleep), and ``[data-testid="stApp"]`` reads ``notRunning`` (a fast rerun
   can be rendered in one commit and never show ``running``, so waiting for ``running`` and back is not enough);
3. no ``[data-testid="stSkeleton"]`` and no ``[data-stale="true"]`` element is left (Streamlit marks every
   element of the previous run stale when a run starts);
4. every ``stPlotlyChart`` has its ``.main-svg`` and every ``stDeckGlJsonChart`` its ``canvas``;
5. no ``fetch`` is in flight, and ``SETTLE_FRAMES`` frames have passed since the last one ended (deck.gl
   fetches a layer's data given as an address, the map's world outline: its drawing belongs to the step).
   A fetch that starts more than ``SETTLE_FRAMES`` frames after the script finished would be missed.

The predicate runs in the page on every animation frame (``polling="raf"``). Before each timed step the
harness waits until its own processes are idle (``quiesce``), so one step's trailing work is not billed to
the next, and records the CPU seconds of its own processes (``cpu_ours``: servers and Chromium) and of the
rest of the machine (``cpu_others``) during the step: on a shared machine compare those and the ratios to
the empty page, not raw seconds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.page_steps import SETUP_ONLY_APP
from sctracker.briefing.browser import CHROMIUM, EXCEPTION, chromium_args, serve

VIEWPORT = {"width": 1400, "height": 900}
#: Animation frames to let pass after ``script_finished`` arrived before the DOM is checked (module doc).
SETTLE_FRAMES = 2

#: The empty baseline page: a title, a text box and a line of text.
EMPTY_PAGE = """import streamlit as st

st.title("Empty page")
st.text_input("Search", key="search")
st.write("A line of text.")
"""

# Installed in every document before its own scripts run.
INIT_SCRIPT = r"""
(() => {
  if (window.__bench) return;
  const B = window.__bench = {
    states: [],          // [t, value] each time data-test-script-state changes
    msgs: 0, bytes: 0,   // ForwardMsgs received and their bytes
    finished: [],        // [t, status] for each script_finished message
  };
  new MutationObserver(ms => {
    for (const m of ms) B.states.push([performance.now(), m.target.getAttribute('data-test-script-state')]);
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});

  function varint(b, i) { let v = 0, s = 1, x; do { x = b[i++]; v += (x & 127) * s; s *= 128; } while (x & 128); return [v, i]; }
  function scan(buf) {  // the top-level fields of a ForwardMsg; script_finished is field 6 (an enum)
    const b = new Uint8Array(buf); let i = 0, finished = null;
    try {
      while (i < b.length) {
        let tag; [tag, i] = varint(b, i); const f = Math.floor(tag / 8), w = tag & 7;
        if (w === 0) { let v; [v, i] = varint(b, i); if (f === 6) finished = v; }
        else if (w === 2) { let n; [n, i] = varint(b, i); i += n; }
        else if (w === 1) i += 8; else if (w === 5) i += 4; else break;
      }
    } catch (e) {}
    return finished;
  }
  function onMessage(data) {
    const t = performance.now(); const finished = scan(data);
    B.msgs++; B.bytes += data.byteLength;
    if (finished !== null) B.finished.push([t, finished]);
  }
  // fetches in flight (deck.gl loads a layer's data given as an address): the page is not ready while one runs
  B.fetching = 0; B.fetchedAt = 0;
  const origFetch = window.fetch;
  window.fetch = function (...args) {
    B.fetching++;
    const done = () => { B.fetching--; B.fetchedAt = performance.now(); };
    return origFetch.apply(this, args).then(r => { r.clone().arrayBuffer().then(done, done); return r; }, e => { done(); throw e; });
  };
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ev => {
        if (ev.data instanceof ArrayBuffer) onMessage(ev.data);
        else if (ev.data && ev.data.arrayBuffer) ev.data.arrayBuffer().then(onMessage);
      });
    }
  };
})();
"""

READY_PREDICATE = r"""
([mark, settleFrames]) => {
  const B = window.__bench; if (!B) return false;
  const finished = B.finished.slice(mark.finished);
  if (!finished.length) return false;
  if (B.fetching) return false;
  const arrived = Math.max(finished[finished.length - 1][0], B.fetchedAt);
  if (B.settleFor !== arrived) { B.settleFor = arrived; B.settled = 0; }
  if (++B.settled <= settleFrames) return false;  // let the frontend apply the messages already received
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
  for (const c of document.querySelectorAll('[data-testid="stPlotlyChart"]')) if (!c.querySelector('.main-svg')) return false;
  for (const c of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) if (!c.querySelector('canvas')) return false;
  const now = performance.now();
  const states = B.states.slice(mark.states).map(s => s[1]);
  return {t: now, finished_at: finished[finished.length - 1][0], fetched_at: B.fetchedAt, runs: finished.length, state_seen: states.includes('running'),
          msgs: B.msgs - mark.msgs, bytes: B.bytes - mark.bytes};
}
"""


@contextlib.contextmanager
def serve_empty_page(root: Path, timeout: float = 300) -> Iterator[str]:
    """The empty baseline page, with the checkout's ``.streamlit/config.toml`` (same theme and toolbar)."""
    with _serve_scripts(root, {"empty_page.py": EMPTY_PAGE}, timeout=timeout) as url:
        yield url


@contextlib.contextmanager
def serve_shell(root: Path, curated: Path, seeds: Path, timeout: float = 300) -> Iterator[str]:
    """The dashboard's shell (its data, sidebar, filters and menu: ``page_steps.SETUP_ONLY_APP``) around a blank
    page, on the corpus: what every page of ``root``'s checkout costs before its own work."""
    app = f"import sys\n\nsys.path.insert(0, {str(root)!r})\n" + SETUP_ONLY_APP
    # a line of text, not ``page_steps``' empty page: readiness waits for an element in the main area
    blank = 'import streamlit as st\n\nst.write("A line of text.")\n'
    with _serve_scripts(root, {"shell_app.py": app, "blank_page.py": blank}, curated, seeds, timeout) as url:
        yield url


@contextlib.contextmanager
def _serve_scripts(
    root: Path, scripts: dict[str, str], curated: Path | None = None, seeds: Path | None = None, timeout: float = 300
) -> Iterator[str]:
    """Serve ``scripts`` (name -> text; the first is the entry) from a folder of their own, with ``root``'s config."""
    folder = Path(tempfile.mkdtemp(prefix="bench-page-"))
    try:
        for name, text in scripts.items():
            (folder / name).write_text(text, encoding="utf-8")
        config = root / ".streamlit" / "config.toml"
        if config.exists():
            (folder / ".streamlit").mkdir()
            shutil.copy(config, folder / ".streamlit" / "config.toml")
        with serve(curated, seeds, timeout=timeout, root=folder, script=next(iter(scripts))) as url:
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def browser() -> Iterator:
    """A headless Debian Chromium (playwright), never a downloaded one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
        try:
            yield instance
        finally:
            instance.close()


def new_context(instance):
    """A browser context with the readiness instrumentation installed in every document.

    No ``page.route`` here (``sctracker.briefing.browser.chromium`` aborts off-machine requests that way):
    playwright turns the HTTP cache off when routing is on, so every load would fetch the app's JavaScript
    again. Requests off this machine are recorded instead (``context.off_machine``).
    """
    context = instance.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    context.off_machine = []

    def record(request):
        if not request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            context.off_machine.append(request.url)

    context.on("request", record)
    return context


ZERO_MARK = {"finished": 0, "states": 0, "msgs": 0, "bytes": 0}


def mark(page) -> dict:
    """The page's counters, to compare against after an action."""
    return page.evaluate(
        "() => { const B = window.__bench; return B ? {finished: B.finished.length, states: B.states.length, msgs: B.msgs, bytes: B.bytes}"
        " : {finished: 0, states: 0, msgs: 0, bytes: 0}; }"
    )


def timed(page, action, since: dict | None = None, timeout_ms: float = 300_000) -> dict:
    """Wait until our processes are idle, run ``action()`` and wait until the page is ready.

    Returns the wall seconds from the action's call, what the page saw (messages, bytes, runs), the CPU
    seconds of our processes and of the rest of the machine during the step, and any exception box.
    """
    settled = quiesce()
    since = mark(page) if since is None else since
    before = cpu_snapshot()
    start = time.perf_counter()
    action()
    info = page.wait_for_function(READY_PREDICATE, arg=[since, SETTLE_FRAMES], polling="raf", timeout=timeout_ms).json_value()
    info["seconds"] = time.perf_counter() - start
    info.update(cpu_between(before, cpu_snapshot()))
    info["settled_after"] = settled
    info["exceptions"] = page.locator(EXCEPTION).count()
    return info


def goto_ready(page, url: str, timeout_ms: float = 300_000) -> dict:
    """Open ``url`` (from about:blank, untimed, in the same tab: its renderer and caches stay warm, as for a
    person opening the dashboard again) and wait until ready; ``seconds`` counts from the ``goto`` call."""
    if page.url not in ("about:blank", ""):
        page.goto("about:blank")
    return timed(page, lambda: page.goto(url, wait_until="commit", timeout=timeout_ms), since=ZERO_MARK, timeout_ms=timeout_ms)


def menu_link(page, title: str):
    """The sidebar menu's link to the page titled ``title`` (``sctracker.app.pages.PAGES``), as a reader clicks it."""
    return page.locator('[data-testid="stSidebar"]').get_by_role("link", name=title, exact=True)


def search_box(page, label: str, in_sidebar: bool = True):
    scope = page.locator('[data-testid="stSidebar"]' if in_sidebar else '[data-testid="stMain"]')
    return scope.get_by_label(label, exact=True)


def submit_text(page, box, text: str) -> dict:
    """Type ``text`` into ``box`` (untimed), then press Enter and wait until ready (timed)."""
    box.fill(text)
    return timed(page, lambda: box.press("Enter"))


TICK = os.sysconf("SC_CLK_TCK")


def _machine_busy_jiffies() -> int:
    """Busy jiffies of the whole machine, all cores (every state but idle and waiting for I/O)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    return sum(fields[:8]) - fields[3] - fields[4]


def _our_processes() -> list[int]:
    """This process's descendants: the servers it started, playwright's driver and every Chromium process."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, stack = [], [os.getpid()]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def cpu_snapshot() -> dict:
    """CPU seconds used so far by our processes (each process's own and its finished children's), and the machine's busy seconds."""
    ours = 0.0
    for pid in _our_processes():
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ours += (int(fields[11]) + int(fields[12])) / TICK
    return {"ours": ours, "machine": _machine_busy_jiffies() / TICK, "t": time.monotonic()}


def cpu_between(before: dict, after: dict) -> dict:
    """CPU seconds ours and others' (the rest of the machine) between two snapshots.

    Processes that ended in between (a closed tab's renderer) lose their count: ours is a lower bound.
    """
    ours = max(0.0, after["ours"] - before["ours"])
    machine = after["machine"] - before["machine"]
    return {"cpu_ours": round(ours, 3), "cpu_others": round(max(0.0, machine - ours), 3)}


def quiesce(max_busy: float = 0.15, window: float = 0.25, max_wait: float = 15) -> dict:
    """Wait until our processes (servers, browser) use under ``max_busy`` of a core over one ``window``.

    So that one step's trailing work (a chart still drawing, software WebGL finishing, garbage collection)
    is not billed to the next. It waits for a state of the processes, not for the page (``timed`` does).
    Returns {ours_idle_after: seconds (negative when ``max_wait`` ran out), others_busy: the rest of the
    machine's cores in the last window}.
    """
    start = time.monotonic()
    previous = cpu_snapshot()
    while True:
        time.sleep(window)
        current = cpu_snapshot()
        elapsed = max(1e-6, current["t"] - previous["t"])
        ours = (current["ours"] - previous["ours"]) / elapsed
        others = max(0.0, (current["machine"] - previous["machine"]) - (current["ours"] - previous["ours"])) / elapsed
        waited = round(time.monotonic() - start, 3)
        if ours <= max_busy or waited > max_wait:
            return {"ours_idle_after": waited if ours <= max_busy else -waited, "others_busy": round(others, 2)}
        previous = current
