from lstm_helpers.course import envcheck


def test_report_lists_versions_mode_and_data(monkeypatch):
    monkeypatch.setenv("LSTM_LAB_FAST", "1")
    rows = {what: (value, ok) for what, value, ok in envcheck.environment_report()}
    assert rows["Keras"][1] and rows["Keras"][0][0].isdigit()
    assert rows["TensorFlow"][1]
    assert rows["Mode"][0].startswith("fast")
    assert "IMDB data" in rows


def test_a_missing_package_says_how_to_fix_it(monkeypatch):
    monkeypatch.setattr(envcheck, "PACKAGES", (("imaginary", ("no-such-package-xyz",)),))
    text = envcheck.report_text()
    assert "✗ imaginary" in text and "make lab" in text


def test_widget_extensions_are_found_in_this_environment():
    what, value, ok = envcheck.widget_extension_row()
    assert ok, value


def test_a_missing_widget_extension_says_what_to_install(monkeypatch, tmp_path):
    import jupyter_core.paths

    monkeypatch.setattr(jupyter_core.paths, "jupyter_path", lambda *parts: [str(tmp_path)])
    what, value, ok = envcheck.widget_extension_row()
    assert not ok
    assert "sliders will not render" in value and "'jupyterlab_widgets>=3.0.13,<4'" in value
    assert "restart JupyterLab" in value
