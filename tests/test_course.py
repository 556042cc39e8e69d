from pathlib import Path

from lstm_helpers.course import catalog as course

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


def lesson_cells(slug):
    import jupytext

    return jupytext.read(ROOT / "lessons_src" / f"{slug}.py").cells


def test_every_lesson_opens_with_its_launch_badges_and_the_setup_cell():
    for lesson in course.available():
        cells = lesson_cells(lesson.slug)
        assert course.launch_badges(lesson.slug) in cells[0].source, lesson.slug
        first_code = next(cell for cell in cells if cell.cell_type == "code")
        assert first_code.source.strip() == course.setup_cell().strip(), (
            f"{lesson.slug}: the first code cell must be course.setup_cell() unchanged"
        )


def test_badges_point_at_the_lesson_itself():
    badges = course.launch_badges("02_lstm_cell")
    assert f"github/{course.REPOSITORY}/blob/{course.BRANCH}/notebooks/02_lstm_cell.ipynb" in badges
    assert "urlpath=lab/tree/notebooks/02_lstm_cell.ipynb" in badges


def test_setup_cell_is_valid_python_and_a_no_op_here():
    namespace: dict = {}
    exec(compile(course.setup_cell(), "setup_cell", "exec"), namespace)
    assert "pip" not in namespace  # lstm_helpers is installed, so nothing was installed


def test_readme_carries_the_welcome_badges():
    assert course.launch_badges("00_welcome") in (ROOT / "README.md").read_text()
