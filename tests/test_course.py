from pathlib import Path

from lstm_helpers import course

ROOT = Path(__file__).resolve().parent.parent


def test_every_notebook_is_on_the_course_map():
    known = {lesson.slug for lesson in course.LESSONS}
    on_disk = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert on_disk <= known, f"add {sorted(on_disk - known)} to lstm_helpers/course.py"


def test_lessons_are_numbered_in_order():
    numbers = [int(lesson.slug[:2]) for lesson in course.LESSONS]
    assert numbers == list(range(len(numbers)))


def test_map_links_exactly_the_lessons_that_exist(tmp_path):
    (tmp_path / "00_welcome.ipynb").write_text("{}")
    text = course.course_map_markdown(tmp_path)
    assert "[Welcome](00_welcome.ipynb)" in text
    assert "(01_rnn_basics.ipynb)" not in text and "RNN basics *(in preparation)*" in text


def test_readme_lists_every_available_lesson():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for lesson in course.available():
        assert f"notebooks/{lesson.notebook}" in readme, f"README lacks {lesson.notebook}"
