/* nnfs-interactive.js: draws every interactive figure of the book.
 *
 * Each figure (nnfs_build/interactive.py) holds its spec as JSON: controls,
 * panels and one precomputed frame per combination of control values (the
 * format is documented in nnfs_lib/interactive/spec.py). This script only looks
 * frames up and draws them as SVG: it computes no number the reader sees.
 * Controls are native <input type=range> and <select> (keyboard-usable); the
 * frame's numbers are stated in an aria-live paragraph.
 */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const W = 460, H = 340;                       // one panel, in SVG units
  const M = {left: 58, right: 24, top: 48, bottom: 46};

  function el(tag, attrs, parent) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  // About five round tick values covering [lo, hi].
  function ticks(lo, hi) {
    const raw = (hi - lo) / 5, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) out.push(+t.toFixed(10));
    return out;
  }

  // One panel: axes, ticks and labels drawn once; returns scales and the group for data.
  function makePanel(svg, spec, index) {
    const p = spec.panels[index], x0 = index * W;
    const [xa, xb] = p.xlim, [ya, yb] = p.ylim;
    const sx = (x) => x0 + M.left + ((x - xa) / (xb - xa)) * (W - M.left - M.right);
    const sy = (y) => M.top + ((yb - y) / (yb - ya)) * (H - M.top - M.bottom);
    const axes = el("g", {}, svg);
    for (const t of ticks(xa, xb)) {
      el("line", {x1: sx(t), x2: sx(t), y1: sy(ya), y2: sy(yb), class: "ix-grid"}, axes);
      el("text", {x: sx(t), y: sy(ya) + 16, "text-anchor": "middle"}, axes).textContent = t;
    }
    for (const t of ticks(ya, yb)) {
      el("line", {x1: sx(xa), x2: sx(xb), y1: sy(t), y2: sy(t), class: "ix-grid"}, axes);
      el("text", {x: sx(xa) - 6, y: sy(t) + 4, "text-anchor": "end"}, axes).textContent = t;
    }
    el("rect", {x: sx(xa), y: sy(yb), width: sx(xb) - sx(xa), height: sy(ya) - sy(yb), class: "ix-axis"}, axes);
    el("text", {x: (sx(xa) + sx(xb)) / 2, y: H - 8, "text-anchor": "middle"}, axes).textContent = p.xlabel;
    const yl = el("text", {x: 0, y: 0, "text-anchor": "middle",
      transform: `translate(${x0 + 14},${(sy(ya) + sy(yb)) / 2}) rotate(-90)`}, axes);
    yl.textContent = p.ylabel;
    if (p.title) el("text", {x: (sx(xa) + sx(xb)) / 2, y: 40, "text-anchor": "middle"}, axes).textContent = p.title;
    const clip = `nnfs-ix-clip-${spec.name}-${index}`;
    const defs = el("defs", {}, svg);
    el("rect", {x: sx(xa), y: sy(yb), width: sx(xb) - sx(xa), height: sy(ya) - sy(yb)},
      el("clipPath", {id: clip}, defs));
    return {sx, sy, data: el("g", {"clip-path": `url(#${clip})`}, svg)};
  }

  function drawField(g, s, P) {
    const dx = (s.x1 - s.x0) / s.nx, dy = (s.y1 - s.y0) / s.ny;
    const w = P.sx(s.x0 + dx) - P.sx(s.x0) + 0.5, h = P.sy(s.y0) - P.sy(s.y0 + dy) + 0.5;
    s.z.forEach((z, i) => {
      if (z === null) return;
      const col = i % s.nx, row = Math.floor(i / s.nx);
      const cls = Math.floor(z), level = z - cls;
      const attrs = {x: P.sx(s.x0 + col * dx), y: P.sy(s.y0 + (row + 1) * dy), width: w, height: h};
      if (s.shade === "level") Object.assign(attrs, {class: "ix-level", "fill-opacity": 0.45 * (1 - level)});
      else Object.assign(attrs, {class: `ix-c${cls % 4}`, "stroke-width": 0, "fill-opacity": 0.1 + 0.45 * level});
      el("rect", attrs, g);
    });
  }

  function drawLine(g, s, P) {
    // A null y (a diverged run) breaks the line.
    let d = "", pen = false;
    s.x.forEach((x, i) => {
      const y = s.y[i];
      if (x === null || y === null) { pen = false; return; }
      d += `${pen ? "L" : "M"}${P.sx(x).toFixed(1)},${P.sy(y).toFixed(1)}`;
      pen = true;
      if (s.marker) el("circle", {cx: P.sx(x), cy: P.sy(y), r: 2.5, class: `ix-c${s.colour}`}, g);
    });
    el("path", {d, class: `ix-line ix-c${s.colour}`, "stroke-width": s.width || 2,
      "stroke-dasharray": s.dash ? "6 4" : "none"}, g);
  }

  function drawPoints(g, s, P) {
    s.x.forEach((x, i) => {
      if (x === null || s.y[i] === null) return;
      const c = s.classes ? s.classes[i] % 4 : s.colour;
      el("circle", {cx: P.sx(x), cy: P.sy(s.y[i]), r: s.size || 4, class: `ix-pt ix-c${c}`}, g);
    });
  }

  function draw(fig, key) {
    const frame = fig.spec.frames[key];
    const series = frame.layers.flatMap((name) => fig.spec.layers[name]).concat(frame.series);
    fig.panels.forEach((P) => P.data.replaceChildren());
    // Fields first, so lines and points stay visible on top of them.
    const order = series.filter((s) => s.kind === "field").concat(series.filter((s) => s.kind !== "field"));
    for (const s of order) {
      const P = fig.panels[s.panel];
      ({field: drawField, line: drawLine, points: drawPoints})[s.kind](P.data, s, P);
    }
    fig.status.textContent = frame.text;
    fig.live.dataset.frame = key;  // for tests: which frame is shown
  }

  function legend(svg, spec) {
    const names = spec.palette.map((n, i) => [n, i]).filter(([n]) => n);
    const g = el("g", {"aria-hidden": "true"}, svg);
    let x = M.left;
    for (const [name, i] of names) {
      el("rect", {x, y: 6, width: 12, height: 12, class: `ix-c${i}`}, g);
      el("text", {x: x + 16, y: 16}, g).textContent = name;
      x += 28 + 7.5 * name.length;  // an estimate until the text can be measured
    }
    return g;
  }

  // Once the figure is shown, space the legend by the widths of its words in
  // the font the page really uses (wider fonts made neighbours overlap).
  function spaceLegend(g) {
    let x = M.left;
    const items = Array.from(g.querySelectorAll("rect"));
    for (const rect of items) {
      const text = rect.nextElementSibling;
      const width = text.getComputedTextLength();
      if (!(width > 0)) return;  // not laid out (hidden): keep the estimate
      rect.setAttribute("x", x);
      text.setAttribute("x", x + 16);
      x += 28 + width;
    }
  }

  function setUp(figure, n) {
    const live = figure.querySelector(".nnfs-ix-live");
    const spec = JSON.parse(figure.querySelector("script.nnfs-ix-data").textContent);
    const uid = `nnfs-ix-${spec.name}-${n}`;
    const controls = document.createElement("div");
    controls.className = "nnfs-ix-controls";
    const state = spec.controls.map((c) => c.default);
    const fig = {spec, live};
    spec.controls.forEach((c, i) => {
      const label = document.createElement("label");
      label.textContent = c.label + " ";
      let input;
      if (c.kind === "select") {
        input = document.createElement("select");
        c.labels.forEach((text, j) => input.add(new Option(text, j)));
        input.value = c.default;
      } else {
        input = document.createElement("input");
        Object.assign(input, {type: "range", min: 0, max: c.values.length - 1, step: 1, value: c.default});
      }
      input.id = `${uid}-${c.id}`;
      input.dataset.control = c.id;
      const out = document.createElement("output");
      out.htmlFor = input.id;
      const show = () => {
        out.textContent = c.kind === "range" ? c.labels[state[i]] : "";
        if (c.kind === "range") input.setAttribute("aria-valuetext", `${c.label} ${c.labels[state[i]]}`);
      };
      input.addEventListener("input", () => {
        state[i] = +input.value;
        show();
        draw(fig, state.join(","));
      });
      show();
      label.append(input, out);
      controls.appendChild(label);
    });
    const svg = el("svg", {viewBox: `0 0 ${W * spec.panels.length} ${H}`, role: "img",
      "aria-label": `${spec.title}; the numbers are stated below the figure.`});
    svg.style.maxWidth = `${1.3 * W * spec.panels.length}px`;  // text stays near the page's size
    const key = legend(svg, spec);
    fig.panels = spec.panels.map((_, i) => makePanel(svg, spec, i));
    fig.status = document.createElement("p");
    fig.status.className = "nnfs-ix-status";
    fig.status.setAttribute("aria-live", "polite");
    live.append(controls, svg, fig.status);
    draw(fig, state.join(","));
    live.hidden = false;
    spaceLegend(key);
    figure.classList.add("nnfs-ix-ready");
  }

  let mounted = 0;
  function mount(figure) {
    setUp(figure, mounted++);
  }
  function start() {
    document.querySelectorAll("figure.nnfs-ix").forEach(mount);
  }
  // Binder's JupyterLab extension (binder/nnfs-binder) builds a figure
  // the same way, after the page has loaded, and mounts it with this.
  window.nnfsInteractive = {mount};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
