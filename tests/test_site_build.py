"""``build``: MkDocs runs strict, and a failed build leaves the previous site in place."""

from __future__ import annotations

from pathlib import Path


def test_strict_build_fails_on_a_broken_link_and_keeps_the_old_site(
    tmp_path: Path, project_copy, generator_run
):
    project = project_copy(tmp_path / "project")
    first = generator_run(project, "build")
    assert first.returncode == 0, first.stderr
    index = (project / "site" / "index.html").read_bytes()

    with (project / "docs" / "about.md").open("a", encoding="utf-8") as about:
        about.write("\n[a link to nowhere](nowhere.md)\n")
    second = generator_run(project, "build")

    assert second.returncode == 3
    assert "nowhere.md" in second.stderr
    assert "site/ is unchanged" in second.stderr
    assert (project / "site" / "index.html").read_bytes() == index
    assert not list(project.glob(".staging-site-*"))
