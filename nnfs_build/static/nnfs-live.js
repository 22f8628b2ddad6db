/* nnfs-live.js: run a page's code cells in the browser with Pyodide (nnfs_build/live.py).
 *
 * window.NNFS_LIVE (written into the page by the build) gives the site-relative
 * URLs of Pyodide's core, of the repository files the page imports (the library's
 * own modules, copied by the build) and of any browser wheels, and a prelude.
 * Nothing is downloaded until the reader presses "Run here"; then everything comes
 * from this site. Cells the build marked .nnfs-live-cell become editable.
 */
(function () {
  "use strict";
  const settings = window.NNFS_LIVE;
  // Runs one cell: statements, then shows the value of a final expression (as Jupyter does).
  const HOME = "/home/pyodide";
  const RUNNER = `
import ast, sys
if "${HOME}" not in sys.path:
    sys.path.insert(0, "${HOME}")
def _nnfs_run_cell(source, namespace):
    tree = ast.parse(source, "<cell>")
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
        if value is not None:
            print(repr(value))
`;
  let python = null;      // the promise of a ready Pyodide
  let output = null;      // where the running cell's printed lines go

  const url = (relative) => new URL(relative, document.baseURI).href;

  async function startPython(status) {
    status.textContent = "Starting Python in your browser (loading about 13 MB from this site, once)…";
    const started = performance.now();
    const {loadPyodide} = await import(url(settings.pyodide + "pyodide.mjs"));
    const pyodide = await loadPyodide({indexURL: url(settings.pyodide)});
    const write = (text) => { if (output) output.textContent += text + "\n"; };
    pyodide.setStdout({batched: write});
    pyodide.setStderr({batched: write});
    for (const [path, href] of Object.entries(settings.files)) {
      const text = await (await fetch(url(href))).text();
      const full = `${HOME}/${path}`;
      pyodide.FS.mkdirTree(full.split("/").slice(0, -1).join("/"));
      pyodide.FS.writeFile(full, text);
    }
    if (settings.packages.length) await pyodide.loadPackage(settings.packages.map(url));
    const namespace = pyodide.globals.get("dict")();
    pyodide.runPython(RUNNER, {globals: namespace});
    pyodide.runPython(settings.prelude, {globals: namespace});
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    status.textContent = `Python ${pyodide.version} is running in your browser (started in ${seconds} s). ` +
      "Edit a cell marked “live” and press its Run button.";
    document.documentElement.dataset.nnfsLive = "ready";  // for tests
    return {pyodide, namespace};
  }

  async function run(cell, editor, out, button) {
    button.disabled = true;
    out.textContent = "";
    out.classList.remove("nnfs-live-error");
    try {
      const {pyodide, namespace} = await python;
      output = out;
      const runCell = namespace.get("_nnfs_run_cell");
      runCell(editor.value, namespace);
    } catch (error) {
      // A Python exception in the reader's code: show its traceback, like a notebook.
      out.textContent += String(error.message || error);
      out.classList.add("nnfs-live-error");
    } finally {
      output = null;
      if (!out.textContent) out.textContent = "(no output)";
      button.disabled = false;
    }
  }

  function makeLive(cell, n) {
    const source = cell.querySelector(".cell_input pre");
    const editor = document.createElement("textarea");
    editor.value = source.textContent.replace(/\n$/, "");
    editor.rows = Math.min(20, editor.value.split("\n").length + 1);
    editor.spellcheck = false;
    editor.className = "nnfs-live-editor";
    editor.id = `nnfs-live-editor-${n}`;
    editor.setAttribute("aria-label", `Live cell ${n + 1}: Python code you can edit`);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "nnfs-live-run";
    button.textContent = `Run cell ${n + 1}`;
    const out = document.createElement("pre");
    out.className = "nnfs-live-output";
    out.setAttribute("role", "log");  // a live region that may carry a name
    out.setAttribute("aria-label", `Output of live cell ${n + 1}, computed in your browser`);
    button.addEventListener("click", () => run(cell, editor, out, button));
    editor.addEventListener("keydown", (event) => {  // Shift+Enter runs, as in Jupyter
      if (event.key === "Enter" && event.shiftKey) { event.preventDefault(); button.click(); }
    });
    const box = document.createElement("div");
    box.className = "nnfs-live-box";
    box.append(editor, button, out);
    cell.querySelector(".cell_input").replaceWith(box);
  }

  function setUp() {
    const cells = Array.from(document.querySelectorAll(".nnfs-live-cell"));
    if (!settings || !cells.length) return;
    const panel = document.createElement("aside");
    panel.className = "nnfs-live-panel";
    panel.setAttribute("aria-label", "Run this page's code in your browser");
    const text = document.createElement("p");
    text.textContent = `Live code: ${settings.description} “Run here” starts Python in your ` +
      "browser (Pyodide, served by this site: no server, nothing is sent anywhere) and makes the " +
      `${cells.length} cells that need nothing else editable; each shows its output below it.`;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "nnfs-live-start";
    button.textContent = "Run here";
    const status = document.createElement("p");
    status.className = "nnfs-live-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", () => {
      button.disabled = true;
      python = startPython(status);
      python.catch((error) => { status.textContent = `Python could not start: ${error}`; });
      cells.forEach(makeLive);
    });
    panel.append(text, button, status);
    cells[0].before(panel);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
