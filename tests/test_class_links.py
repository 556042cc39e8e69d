from urllib.parse import parse_qs, urlsplit

import pytest

from lstm_helpers.course.class_links import nbgitpuller_link


def test_the_link_pulls_the_course_and_opens_the_lesson():
    link = nbgitpuller_link("https://hub.example.org/", "02_lstm_cell")
    parts = urlsplit(link)
    assert parts.netloc == "hub.example.org"
    assert parts.path == "/hub/user-redirect/git-pull"  # nbgitpuller's endpoint
    query = parse_qs(parts.query)
    assert query["repo"] == ["https://github.com/lstm-lab/lstm-lab"]
    assert query["branch"] == ["main"]
    assert query["urlpath"] == ["lab/tree/lstm-lab/notebooks/02_lstm_cell.ipynb"]


def test_unknown_lessons_and_bare_hosts_are_refused_with_the_fix():
    with pytest.raises(ValueError, match="the lessons are: 00_welcome"):
        nbgitpuller_link("https://hub.example.org", "02_lstm")
    with pytest.raises(ValueError, match="https://"):
        nbgitpuller_link("hub.example.org", "02_lstm_cell")
