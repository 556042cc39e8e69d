"""The front end of every live figure: plotly's widget bundle, loaded once per page.

plotly's ``FigureWidget`` is an anywidget whose front end is one 5 MB ES module, sent with
every figure and imported afresh for each (a new blob URL each time, so the browser never
reuses it). anywidget gives a model two seconds to initialise; on a busy machine (a class
box, a page doing Run All beside a training kernel) importing 5 MB takes longer, the model's
``ready`` promise rejects for good, and from then on the page drops every update the kernel
sends to that figure: it stays drawn but deaf (issue 23's soak, issue 28's blank figures).

``LOADER`` is the small module each ``LiveFigure`` sends instead. Its ``initialize`` returns
at once, so no deadline can pass; it imports the bundle (the ``_plotly_bundle`` trait) once
per page and shares it between figures; edits that arrive before plotly's model is ready are
kept in order and handed to it when it is; a view draws only once the figure is ready.
"""

from __future__ import annotations

from pathlib import Path

import plotly

BUNDLE_PATH = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"

# plotly's messages that carry edits (Python -> page); see plotly/basewidget.py.
EDIT_KEYS = ("_py2js_addTraces", "_py2js_deleteTraces", "_py2js_moveTraces",
             "_py2js_restyle", "_py2js_relayout", "_py2js_update", "_py2js_animate",
             "_py2js_removeLayoutProps", "_py2js_removeTraceProps")

LOADER = """
// LSTM Lab's live figure: plotly's widget bundle imported once per page (lstm_helpers/ui/
// shared_bundle.py says why).
const KEY = Symbol.for("lstm-lab.plotly-widget-bundle/%(version)s");
const EDITS = %(edits)s;

function bundle(code) {
  let loading = globalThis[KEY];
  if (!loading) {
    const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
    loading = import(url).then(
      (mod) => { URL.revokeObjectURL(url); return mod; },
      (error) => { URL.revokeObjectURL(url); delete globalThis[KEY]; throw error; });
    globalThis[KEY] = loading;
  }
  return loading;
}

export default () => {
  let plotlyWidget;  // plotly's own widget definition, for this model
  let ready;
  return {
    initialize({model, ...context}) {
      const early = [];  // edits that came before plotly's model listened: [model, key, value]
      const keepers = EDITS.map((key) => [key, (real, value) => {
        if (value !== null) early.push([real, key, value]);
      }]);
      for (const [key, keeper] of keepers) model.on("change:" + key, keeper);
      ready = bundle(model.get("_plotly_bundle")).then(async (mod) => {
        plotlyWidget = typeof mod.default === "function" ? await mod.default() : mod.default;
        const started = plotlyWidget.initialize?.({model, ...context});  // listens from here
        for (const [key, keeper] of keepers) model.off("change:" + key, keeper);
        await started;
        for (const [real, key, value] of early.splice(0)) {  // as if they came now, in order
          // ipywidgets' set_state applies kernel state without echoing it back; a widget
          // manager without it (another front end) gets a plain set
          const apply = typeof real.set_state === "function"
            ? (s) => real.set_state(s) : (s) => model.set(...Object.entries(s)[0]);
          apply({[key]: value});
          apply({[key]: null});
        }
      });
      ready.catch((error) => console.error("LSTM Lab: the plotly figure could not load", error));
    },
    async render(view) {
      await ready;
      return plotlyWidget.render(view);
    },
  };
};
"""


def loader_module() -> str:
    """``LOADER`` for the installed plotly (the page keeps one bundle per plotly version)."""
    import json

    return LOADER % {"version": plotly.__version__, "edits": json.dumps(list(EDIT_KEYS))}


def bundle_code() -> str:
    """plotly's widget bundle, the code ``LOADER`` imports once per page."""
    return BUNDLE_PATH.read_text(encoding="utf-8")
