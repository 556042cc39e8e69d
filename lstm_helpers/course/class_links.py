"""nbgitpuller links: one click puts the course into a learner's home on the class hub (or
updates it, never overwriting their edits) and opens a lesson.

    .venv/bin/python -m lstm_helpers.course.class_links https://hub.example.org 02_lstm_cell
"""

from __future__ import annotations

import argparse
import re
from urllib.parse import urlencode, urlsplit

from lstm_helpers.core.errors import LabInputError, LabTypeError
from lstm_helpers.course import catalog

REPO = "https://github.com/lstm-lab/lstm-lab"
BRANCH = "main"


def nbgitpuller_link(hub_url: str, lesson: str = "00_welcome", repo: str = REPO,
                     branch: str = BRANCH) -> str:
    """The link for ``lesson`` (e.g. "02_lstm_cell") on the hub at ``hub_url``.

    Raises LabInputError (a ValueError) for a lesson the course does not have or a hub URL
    that is not a plain http(s) address (no scheme, no host, spaces, a query).
    """
    slugs = [item.slug for item in catalog.available()]
    if lesson not in slugs:
        raise LabInputError(f"no lesson {lesson!r}; the lessons are: {', '.join(slugs)}.")
    hub_url = check_hub_url(hub_url)
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch,
                       "urlpath": f"lab/tree/{folder}/notebooks/{lesson}.ipynb"})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*"
                   r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*")  # a host name, or an IPv6 address


def check_hub_url(hub_url: object) -> str:
    """``hub_url`` if it is an http(s) address with a valid host (and optional port and
    path); else a LabInputError that quotes it and shows the form wanted."""
    if not isinstance(hub_url, str):
        raise LabTypeError(f"hub_url must be text such as 'https://hub.example.org'; got "
                           f"{type(hub_url).__name__}.")
    how = "give it as https://hub.example.org (a host name, no spaces, no ?query)."
    if not hub_url.startswith(("http://", "https://")):
        raise LabInputError(f"{hub_url!r} is not a hub address: give it with https://, e.g. "
                            "https://hub.example.org.")
    try:
        parts = urlsplit(hub_url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok = False
    if (not port_ok or not _HOST.fullmatch(parts.hostname or "")
            or "@" in parts.netloc or parts.query or parts.fragment
            or any(ch.isspace() for ch in hub_url)):
        raise LabInputError(f"{hub_url!r} is not a hub address: {how}")
    return hub_url


def main(argv: list[str] | None = None) -> None:
    """The command line: print one link per lesson; a bad argument gets argparse's usage
    line (exit status 2), not a traceback."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub_url")
    parser.add_argument("lessons", nargs="*", help="lesson basenames; default: every lesson")
    parser.add_argument("--repo", default=REPO)
    parser.add_argument("--branch", default=BRANCH)
    args = parser.parse_args(argv)
    try:
        links = [(lesson, nbgitpuller_link(args.hub_url, lesson, args.repo, args.branch))
                 for lesson in args.lessons or [item.slug for item in catalog.available()]]
    except LabInputError as err:
        parser.error(str(err))
    for lesson, link in links:
        print(f"{lesson}: {link}")


if __name__ == "__main__":
    main()
