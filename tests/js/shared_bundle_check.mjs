// Drives lstm_helpers/ui/shared_bundle.py's LOADER in Node with a stand-in for plotly's bundle
// and a Backbone-like model, the way anywidget does: initialize, then edits, then render.
// Usage: node shared_bundle_check.mjs LOADER_FILE. Prints "ok" or throws.
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

// Node imports data: URLs but not blob: URLs; the loader makes blob URLs, so map one to the other.
const blobs = new Map();
URL.createObjectURL = (blob) => {
  const url = `blob:test/${blobs.size}`;
  blobs.set(url, blob);
  return url;
};
URL.revokeObjectURL = () => {};
const realImport = (url) => import(url);
globalThis.__imports = 0;

async function toDataUrl(url) {
  const text = (await blobs.get(url).text()) + `\n// ${url}`;  // one module per blob, as in a page
  return "data:text/javascript;base64," + Buffer.from(text).toString("base64");
}

// A stand-in for plotly's bundle: its model listens for edits; its view records what it drew.
const BUNDLE = `
globalThis.__imports += 1;
export default () => {
  let listening;
  return {
    initialize({model}) {
      listening = {model, drawn: []};
      model.on("change:_py2js_restyle", () => {
        const value = model.get("_py2js_restyle");
        if (value !== null) listening.drawn.push(value.n);
      });
    },
    render({el}) { el.drawn = listening.drawn; return () => {}; },
  };
};`;

class Model {  // the parts of a Backbone/ipywidgets model the loader and anywidget use
  constructor(state) { this.state = {...state}; this.handlers = []; }
  get(key) { return this.state[key]; }
  on(event, fn) { this.handlers.push([event, fn]); }
  off(event, fn) { this.handlers = this.handlers.filter(([e, f]) => !(e === event && f === fn)); }
  set_state(state) {
    for (const [key, value] of Object.entries(state)) {
      this.state[key] = value;
      for (const [event, fn] of [...this.handlers]) if (event === "change:" + key) fn(this, value);
    }
  }
}

// The loader imports its bundle with import(url) on a blob URL; here that one call goes
// through the data: URL of the same code.
const source = readFileSync(process.argv[2], "utf8");
assert.equal(source.split("import(url)").length, 2, "the loader imports its bundle in one place");
const shimmed = source.replace("import(url)", "globalThis.__importBlob(url)");
globalThis.__importBlob = async (url) => realImport(await toDataUrl(url));
const { default: factory } = await import(
  "data:text/javascript;base64," + Buffer.from(shimmed).toString("base64"));

function newModel() {
  return new Model({ _plotly_bundle: BUNDLE, _py2js_restyle: null });
}

// 1. initialize returns at once, before the bundle is imported (no deadline to miss)
const first = newModel();
const def1 = factory();
const returned = def1.initialize({ model: first });
assert.equal(returned, undefined, "initialize must not return a promise anywidget waits on");
assert.equal(globalThis.__imports, 0, "the bundle is imported after initialize returns");

// 2. edits that arrive before the bundle is in are kept, in order, and drawn once it is
first.set_state({ _py2js_restyle: { n: 1 } });
first.set_state({ _py2js_restyle: null });
first.set_state({ _py2js_restyle: { n: 2 } });
first.set_state({ _py2js_restyle: null });
const el1 = {};
await def1.render({ model: first, el: el1 });
assert.deepEqual(el1.drawn, [1, 2], "early edits reach the figure, in order, once");

// 3. later edits go straight to plotly's listener (the loader's own listeners are gone)
first.set_state({ _py2js_restyle: { n: 3 } });
first.set_state({ _py2js_restyle: null });
assert.deepEqual(el1.drawn, [1, 2, 3], "a later edit is drawn exactly once");

// 4. a second figure on the page reuses the imported bundle
const second = newModel();
const def2 = factory();
def2.initialize({ model: second });
const el2 = {};
await def2.render({ model: second, el: el2 });
assert.equal(globalThis.__imports, 1, "plotly's bundle is imported once per page");
assert.deepEqual(el2.drawn, [], "each figure has its own model");

console.log("ok");
