"""A careless or hurried user: every shape of wrong output folder, a mistyped corpus, special
files, two runs at once, odd environments. Each case drives the real command line in a
throwaway copy of the project (subprocess, real files) and checks that nothing of the user's
was touched, the exit code, and that the message says what is wrong — never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from support import CORPUS, ROOT, copy_config

from generator.targets import MARKER, UnsafeTarget, locked

PACKAGE = ROOT / "generator"
TIMEOUT = 120


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's inputs (corpus, hand-written docs, config) and a folder of the user's
    own notes, inside a home folder of its own, after one finished build (so there is an
    archive and a site to lose). Built once; each test works on a copy."""
    root = tmp_path_factory.mktemp("template") / "home" / "user" / "project"
    root.mkdir(parents=True)
    shutil.copytree(CORPUS, root / "corpus")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("archive", ".*"))
    copy_config(root)
    (root / "notes").mkdir()
    (root / "notes" / "todo.txt").write_text("my own notes\n", encoding="utf-8")
    result = briefing(root, "build")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def built(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "home" / "user" / "project"
    shutil.copytree(template, root, symlinks=True)
    return root


def briefing(project: Path, *arguments: str, cwd: Path | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "HOME": str(project.parent), "NO_MKDOCS_2_WARNING": "1",
                   **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=cwd or project,
                          env=environment, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` with its kind and content hash (files), target (links)."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[relative] = "link:" + os.readlink(path)
        elif path.is_file():
            entries[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            entries[relative] = "folder"
        else:
            entries[relative] = "special"
    return entries


def refused(result: subprocess.CompletedProcess[str], *words: str, code: int = 2) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# --- 1. Output targets ---------------------------------------------------------------------

# (arguments relative to the project, words the message must hold). {project}, {home} and
# {package} are filled in; every case must leave the whole home folder as it was.
SITE_TARGETS = [
    ("corpus", "is the corpus"),
    ("corpus/articles", "lies inside the corpus"),
    ("corpus/new-site", "lies inside the corpus"),
    (".", "is the folder of mkdocs.yml"),
    ("{project}", "is the folder of mkdocs.yml"),
    ("..", "is the home folder"),
    ("../..", "contains the corpus"),
    ("docs", "is the docs folder"),
    ("docs/archive", "lies inside the docs folder"),
    ("docs/new-site", "lies inside the docs folder"),
    ("{package}", "is the generator's package"),
    ("{package}/data", "lies inside the generator's package"),
    ("{home}", "is the home folder"),
    ("/", "is the root folder"),
    ("mkdocs.yml", "is not a folder"),
    ("notes", "was not written by the generator"),
    ("notes/todo.txt", "is not a folder"),
]


def _fill(argument: str, project: Path) -> str:
    return argument.format(project=project, home=project.parent, package=PACKAGE)


@pytest.mark.parametrize(("site", "words"), SITE_TARGETS)
def test_build_refuses_a_site_folder_that_is_not_its_own(built, site, words):
    before = fingerprint(built.parent)
    result = briefing(built, "build", "--site", _fill(site, built))
    refused(result, words, "nothing was changed")
    assert fingerprint(built.parent) == before


DOCS_TARGETS = [
    # generate --docs . with a folder ./archive of the user's: that folder
    (["--docs", "."], "notes-as-archive", "was not written by the generator"),
    # generate --corpus archive --docs .: the corpus itself
    (["--corpus", "archive", "--docs", "."], "corpus-as-archive", "is the corpus"),
    (["--docs", "/"], None, "is the root folder"),
    (["--docs", "{home}"], None, "is a home folder"),
    (["--docs", "corpus"], None, "lies inside the corpus"),
    (["--docs", "corpus/articles"], None, "lies inside the corpus"),
    (["--docs", "docs", "--corpus", "docs"], None, "lies inside the corpus"),
    (["--docs", "{package}"], None, "lies inside the generator's package"),
    (["--docs", "notes"], "notes-archive", "was not written by the generator"),
    (["--docs", "mkdocs.yml"], None, "is not a folder"),
]


@pytest.mark.parametrize(("arguments", "setup", "words"), DOCS_TARGETS)
def test_generate_refuses_an_archive_folder_that_is_not_its_own(built, arguments, setup, words):
    if setup == "notes-as-archive":
        shutil.copytree(built / "notes", built / "archive")
    elif setup == "corpus-as-archive":
        shutil.copytree(built / "corpus", built / "archive")
    elif setup == "notes-archive":
        (built / "notes" / "archive").mkdir()
        (built / "notes" / "archive" / "mine.md").write_text("mine\n", encoding="utf-8")
    before = fingerprint(built.parent)
    result = briefing(built, "generate", *[_fill(argument, built) for argument in arguments])
    refused(result, words)
    assert fingerprint(built.parent) == before
    assert not Path("/archive").exists()


@pytest.mark.parametrize("command", ["generate", "build", "serve"])
def test_every_writing_command_refuses_a_corpus_that_holds_the_docs(built, command):
    """``--corpus .``: the archive would be written inside the corpus, and serve would see
    its own output as a change, regenerating forever."""
    before = fingerprint(built.parent)
    result = briefing(built, command, "--corpus", ".")
    refused(result, "lies inside the corpus")
    assert fingerprint(built.parent) == before


def test_a_symbolic_link_as_the_site_is_refused(built):
    (built / "elsewhere").symlink_to(built / "site")
    before = fingerprint(built.parent)
    refused(briefing(built, "build", "--site", "elsewhere"), "symbolic link")
    assert fingerprint(built.parent) == before
    (built / "docs" / "archive").rename(built / "old-archive")
    (built / "docs" / "archive").symlink_to(built / "corpus")
    before = fingerprint(built.parent)
    refused(briefing(built, "generate"), "is the corpus")
    assert fingerprint(built.parent) == before


def test_a_target_refused_from_another_working_folder(built):
    """The same shapes when the command runs from a sub-folder with relative options."""
    inside = built / "notes"
    (inside / "site").mkdir()
    (inside / "site" / "page.html").write_text("mine\n", encoding="utf-8")
    before = fingerprint(built.parent)
    common = ["--corpus", "../corpus", "--docs", "../docs", "--config", "../mkdocs.yml"]
    refused(briefing(built, "build", *common, "--site", "..", cwd=inside), "is the folder")
    refused(briefing(built, "build", *common, "--site", ".", cwd=inside), "is the working folder")
    refused(briefing(built, "build", *common, "--site", "site", cwd=inside), "was not written")
    refused(briefing(built, "build", *common, "--site", "../corpus", cwd=inside), "is the corpus")
    assert fingerprint(built.parent) == before


def test_own_folders_are_replaced_and_marked(built):
    site, archive = built / "site", built / "docs" / "archive"
    assert (site / MARKER).is_file() and (archive / MARKER).is_file()
    assert "articles: 5" in (archive / MARKER).read_text(encoding="utf-8")
    (built / "empty").mkdir()
    result = briefing(built, "build", "--site", "empty")
    assert result.returncode == 0, result.stderr
    assert (built / "empty" / "index.html").is_file()
    result = briefing(built, "build")  # replaces its own site/ again
    assert result.returncode == 0, result.stderr


def test_outputs_are_readable_by_other_users(built):
    """mkdtemp makes 0700 folders; a web server running as another user must read them."""
    for folder in (built / "site", built / "docs" / "archive"):
        mode = stat.S_IMODE(folder.stat().st_mode)
        assert mode & 0o055 == 0o055, oct(mode)


# --- 2. Missing or empty corpus ------------------------------------------------------------


def test_a_mistyped_corpus_is_an_error_and_keeps_the_site(built):
    before = fingerprint(built.parent)
    result = briefing(built, "build", "--corpus", "corpsu", "--strict")
    refused(result, "corpsu/articles does not exist", "did you mean --corpus corpus?")
    assert fingerprint(built.parent) == before


@pytest.mark.parametrize("shape", ["missing", "loop", "file"])
def test_no_articles_folder_is_an_error(built, shape):
    articles = built / "corpus" / "articles"
    shutil.rmtree(articles)
    if shape == "loop":
        articles.symlink_to(articles)
    elif shape == "file":
        articles.write_text("not a folder\n", encoding="utf-8")
    before = fingerprint(built.parent)
    for command in ("generate", "build", "check"):
        result = briefing(built, command)
        refused(result, "articles")
        assert "no articles folder" in result.stderr
    assert fingerprint(built.parent) == before


def test_zero_articles_never_replace_a_full_archive(built):
    for path in (built / "corpus" / "articles").iterdir():
        path.write_bytes(b"\x93not utf-8\x94\n")
    before = fingerprint(built / "docs")
    result = briefing(built, "generate")
    refused(result, "no article to publish", "has 5 and is kept", "--allow-empty", code=1)
    assert fingerprint(built / "docs") == before
    result = briefing(built, "generate", "--allow-empty")
    assert result.returncode == 0, result.stderr
    assert "0 articles" in result.stdout


def test_a_symlinked_sub_folder_is_reported_not_dropped(built):
    elsewhere = built / "more-articles"
    elsewhere.mkdir()
    (elsewhere / "extra.txt").write_text("Extra headline\nSome text here.\n", encoding="utf-8")
    (built / "corpus" / "articles" / "more").symlink_to(elsewhere)
    result = briefing(built, "check")
    refused(result, "more:1: symbolic link to a folder", code=1)
    assert "1 error" in result.stdout


def test_an_unreadable_sub_folder_is_reported(tmp_path, monkeypatch):
    """Root reads every folder, so the failure is injected where os.walk meets it."""
    from generator.source_files import list_articles

    articles = tmp_path / "articles"
    (articles / "locked").mkdir(parents=True)
    (articles / "a.txt").write_text("A\nText.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    listing = list_articles(articles)
    assert [path.name for path in listing.files] == ["a.txt"]
    assert [(problem.path, problem.severity) for problem in listing.errors] == [
        ("locked", "error")]
    assert "Permission denied" in listing.errors[0].message


# --- 4. Only regular files are articles ----------------------------------------------------


def _special(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero-device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("creating device files is not permitted here")
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()


@pytest.mark.parametrize("kind", ["fifo", "zero-device", "socket"])
def test_special_files_are_reported_never_read(built, kind):
    path = built / "corpus" / "articles" / "x.txt"
    _special(kind, path)
    for command in ("check", "generate"):
        result = briefing(built, command)
        assert "Traceback" not in result.stderr, result.stderr
        assert "x.txt:1:" in result.stderr and "only regular files are articles" in \
            result.stderr, result.stderr
    assert briefing(built, "check").returncode == 1
    result = briefing(built, "generate", "--strict")
    assert result.returncode == 1
    assert "5 articles" in result.stdout


def test_a_file_deleted_after_it_was_read_keeps_its_date(tmp_path, monkeypatch):
    """The date comes from the stat of the open file, not from a second look at the path."""
    from generator import build
    from generator.build import Settings, make_pages

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("articles"))
    (corpus / "articles").mkdir()
    article = corpus / "articles" / "gone.txt"
    article.write_text("Gone headline\nThe minister said the talks went well.\n", "utf-8")
    reader = build.read_capped

    def read_then_delete(path, relative, limit, what="articles"):
        result = reader(path, relative, limit, what)
        if path.suffix == ".txt":
            path.unlink()
        return result

    monkeypatch.setattr(build, "read_capped", read_then_delete)
    report = make_pages(Settings(corpus=corpus, config=ROOT / "mkdocs.yml"))
    assert [a.clean.title for a in report.articles] == ["Gone headline"]
    assert report.articles[0].date is not None


# --- 5. Two runs at once -------------------------------------------------------------------


def test_a_second_run_waits_for_the_first(built):
    archive = built / "docs" / "archive"
    before = fingerprint(archive)
    started = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with locked(archive):
            started.set()
            release.wait(TIMEOUT)

    holder = threading.Thread(target=hold)
    holder.start()
    started.wait(TIMEOUT)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "generate"], cwd=built, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = process.stderr.readline()
        assert "waiting: another run" in line and "is writing" in line, line
        assert process.poll() is None
        assert fingerprint(archive) == before
    finally:
        release.set()
        holder.join()
    out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, err
    assert "generate: 5 articles" in out


def test_the_lock_gives_up_with_a_message(tmp_path):
    target = tmp_path / "archive"
    with locked(target), pytest.raises(UnsafeTarget, match="still writing"), \
            locked(target, wait_seconds=0.3):
        pass


def test_concurrent_runs_leave_one_complete_archive(built):
    archive = built / "docs" / "archive"
    reference = fingerprint(archive)
    runs = [subprocess.Popen([sys.executable, "-m", "generator", "generate", "--jobs", "1"],
                             cwd=built, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(3)]
    for run in runs:
        run.communicate(timeout=TIMEOUT)
        assert run.returncode == 0
    assert fingerprint(archive) == reference
    assert sorted(path.name for path in (built / "docs").iterdir() if
                  path.name.startswith(".")) == [".archive.briefing-lock"]


# --- 6. serve ------------------------------------------------------------------------------


def test_serve_refuses_a_busy_port_and_a_bad_address(built):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = briefing(built, "serve", "--addr", f"127.0.0.1:{port}")
        refused(result, f"cannot listen on 127.0.0.1:{port}", "--addr")
    for address in ("localhost", "127.0.0.1:99999", "127.0.0.1:http", ":8000"):
        refused(briefing(built, "serve", "--addr", address), "is not host:port")
    refused(briefing(built, "serve", "--addr", "no-such-host.invalid:8000"),
            "not a known host")


def test_serve_watches_only_what_changes_the_site(built):
    from generator.build import Settings
    from generator.site import watched_files

    settings = Settings(corpus=built / "corpus", docs=built / "docs",
                        config=built / "mkdocs.yml")
    before = watched_files(settings)
    (built / "corpus" / "articles" / ".draft.txt.swp").write_bytes(b"swap")
    (built / "docs" / "archive" / "extra.md").write_text("x\n", encoding="utf-8")
    (built / "notes" / "more.txt").write_text("y\n", encoding="utf-8")
    assert watched_files(settings) == before
    (built / "corpus" / "people.yml").write_text("people: {}\n", encoding="utf-8")
    assert watched_files(settings) != before
    # The archive inside the corpus (a corpus of "."): its own output is never a change.
    settings_dot = Settings(corpus=built, docs=built / "docs", config=built / "mkdocs.yml")
    before = watched_files(settings_dot)
    (built / "docs" / "archive" / "more.md").write_text("z\n", encoding="utf-8")
    assert watched_files(settings_dot) == before


# --- 8. The rest ---------------------------------------------------------------------------


def test_an_impossible_source_date_epoch_is_a_message(built):
    before = fingerprint(built.parent)
    for value in ("99999999999999999", "-5", "yesterday"):
        result = briefing(built, "build", env={"SOURCE_DATE_EPOCH": value})
        refused(result, "SOURCE_DATE_EPOCH")
    assert fingerprint(built.parent) == before


def test_a_missing_config_is_a_usage_error(built):
    before = fingerprint(built.parent)
    refused(briefing(built, "generate", "--config", "missing.yml"), "--config missing.yml")
    assert fingerprint(built.parent) == before


def test_a_broken_config_is_a_message_with_its_line(built):
    (built / "mkdocs.yml").write_text("site_name: Archive\nnav: [\n", encoding="utf-8")
    before = fingerprint(built.parent)
    for command in ("generate", "build"):
        refused(briefing(built, command), "mkdocs.yml:3: invalid YAML")
    assert fingerprint(built.parent) == before


def test_check_takes_a_folder(built):
    result = briefing(built, "check", "corpus/articles")
    assert result.returncode == 0, result.stderr
    assert "check: 5 article files checked, 0 errors" in result.stdout
    refused(briefing(built, "check", "corpus/nothing-here"), "no such file or folder", code=1)


def _mount(options: str, folder: Path) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                            capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode()}")


@pytest.fixture
def mounted(built):
    """Mount points a test made; all are unmounted afterwards, also any that a regression
    moved elsewhere under the project (found in the kernel's mount list)."""
    mounts: list[Path] = []
    yield mounts
    from generator.targets import mount_points

    root = built.parent.resolve()
    moved = [point for point in mount_points() if point.is_relative_to(root)]
    for folder in sorted({*mounts, *moved}, key=lambda path: len(str(path)), reverse=True):
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def test_a_mount_point_as_the_site_is_refused_cleanly(built, mounted):
    folder = built / "public"
    folder.mkdir()
    _mount("size=8m", folder)
    mounted.append(folder)
    (folder / "keep.txt").write_text("mine\n", encoding="utf-8")
    before = fingerprint(built.parent)
    refused(briefing(built, "build", "--site", "public"), "mount point")
    assert fingerprint(built.parent) == before
    result = briefing(built, "build", "--site", "public/site")
    assert result.returncode == 0, result.stderr


def test_a_full_disk_is_a_message_and_keeps_the_old_output(built, mounted):
    small = built / "small"
    small.mkdir()
    _mount("size=64k", small)
    mounted.append(small)
    shutil.copytree(built / "docs", small / "docs", ignore=shutil.ignore_patterns("archive"))
    (small / "docs" / "archive").mkdir()
    (small / "docs" / "archive" / MARKER).write_text("marker\n", encoding="utf-8")
    (small / "docs" / "archive" / "old.md").write_text("old page\n", encoding="utf-8")
    before = fingerprint(small)
    result = briefing(built, "generate", "--docs", "small/docs")
    refused(result, "No space left on device", "unchanged", code=4)
    assert fingerprint(small) == before


def test_a_read_only_docs_folder_is_a_message(built, mounted):
    docs = built / "ro"
    docs.mkdir()
    _mount("size=1m,ro", docs)
    mounted.append(docs)
    result = briefing(built, "generate", "--docs", "ro")
    refused(result, "Read-only file system", code=4)


# --- a last red-team pass --------------------------------------------------------------------


def test_a_mount_inside_the_site_is_refused_and_kept(built, mounted):
    mine = built / "mine"
    mine.mkdir()
    (mine / "keep.txt").write_text("precious\n", encoding="utf-8")
    inside = built / "site" / "usermount"
    inside.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "--bind", str(mine), str(inside)],
                                           capture_output=True, check=False).returncode:
        pytest.skip("bind mounts need root")
    mounted.append(inside)
    refused(briefing(built, "build"), "a mount point")
    assert (mine / "keep.txt").read_text(encoding="utf-8") == "precious\n"


def test_folders_named_like_leftovers_are_the_users(built):
    for folder in (built / ".staging-site-notes", built / "docs" / ".retired-archive-2024"):
        folder.mkdir()
        (folder / "mine.txt").write_text("mine\n", encoding="utf-8")
    result = briefing(built, "build")
    assert result.returncode == 0, result.stderr
    assert (built / ".staging-site-notes" / "mine.txt").is_file()
    assert (built / "docs" / ".retired-archive-2024" / "mine.txt").is_file()


def test_a_lock_file_planted_as_a_link_creates_nothing_elsewhere(built, tmp_path):
    (built / ".site.briefing-lock").unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (built / ".site.briefing-lock").symlink_to(elsewhere / "created")
    refused(briefing(built, "build"), "is a symbolic link")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("shape", ["fifo", "zero", "deep", "utf8"])
def test_a_hostile_config_is_a_message(built, shape):
    config = built / "mkdocs.yml"
    if shape == "deep":
        config.write_text(config.read_text(encoding="utf-8") + "extra: " + "[" * 1000
                          + "]" * 1000 + "\n", encoding="utf-8")
    elif shape == "utf8":
        lines = config.read_bytes().split(b"\n")
        lines[11] += b" \xe9"
        config.write_bytes(b"\n".join(lines))
    else:
        config.unlink()
        if shape == "fifo":
            os.mkfifo(config)
        else:
            config.symlink_to("/dev/zero")
    before = fingerprint(built / "docs")
    for command in ("generate", "build"):
        result = briefing(built, command)
        refused(result, "mkdocs.yml:")
        if shape == "utf8":
            assert "mkdocs.yml:12: not valid UTF-8" in result.stderr
    assert fingerprint(built / "docs") == before


def test_a_target_under_a_file_and_a_build_without_config(built):
    before = fingerprint(built.parent)
    refused(briefing(built, "build", "--site", "notes/todo.txt/site"), "which is a file")
    refused(briefing(built, "generate", "--docs", "mkdocs.yml/docs"), "which is a file")
    (built / "mkdocs.yml").rename(built / "aside.yml")
    refused(briefing(built, "build"), "no mkdocs.yml here")
    (built / "aside.yml").rename(built / "mkdocs.yml")
    assert fingerprint(built.parent) == before
