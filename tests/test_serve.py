"""``serve``: live preview that regenerates the archive when a corpus file changes.

Waits are bounded only so that a broken server cannot hang the suite; nothing asserts how
fast anything is.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HANG_GUARD_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "serve exited early"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_regenerates_when_an_article_is_added(tmp_path: Path, project_copy):
    project = project_copy(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/archive/articles/talks/", "Naryshkin", server)
        (project / "corpus" / "articles" / "added.txt").write_text(
            "Fresh briefing on grain corridors\n"
            "Deputy Foreign Minister Sergei Ryabkov said the corridor talks would resume.\n",
            encoding="utf-8")
        page = _wait_for(f"{base}/archive/articles/fresh-briefing-on-grain-corridors/",
                         "Sergei Ryabkov", server)
        assert "Fresh briefing on grain corridors" in page
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
