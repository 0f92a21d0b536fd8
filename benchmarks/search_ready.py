"""How soon search answers after a page load: `python benchmarks/search_ready.py [--runs N] [--throttle]`.

Builds the demo (served: `--online`), serves `site/` on 127.0.0.1 and opens pages in Debian's
Chromium (Playwright). For each load it records, in milliseconds from navigation start:
when the first request for the search index started (the page's own, from its head, since the
index is fetched early) and when Material's request for it ended (from the HTTP cache, after that), when Material's search worker got the
index (SETUP message) and when it answered that it is ready (READY): until then the search box
says "Type to start searching". A `<link rel=preload>` of the index was tried and measured
(commit 79ce7fe, removed after): Chromium does not hand a preload to Material's XMLHttpRequest (responseType
blob; it warns "preload … not used"), and throttled it delayed the theme's own script.
`--throttle` emulates Lighthouse's mobile defaults (150 ms round trip, 1.6 Mbit/s down, CPU 4×
slower), where the index's 240 kB download is most of the wait.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium")
PAGES = ("library/", "library/practices/", "emea-enterprise/")

# Wraps Worker before any page script runs: timestamps the SETUP (type 0) message Material posts
# with the index and the READY (type 1) answer.
INSTRUMENT = """(() => { const m = window.__pb = {}; const W = window.Worker;
  window.Worker = function (url, options) { const w = new W(url, options); const post = w.postMessage.bind(w);
    w.postMessage = (msg, ...rest) => { if (msg && msg.type === 0 && !m.setup) m.setup = performance.now(); return post(msg, ...rest); };
    w.addEventListener('message', e => { if (e.data && e.data.type === 1 && !m.ready) m.ready = performance.now(); });
    return w; };
  window.Worker.prototype = W.prototype; })();"""
MEASURE = """() => { const all = performance.getEntriesByType('resource').filter(x => x.name.includes('search_index'));
  const first = all[0], xhr = all.find(x => x.initiatorType === 'xmlhttprequest') || first;
  return {index_start: first ? first.startTime : null, index_end: xhr ? xhr.responseEnd : null, setup: __pb.setup, ready: __pb.ready}; }"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(work: Path) -> Path:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run([sys.executable, "-m", "playbook_gen", "build", "--quiet", "--online", "--no-pdf",
                             "--content", str(REPO / "content")], cwd=work, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed\n{result.stderr}")
    return work / "site"


def one_load(browser, url: str, throttle: bool) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(INSTRUMENT)
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url)
    page.wait_for_function("window.__pb && window.__pb.ready", timeout=60_000)
    found = page.evaluate(MEASURE)
    context.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttle", action="store_true", help="Lighthouse's mobile network and CPU throttling")
    parser.add_argument("--site", type=Path, help="measure this built site/ folder instead of building the demo")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        site = args.site or build(Path(work))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        print(f"search ready after page load, ms from navigation start (median of {args.runs}"
              f"{', throttled like Lighthouse mobile' if args.throttle else ''})")
        print(f"{'page':<22} {'request start':>13} {'index received':>14} {'worker has it':>13} {'ready':>7}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            try:
                for path in PAGES:
                    runs = [one_load(browser, base + path, args.throttle) for _ in range(args.runs)]
                    med = {k: statistics.median(r[k] for r in runs) for k in ("index_start", "index_end", "setup", "ready")}
                    print(f"{path:<22} {med['index_start']:>13.0f} {med['index_end']:>14.0f} "
                          f"{med['setup']:>13.0f} {med['ready']:>7.0f}")
            finally:
                browser.close()
                server.shutdown()


if __name__ == "__main__":
    main()
