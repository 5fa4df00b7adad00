import CNNCalc

/// The page `cnncalc serve` shows at `/`: one self-contained HTML file with its style and
/// script, loading nothing from anywhere but the server's own `/api/`.
///
/// The editor re-analyses its text 300 ms after the last keystroke through `POST /api/analyze`;
/// a file dropped on the page or chosen with the button is sent the same way, and a text file
/// lands in the editor. The table, the totals and the diagram are drawn from the answer; a
/// click on a row or a block shows that layer's `--explain` text. Problems are listed under
/// the editor and marked at their line, and the text stays as typed.
///
/// For tests, `?example=FILE` opens an example, and `&replace=A&with=B` then types B over the
/// first A, one keystroke at a time, once the first report is in; `data-*` attributes on the
/// body record what happened (`data-ready`, `data-first-total`, `data-total`, `data-requests`,
/// `data-editor`: the editor's text at the end).
enum ServerPage {
    /// The page.
    static let html = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CNNCalc</title>
<style>
:root { --ink: #1d2330; --muted: #5b6475; --line: #d8dce3; --soft: #f4f6f9; --accent: #2f6fdf; --bad: #c62828; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--soft); }
header h1 { font-size: 17px; margin: 0 8px 0 0; }
header label { color: var(--muted); font-size: 12px; display: flex; flex-direction: column; }
#menu { max-width: 24em; }
select, input, button { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--ink); }
input[type=number] { width: 6em; }
#input-size { width: 8em; }
main { display: grid; grid-template-columns: minmax(320px, 38%) 1fr; gap: 16px; padding: 16px; }
#editor-box { display: flex; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; min-height: 360px; }
#gutter { margin: 0; padding: 8px 6px; background: var(--soft); color: var(--muted); text-align: right; user-select: none; font: 13px/1.5 ui-monospace, Menlo, Consolas, monospace; overflow: hidden; min-width: 3.2em; }
#gutter .bad { color: #fff; background: var(--bad); border-radius: 3px; padding: 0 3px; }
#editor { flex: 1; border: 0; padding: 8px; resize: vertical; min-height: 360px; font: 13px/1.5 ui-monospace, Menlo, Consolas, monospace; outline: none; white-space: pre; overflow: auto; }
#editor[readonly] { background: #fafafa; color: var(--muted); }
#drop { margin-top: 10px; padding: 12px; border: 2px dashed var(--line); border-radius: 6px; color: var(--muted); text-align: center; }
#drop.over { border-color: var(--accent); color: var(--accent); }
#problems { list-style: none; padding: 0; margin: 10px 0 0; }
#problems li { color: var(--bad); background: #fdecea; border-left: 3px solid var(--bad); padding: 4px 8px; margin-bottom: 4px; cursor: pointer; white-space: pre-wrap; }
#notes { color: var(--muted); font-size: 12px; padding-left: 18px; }
#status { font-size: 12px; color: var(--muted); min-height: 1.4em; }
#status.bad { color: var(--bad); }
#totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin-bottom: 12px; }
#totals div { background: var(--soft); border-radius: 6px; padding: 6px 10px; }
#totals b { display: block; font-size: 18px; }
#totals span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td.num, th.num { text-align: right; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #eef3fd; }
tbody tr.picked { background: #dce8fc; }
#table-box { overflow-x: auto; max-height: 46vh; overflow-y: auto; border: 1px solid var(--line); border-radius: 6px; }
#explain { margin: 12px 0; padding: 10px; background: var(--soft); border-radius: 6px; white-space: pre-wrap; font: 12.5px/1.5 ui-monospace, Menlo, Consolas, monospace; min-height: 3em; }
#diagram { overflow: auto; max-height: 70vh; border: 1px solid var(--line); border-radius: 6px; }
#diagram svg { display: block; }
#diagram .d-layer { cursor: pointer; }
h2 { font-size: 14px; margin: 14px 0 6px; color: var(--muted); font-weight: 600; }
</style>
</head>
<body>
<header>
  <h1>CNNCalc</h1>
  <label>Network<select id="menu"></select></label>
  <label>Open a file<input id="file" type="file"></label>
  <label>Convention<select id="convention"><option value="">the source's</option><option>keras</option><option>pytorch</option><option>matlab</option><option>lasagne</option></select></label>
  <label>Layout<select id="layout"><option value="">the input's</option><option value="hwc">hwc (channels last)</option><option value="chw">chw (channels first)</option></select></label>
  <label>Number format<select id="dtype"><option>fp32</option><option>fp16</option><option>bf16</option><option>int8</option></select></label>
  <label>Batch<input id="batch" type="number" min="1" value="1"></label>
  <label>Input (PyTorch text, zoo)<input id="input-size" placeholder="e.g. 3x224x224"></label>
</header>
<main>
<section>
  <div id="status">Loading...</div>
  <div id="editor-box"><pre id="gutter">1</pre><textarea id="editor" spellcheck="false" aria-label="network"></textarea></div>
  <ul id="problems"></ul>
  <div id="drop">Drop an ONNX, Keras, MATLAB, PyTorch-text, Lasagne or .cnn file here. It is analysed in memory and not kept.</div>
  <ul id="notes"></ul>
</section>
<section>
  <div id="totals"></div>
  <div id="table-box"><table><thead><tr><th>#</th><th>name</th><th>type</th><th>output</th><th class="num">parameters</th><th class="num">MACs</th><th>formula</th></tr></thead><tbody id="rows"></tbody></table></div>
  <h2 id="explain-title">Click a layer for its arithmetic</h2>
  <pre id="explain"></pre>
  <h2>Diagram</h2>
  <div id="diagram"></div>
</section>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const state = { name: "editor.cnn", text: "", bytes: null, zoo: null, result: null, picked: 0, serial: 0, requests: 0, timer: null };
const grouped = (n) => n === undefined || n === null ? "?" : Number(n).toLocaleString("en-US");
function humanBytes(n) {
  if (n === undefined) return "?";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"]; let i = 0; let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i === 0 ? v : v.toFixed(1)) + " " + units[i];
}
function shapeText(layer) {
  if (layer.openOutputShape) return layer.openOutputShape.join(" x ");
  return layer.outputShape.join("x");
}
function setStatus(text, bad) { $("status").textContent = text; $("status").className = bad ? "bad" : ""; }

function query() {
  const params = new URLSearchParams();
  for (const id of ["convention", "layout", "dtype"]) if ($(id).value) params.set(id, $(id).value);
  const batch = $("batch").value.trim(); if (batch && batch !== "1") params.set("batch", batch);
  // The input size is for a zoo model or the text of print(model), which has no extension of its own.
  const statesItsInput = /\.(cnn|onnx|keras|json|h5|m|py)$/i.test(state.name);
  const input = $("input-size").value.trim(); if (input && (state.zoo || !statesItsInput)) params.set("input", input);
  return params;
}

async function analyse() {
  const serial = ++state.serial;
  const params = query();
  let url, init;
  if (state.zoo) {
    url = "/api/zoo/" + state.zoo + "?" + params;
    init = { headers: { "Accept": "application/json" } };
  } else {
    params.set("name", state.name);
    url = "/api/analyze?" + params;
    init = { method: "POST", body: state.bytes || state.text, headers: { "Accept": "application/json", "Content-Type": "application/octet-stream" } };
  }
  state.requests++; document.body.dataset.requests = state.requests;
  setStatus("Analysing...");
  let answer, status;
  try {
    const response = await fetch(url, init);
    status = response.status;
    answer = await response.json();
  } catch (error) {
    if (serial === state.serial) setStatus("The server did not answer: " + error, true);
    return;
  }
  if (serial !== state.serial) return;   // a newer keystroke already asked again
  if (status === 200) show(answer); else showProblems(answer, status);
  document.body.dataset.ready = "1";
  document.body.dataset.analyses = String(Number(document.body.dataset.analyses || 0) + 1);
  document.dispatchEvent(new Event("analysed"));
}

function show(result) {
  state.result = result;
  const report = result.report, totals = report.totals;
  setStatus(result.source.name + " (" + result.source.format + "): " + report.layers.length + " layers, counted as " + report.convention + " counts, batch " + report.batchSize);
  $("problems").replaceChildren();
  markLines([]);
  const cells = [
    ["parameters", grouped(totals.parameters)], ["trainable", grouped(totals.trainable)], ["non-trainable", grouped(totals.nonTrainable)],
    ["MACs", totals.macsExpression || grouped(totals.macs)], ["FLOPs", totals.flopsExpression || grouped(totals.flops)],
    ["weights (" + report.dataType + ")", humanBytes(report.memory && report.memory.weightBytes)],
    ["training memory", humanBytes(report.memory && report.memory.trainingBytes)],
  ];
  $("totals").replaceChildren(...cells.map(([label, value]) => {
    const box = document.createElement("div"); const b = document.createElement("b"); const span = document.createElement("span");
    b.textContent = value; span.textContent = label; box.append(b, span);
    if (label === "parameters") b.id = "total-parameters";
    return box;
  }));
  document.body.dataset.total = String(totals.parameters);
  const rows = report.layers.map((layer, index) => {
    const tr = document.createElement("tr"); tr.id = "row-" + index;
    const values = [index, layer.name, layer.type, shapeText(layer), grouped(layer.parameters), layer.macsExpression || grouped(layer.macs), layer.derivation.formula];
    values.forEach((value, column) => {
      const td = document.createElement("td"); td.textContent = value;
      if (column === 4 || column === 5) td.className = "num";
      tr.append(td);
    });
    tr.addEventListener("click", () => pick(index));
    return tr;
  });
  $("rows").replaceChildren(...rows);
  $("diagram").innerHTML = result.svg || "<p>No diagram: the model leaves sizes open.</p>";
  $("diagram").querySelectorAll(".d-layer").forEach((block, index) => block.addEventListener("click", () => pick(index)));
  $("notes").replaceChildren(...result.notes.map((note) => { const li = document.createElement("li"); li.textContent = "note: " + note; return li; }));
  pick(Math.min(state.picked, report.layers.length - 1));
}

function pick(index) {
  if (!state.result || index < 0) return;
  state.picked = index;
  document.querySelectorAll("tbody tr.picked").forEach((row) => row.classList.remove("picked"));
  const row = $("row-" + index); if (row) row.classList.add("picked");
  $("explain-title").textContent = index + ": " + state.result.report.layers[index].name;
  $("explain").textContent = state.result.explain[index];
}

function showProblems(answer, status) {
  const errors = (answer && answer.errors) || [{ message: "status " + status }];
  setStatus(errors.length + (errors.length === 1 ? " problem" : " problems") + " (status " + status + "); the last report is kept below", true);
  $("problems").replaceChildren(...errors.map((error) => {
    const li = document.createElement("li");
    li.textContent = error.message;
    if (error.line) { li.dataset.line = error.line; li.addEventListener("click", () => goToLine(error.line, error.column || 1)); }
    return li;
  }));
  $("notes").replaceChildren(...((answer && answer.notes) || []).map((note) => { const li = document.createElement("li"); li.textContent = "note: " + note; return li; }));
  markLines(errors.filter((error) => error.line && (!error.source || error.source === state.name)).map((error) => error.line));
  document.body.dataset.problems = String(errors.length);
}

function markLines(lines) {
  const count = Math.max(1, $("editor").value.split("\n").length);
  const bad = new Set(lines);
  const parts = [];
  for (let line = 1; line <= count; line++) parts.push(bad.has(line) ? '<span class="bad">' + line + "</span>" : String(line));
  $("gutter").innerHTML = parts.join("\n");
  $("gutter").scrollTop = $("editor").scrollTop;
}

function goToLine(line, column) {
  const lines = $("editor").value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, column - 1);
  $("editor").focus(); $("editor").setSelectionRange(offset, offset);
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(analyse, 300);
}

function openText(name, text) {
  state.name = name; state.text = text; state.bytes = null; state.zoo = null;
  $("editor").readOnly = false; $("editor").value = text; markLines([]);
  analyse();
}

function openZoo(name) {
  state.zoo = name; state.bytes = null;
  $("editor").readOnly = true;
  $("editor").value = "# zoo:" + name + " is built in CNNCalc's code, not written in .cnn.\n# Change its input above, or pick an example to edit.\n";
  markLines([]);
  analyse();
}

async function openFile(file) {
  const buffer = new Uint8Array(await file.arrayBuffer());
  let text = null;
  if (!/\.(onnx|keras|h5)$/i.test(file.name) && !buffer.includes(0)) {
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(buffer); } catch (error) { text = null; }
  }
  $("menu").value = "";
  if (text !== null) { openText(file.name, text); return; }
  state.name = file.name; state.bytes = buffer; state.zoo = null; state.text = "";
  $("editor").readOnly = true;
  $("editor").value = "# " + file.name + " (" + grouped(buffer.length) + " bytes) is a binary model: analysed, not shown.\n";
  markLines([]);
  analyse();
}

async function start() {
  const menu = await (await fetch("/api/examples", { headers: { "Accept": "application/json" } })).json();
  const group = (label) => { const g = document.createElement("optgroup"); g.label = label; $("menu").append(g); return g; };
  const blank = document.createElement("option"); blank.value = ""; blank.textContent = "(your own)"; $("menu").append(blank);
  const examples = group("Examples (.cnn)");
  menu.examples.forEach((example, index) => { const o = new Option(example.title, "example:" + index); examples.append(o); });
  const zoo = group("Zoo");
  menu.zoo.forEach((model) => { const o = new Option(model.name + " - " + model.title + " (" + model.framework + ", " + model.input + ")", "zoo:" + model.name); zoo.append(o); });
  $("menu").addEventListener("change", () => {
    const value = $("menu").value;
    if (value.startsWith("example:")) {
      const example = menu.examples[Number(value.slice(8))];
      $("convention").value = example.convention || "";
      openText(example.name, example.text);
    } else if (value.startsWith("zoo:")) {
      $("convention").value = ""; $("input-size").value = "";
      openZoo(value.slice(4));
    }
  });
  $("editor").addEventListener("input", () => {
    if ($("editor").readOnly) return;
    state.text = $("editor").value; markLines([]); schedule();
  });
  $("editor").addEventListener("scroll", () => { $("gutter").scrollTop = $("editor").scrollTop; });
  for (const id of ["convention", "layout", "dtype"]) $(id).addEventListener("change", analyse);
  for (const id of ["batch", "input-size"]) $(id).addEventListener("input", schedule);
  $("file").addEventListener("change", () => { if ($("file").files[0]) openFile($("file").files[0]); });
  const drop = $("drop");
  document.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  document.addEventListener("dragleave", () => drop.classList.remove("over"));
  document.addEventListener("drop", (event) => {
    event.preventDefault(); drop.classList.remove("over");
    if (event.dataTransfer.files[0]) openFile(event.dataTransfer.files[0]);
  });

  const params = new URLSearchParams(location.search);
  const wanted = params.get("example");
  let index = menu.examples.findIndex((example) => example.name === wanted);
  if (index < 0) index = 0;
  $("menu").value = "example:" + index;
  $("convention").value = menu.examples[index].convention || "";
  if (params.has("replace")) demo(params.get("replace"), params.get("with") || "");
  openText(menu.examples[index].name, menu.examples[index].text);
}

// Types `typed` over the first `replaced` of the editor, one keystroke every 40 ms, once the
// first report is in: what a learner does, for the browser tests.
function demo(replaced, typed) {
  document.addEventListener("analysed", function first() {
    document.removeEventListener("analysed", first);
    document.body.dataset.firstTotal = document.body.dataset.total;
    const editor = $("editor");
    const at = editor.value.indexOf(replaced);
    if (at < 0) { document.body.dataset.demo = "not found"; return; }
    editor.value = editor.value.slice(0, at) + editor.value.slice(at + replaced.length);
    editor.dispatchEvent(new Event("input"));
    let typedCount = 0;
    const step = () => {
      if (typedCount === typed.length) {
        document.body.dataset.keystrokes = String(typed.length + 1);
        document.addEventListener("analysed", () => {
          document.body.dataset.editor = editor.value;
          document.body.dataset.demo = "done";
        }, { once: true });
        return;
      }
      const position = at + typedCount;
      editor.value = editor.value.slice(0, position) + typed[typedCount] + editor.value.slice(position);
      typedCount++;
      editor.dispatchEvent(new Event("input"));
      setTimeout(step, 40);
    };
    setTimeout(step, 40);
  });
}

start().catch((error) => setStatus("The page could not start: " + error, true));
</script>
</body>
</html>
"""#

    /// A small page for a refused request, for a browser that navigated or posted a form.
    static func errorPage(_ error: ServerError) -> String {
        let escape = XMLText.escaped
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(error.status): CNNCalc</title>
            <style>body { font: 15px/1.5 system-ui, sans-serif; margin: 40px; color: #1d2330; } h1 { font-size: 20px; color: #c62828; }</style>
            </head><body><h1>\(error.status): \(escape(error.problem))</h1>
            \(error.fix.map { "<p>\(escape($0))</p>" } ?? "")
            <p><a href="/">Back to CNNCalc</a></p></body></html>

            """
    }
}
