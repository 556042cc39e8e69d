"""nbgitpuller links: one click puts the course into a learner's home on the class hub (or
updates it, never overwriting their edits) and opens a lesson.

    .venv/bin/python -m lstm_helpers.course.class_links https://hub.example.org 02_lstm_cell
"""

from __future__ import annotations

import argparse
from urllib.parse import urlencode

from lstm_helpers.course import catalog

REPO = "https://github.com/lstm-lab/lstm-lab"
BRANCH = "main"


def nbgitpuller_link(hub_url: str, lesson: str = "00_welcome", repo: str = REPO,
                     branch: str = BRANCH) -> str:
    """The link for ``lesson`` (e.g. "02_lstm_cell") on the hub at ``hub_url``.

    Raises ValueError for a lesson the course does not have or a hub URL without a scheme.
    """
    slugs = [item.slug for item in catalog.available()]
    if lesson not in slugs:
        raise ValueError(f"no lesson {lesson!r}; the lessons are: {', '.join(slugs)}.")
    if not hub_url.startswith(("http://", "https://")):
        raise ValueError(f"{hub_url!r} is not a hub address: give it with https://.")
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch,
                       "urlpath": f"lab/tree/{folder}/notebooks/{lesson}.ipynb"})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub_url")
    parser.add_argument("lessons", nargs="*", help="lesson basenames; default: every lesson")
    parser.add_argument("--repo", default=REPO)
    parser.add_argument("--branch", default=BRANCH)
    args = parser.parse_args()
    for lesson in args.lessons or [item.slug for item in catalog.available()]:
        print(f"{lesson}: {nbgitpuller_link(args.hub_url, lesson, args.repo, args.branch)}")


if __name__ == "__main__":
    main()
