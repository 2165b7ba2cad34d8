"""Stage 6, write: the output folder is replaced as a whole, atomically."""

from __future__ import annotations

import pytest
from support import tree

from generator import write
from generator.model import Page
from generator.targets import MARKER, STAGING_MARKER
from generator.write import (
    UnsafePagePath,
    remove_leftovers,
    staging_dir,
    swap_into_place,
    write_pages,
)


def pages(**files: str) -> list[Page]:
    return [Page(path.replace("__", "/"), text) for path, text in files.items()]


def siblings(target):
    return sorted(path.name for path in target.parent.iterdir())


def test_write_creates_the_folder(tmp_path):
    target = tmp_path / "docs" / "archive"
    count = write_pages(pages(**{"index.md": "home\n", "articles__a.md": "Москва\n"}), target)
    assert count == 2
    assert tree(target) == {"index.md": b"home\n", "articles/a.md": "Москва\n".encode()}
    assert siblings(target) == ["archive"]


def test_swap_replaces_the_folder_and_drops_stale_pages(tmp_path):
    target = tmp_path / "archive"
    write_pages(pages(**{"index.md": "old\n", "articles__gone.md": "stale\n"}), target)
    write_pages(pages(**{"index.md": "new\n", "articles__b.md": "b\n"}), target)
    assert tree(target) == {"index.md": b"new\n", "articles/b.md": b"b\n"}
    assert siblings(target) == ["archive"]


def test_newlines_are_written_as_is(tmp_path):
    target = tmp_path / "archive"
    write_pages([Page("a.md", "one\ntwo\n")], target)
    assert (target / "a.md").read_bytes() == b"one\ntwo\n"


def test_leftovers_of_a_killed_run_are_removed(tmp_path):
    target = tmp_path / "archive"
    write_pages(pages(**{"index.md": "v1\n"}), target)
    # What a killed run leaves: a staging folder (marked as it is made) and a retired
    # archive (the old output, marked).
    (tmp_path / ".staging-archive-abc123").mkdir()
    (tmp_path / ".staging-archive-abc123" / STAGING_MARKER).write_text("x")
    (tmp_path / ".staging-archive-abc123" / "half.md").write_text("partial")
    (tmp_path / ".retired-archive-def456").mkdir()
    (tmp_path / ".retired-archive-def456" / MARKER).write_text("x")
    (tmp_path / ".staging-other-zzz").mkdir()  # belongs to another target: kept
    (tmp_path / ".staging-archive-notes").mkdir()  # the user's, named alike: kept
    (tmp_path / ".staging-archive-notes" / "todo.txt").write_text("mine")
    write_pages(pages(**{"index.md": "v2\n"}), target)
    assert siblings(target) == [".staging-archive-notes", ".staging-other-zzz", "archive"]
    assert (tmp_path / ".staging-archive-notes" / "todo.txt").read_text() == "mine"
    assert tree(target) == {"index.md": b"v2\n"}


def test_remove_leftovers_without_parent(tmp_path):
    remove_leftovers(tmp_path / "missing" / "archive")


@pytest.mark.parametrize("path", ["../escape.md", "a/../../escape.md", "/tmp/abs.md", ".", "",
                                  "articles/../../x.md"])
def test_unsafe_page_paths_are_refused_and_nothing_changes(tmp_path, path):
    target = tmp_path / "docs" / "archive"
    write_pages(pages(**{"index.md": "v1\n"}), target)
    with pytest.raises(UnsafePagePath):
        write_pages([Page("index.md", "v2\n"), Page(path, "evil\n")], target)
    assert tree(target) == {"index.md": b"v1\n"}
    assert siblings(target) == ["archive"]
    assert not (tmp_path / "escape.md").exists()
    assert not (tmp_path / "docs" / "escape.md").exists()


def test_symlink_page_path_cannot_escape(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "archive"
    # A page path that walks through a symbolic link resolves outside the staging folder.
    staged_link_name = "link"

    real_staging_dir = write.staging_dir

    def staging_with_link(target_path):
        staged = real_staging_dir(target_path)
        (staged / staged_link_name).symlink_to(outside)
        return staged

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(write, "staging_dir", staging_with_link)
        with pytest.raises(UnsafePagePath):
            write_pages([Page(f"{staged_link_name}/x.md", "evil\n")], target)
    assert list(outside.iterdir()) == []


def test_error_while_writing_leaves_the_old_folder(tmp_path):
    target = tmp_path / "archive"
    write_pages(pages(**{"index.md": "v1\n"}), target)

    def broken():
        yield Page("index.md", "v2\n")
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        write_pages(broken(), target)
    assert tree(target) == {"index.md": b"v1\n"}
    assert siblings(target) == ["archive"]


def test_swap_without_renameat2(tmp_path, monkeypatch):
    monkeypatch.setattr(write, "_RENAMEAT2", None)
    target = tmp_path / "archive"
    write_pages(pages(**{"index.md": "v1\n"}), target)
    write_pages(pages(**{"index.md": "v2\n"}), target)
    assert tree(target) == {"index.md": b"v2\n"}
    assert siblings(target) == ["archive"]


def test_swap_into_place_when_target_is_missing(tmp_path):
    target = tmp_path / "site"
    staged = staging_dir(target)
    (staged / "index.html").write_text("x")
    write.finish(staged)
    swap_into_place(staged, target)
    assert tree(target) == {"index.html": b"x"}
    assert siblings(target) == ["site"]
    assert not (target / STAGING_MARKER).exists()


def test_staging_dir_is_a_hidden_sibling(tmp_path):
    target = tmp_path / "a" / "archive"
    staged = staging_dir(target)
    assert staged.parent == target.parent
    assert staged.name.startswith(".staging-archive-")
    # Marked from the moment it exists, so only a folder of ours is ever cleaned up.
    assert [path.name for path in staged.iterdir()] == [STAGING_MARKER]


def test_remove_tree_never_crosses_into_a_mount(tmp_path):
    """The second line of defence: a bind mount inside a folder being deleted keeps its
    files (the first is that such a target is refused)."""
    import os
    import subprocess

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "keep.txt").write_text("precious")
    doomed = tmp_path / "old-site"
    (doomed / "inner").mkdir(parents=True)
    (doomed / "page.html").write_text("x")
    if os.geteuid() != 0 or subprocess.run(["mount", "--bind", str(mine), str(doomed / "inner")],
                                           capture_output=True, check=False).returncode:
        pytest.skip("bind mounts need root")
    try:
        write.remove_tree(doomed)
        assert (mine / "keep.txt").read_text() == "precious"
        assert not (doomed / "page.html").exists()
    finally:
        subprocess.run(["umount", "-l", str(doomed / "inner")], check=False)


def test_a_removal_killed_half_way_leaves_a_leftover_the_next_run_removes(tmp_path,
                                                                          monkeypatch):
    """The old archive is deleted after the swap; a run killed meanwhile must not have
    deleted the marker first, or the half-deleted folder would stay for ever."""
    target = tmp_path / "archive"
    write.write_pages([Page(f"p{number}/x.md", "x\n") for number in range(20)], target)
    doomed = tmp_path / ".staging-archive-killed"
    target.rename(doomed)
    unlink = write.Path.unlink
    calls = []

    def killed_on_the_fifth(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return unlink(self, *args, **kwargs)

    monkeypatch.setattr(write.Path, "unlink", killed_on_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        write.remove_tree(doomed)
    monkeypatch.undo()
    assert (doomed / MARKER).is_file()
    write.remove_leftovers(target)
    assert not doomed.exists()
