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


def _wait_for_log(log_path: Path, text: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "serve exited: " + log_path.read_text("utf-8")
        if text in log_path.read_text(encoding="utf-8"):
            return
        time.sleep(0.3)
    raise AssertionError(f"the log never showed {text!r}: {log_path.read_text('utf-8')}")


def test_serve_keeps_serving_through_bad_registries_and_swap_files(tmp_path: Path,
                                                                   project_copy):
    """A registry that parses but is invalid, an invalid YAML one, an editor's swap file
    appearing and vanishing: each is reported and the preview goes on."""
    project = project_copy(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    log_path = tmp_path / "serve.log"
    log = log_path.open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    people = project / "corpus" / "people.yml"
    good = people.read_text(encoding="utf-8")
    articles = project / "corpus" / "articles"
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/archive/articles/talks/", "Naryshkin", server)
        people.write_text("people:\n  Jane Roe:\n    roles: 5\n", encoding="utf-8")
        _wait_for_log(log_path, "people.yml:3:", server)
        people.write_text("people: [unclosed\n", encoding="utf-8")
        _wait_for_log(log_path, "invalid YAML", server)
        for _ in range(5):
            swap = articles / ".draft.txt.swp"
            swap.write_bytes(b"\x00swap")
            time.sleep(0.2)
            swap.unlink()
        people.write_text(good, encoding="utf-8")
        (articles / "added.txt").write_text(
            "Fresh briefing on grain corridors\n"
            "Deputy Foreign Minister Sergei Ryabkov said the corridor talks would resume.\n",
            encoding="utf-8")
        _wait_for(f"{base}/archive/articles/fresh-briefing-on-grain-corridors/",
                  "Sergei Ryabkov", server)
        assert "Traceback" not in log_path.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
