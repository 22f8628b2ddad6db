// One plugin of the nnfs-binder JupyterLab extension (see remoteEntry.js):
// draw the book's own directives and resolve what a notebook cannot.
//
// Why: on Binder a chapter opens as a notebook and jupyterlab-myst renders its
// Markdown. It knows standard MyST, but three directives of the site's build
// it shows as a collapsed "<name> - Unknown Directive" box:
//
//   glue:figure       myst-nb's figure glued by a code cell, with its caption;
//   nnfs-video        one of the book's animations (nnfs_build/video.py);
//   nnfs-interactive  an interactive figure (nnfs_build/interactive.py).
//
// This plugin draws each of them in place of its box, as the site does:
//
// - a glued figure takes its image from the notebook's own outputs (the
//   output that myst-nb's glue() marked with the figure's name); until the
//   cell has run, the place says so. When the figure is used in the Markdown
//   cell right after the cell that draws it, the cell's own copy of the image
//   is hidden, so the reader sees it once, with its caption, as on the site;
// - a video plays the committed book/videos/<name>.mp4 (served by Jupyter's
//   files handler) with its poster, caption and text description;
// - an interactive figure is built by the site's own script from the spec the
//   site embeds; its controls keep the keys they answer while focused
//   (data-lm-suppress-shortcuts), so an arrow moves the slider, not JupyterLab.
//
// It also resolves what a notebook cannot by itself, with the site's words
// from references.json: citations ({cite}, shown "[GBC16]" with the full
// reference as the link's title and the link going to its entry of the
// bibliography, as on the site), references to a label on
// another page ({prf:ref}, {ref}, {numref}, {eq}: "Definition 1.1", linked to
// the site) and {doc} links (the page's title); a reference to one of this
// chapter's glued or code-cell figures links to it in the notebook. It gives
// this chapter's labelled figures, equations, blocks and exercises the site's
// numbers ("Proposition 9.1" where jupyterlab-myst counted "Proposition 1"),
// takes away the numbers the site does not show (a proof's, an unlabelled
// equation's), puts the site's section numbers before the headings ("2.1."),
// and shows a code cell's figure caption (mystnb.figure metadata) under its
// image. The notebook's Markdown tree is rewritten before it is drawn (and
// redrawn if it was drawn before references.json arrived).
//
// Captions are Markdown, rendered by the notebook's own Markdown renderer
// (jupyterlab-myst), so their math and roles look like the cells around them.
// The videos' text, the figures' specs and the site's script and style sheet
// are written into this folder by `python -m nnfs_build.binder`, which
// binder/postBuild runs; the plugin fetches them from JupyterLab's server.
//
// Replaced boxes stay in the page, hidden, marked data-nnfs-replaced; what
// could not be drawn is marked data-nnfs-error with the reason (the Binder
// suite, tests/binder, fails on either a leftover box or an error).
(function () {
  'use strict';
  const NAME = 'nnfs-binder';
  const DIRECTIVES = ['glue:figure', 'nnfs-video', 'nnfs-interactive'];
  const FACTORIES = ['Notebook', 'Jupytext Notebook'];
  const UNKNOWN = /^\s*(\S+)\s*-\s*Unknown Directive\s*$/;

  let serverBase = '/';
  const fetched = new Map();
  const loaded = new Map();

  function staticUrl(file) {
    return serverBase + 'lab/extensions/' + NAME + '/static/' + file;
  }

  function filesUrl(path) {
    return serverBase + 'files/' + path.split('/').map(encodeURIComponent).join('/');
  }

  function fetchJSON(url) {
    if (!fetched.has(url)) {
      fetched.set(
        url,
        fetch(url, { credentials: 'same-origin' }).then(response => {
          if (!response.ok) {
            throw new Error(url + ': HTTP ' + response.status);
          }
          return response.json();
        })
      );
    }
    return fetched.get(url);
  }

  // One <script> or <link> per URL, loaded once.
  function load(url, tag) {
    if (!loaded.has(url)) {
      loaded.set(
        url,
        new Promise((resolve, reject) => {
          const element = document.createElement(tag);
          if (tag === 'script') {
            element.src = url;
          } else {
            element.rel = 'stylesheet';
            element.href = url;
          }
          element.onload = () => resolve();
          element.onerror = () => reject(new Error('could not load ' + url));
          document.head.appendChild(element);
        })
      );
    }
    return loaded.get(url);
  }

  // A directive's body: ":key: value" option lines, then the content.
  function parseBody(value) {
    const lines = (value || '').split('\n');
    const options = {};
    let i = 0;
    for (; i < lines.length; i++) {
      const option = /^:([\w-]+):\s*(.*)$/.exec(lines[i]);
      if (!option) {
        break;
      }
      options[option[1]] = option[2].trim();
    }
    return { options: options, content: lines.slice(i).join('\n').trim() };
  }

  function directivesIn(mdast) {
    const found = [];
    (function walk(node) {
      if (node.type === 'mystDirective' && DIRECTIVES.includes(node.name)) {
        found.push(node);
      }
      (node.children || []).forEach(walk);
    })(mdast);
    return found;
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    (children || []).forEach(child =>
      node.append(typeof child === 'string' ? document.createTextNode(child) : child)
    );
    return node;
  }

  function showError(target, message) {
    target.replaceChildren(
      element('p', { class: 'nnfs-directive-error' }, ['This figure could not be shown: ' + message])
    );
    target.setAttribute('data-nnfs-error', message);
    console.error(NAME + ': ' + message);
  }

  // Markdown (math, roles) rendered by the notebook's Markdown renderer. A
  // caption is a document of its own there, so its references are turned into
  // links first (linkRoles).
  function renderMarkdown(panel, text, into) {
    if (!text) {
      return Promise.resolve();
    }
    return referencesReady.then(() => {
      const renderer = panel.content.rendermime.createRenderer('text/markdown');
      const model = {
        trusted: true,
        data: { 'text/markdown': linkRoles(text, panel) },
        metadata: {},
        setData: () => undefined
      };
      return renderer.renderModel(model).then(() => {
        into.appendChild(renderer.node);
      });
    });
  }

  // An equation of this notebook, as jupyterlab-myst numbered it.
  function equationOf(panel, label) {
    let found = null;
    panel.content.widgets.forEach(cell => {
      (function walk(node) {
        if (found || !node) {
          return;
        }
        if (
          node.type === 'math' &&
          String(node.identifier).toLowerCase() === label.toLowerCase() &&
          node.enumerator
        ) {
          found = node;
        }
        (node.children || []).forEach(walk);
      })(cell.mystModel && cell.mystModel.mdast);
    });
    return found;
  }

  // {cite}, {prf:ref}, {ref}, {numref}, {doc} and {eq} roles of a caption, as Markdown links.
  function linkRoles(text, panel) {
    if (!references) {
      return text.replace(/\{(glue:text|glue)\}`([^`]*)`/g, (whole, role, body) =>
        root.nnfsPageText.glueRole(body, panel)
      );
    }
    return text.replace(/\{([a-z:]+)\}`([^`]*)`/g, (whole, role, body) => {
      if (role === 'glue:text' || role === 'glue') {
        return root.nnfsPageText.glueRole(body, panel);
      }
      const explicit = /^(.*?)\s*<([^>]+)>$/.exec(body);
      const label = (explicit ? explicit[2] : body).trim();
      const named = (words, url) => '[' + (explicit ? explicit[1] : words) + '](' + url + ')';
      if (role === 'cite' || role.startsWith('cite:')) {
        const entries = label.split(',').map(key => references.citations[key.trim()]);
        return entries.every(Boolean)
          ? '[' + entries.map(entry => '[' + entry.label + '](' + entry.url + ')').join(', ') + ']'
          : whole;
      }
      if (role === 'doc') {
        const page = references.pages[pageOf(label, panel.context.path)];
        return page ? named(page.text, page.url) : whole;
      }
      if (role === 'eq') {
        // This chapter's equation in the notebook; another chapter's on the site.
        const equation = equationOf(panel, label);
        if (equation) {
          return '[(' + equation.enumerator + ')](#' + (equation.html_id || label) + ')';
        }
        const elsewhere = targetOf(label);
        return elsewhere ? '[' + elsewhere.text + '](' + elsewhere.url + ')' : whole;
      }
      const target = targetOf(label);
      if (!target || !['prf:ref', 'ref', 'numref'].includes(role)) {
        return whole;
      }
      const here = target.page === chapterOf(panel.context.path);
      return named(target.text, here ? '#' + target.label : target.url);
    });
  }

  // The output myst-nb's glue() marked with `name`, and where it is.
  function gluedOutput(panel, name) {
    const cells = panel.content.widgets;
    for (let i = 0; i < cells.length; i++) {
      const model = cells[i].model;
      if (model.type !== 'code') {
        continue;
      }
      for (let j = 0; j < model.outputs.length; j++) {
        const output = model.outputs.get(j);
        const scrap = (output.metadata || {}).scrapbook;
        if (scrap && scrap.name === name) {
          const prefix = scrap.mime_prefix || '';
          const png = output.data[prefix + 'image/png'];
          const svg = output.data[prefix + 'image/svg+xml'];
          const source = png
            ? 'data:image/png;base64,' + String(png).replace(/\s/g, '')
            : svg
              ? 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(String(svg))
              : null;
          return { cell: i, output: j, source: source };
        }
      }
    }
    return null;
  }

  function drawGlueFigure(panel, node, figure) {
    const { content } = parseBody(node.value);
    figure.className = 'nnfs-directive nnfs-glue-figure';
    const frame = element('div', { class: 'nnfs-glue-frame' });
    const caption = element('figcaption');
    figure.replaceChildren(frame, caption);
    figure.nnfsUpdate = () => updateGlueFigure(panel, node.args, figure, frame, caption);
    return renderMarkdown(panel, content, caption).then(() => {
      numberCaption(figure, caption);
      figure.nnfsUpdate();
    });
  }

  function updateGlueFigure(panel, args, figure, frame, caption) {
    const name = String(args || '').trim();
    const found = gluedOutput(panel, name);
    const source = found && found.source;
    // The caption describes the figure, so it is the image's alt text too.
    const alt = caption.textContent.replace(/\s+/g, ' ').trim() || name;
    if (source === figure.nnfsSource) {
      const img = frame.querySelector('img');
      if (img && img.alt !== alt) {
        img.alt = alt;
      }
      return;
    }
    figure.nnfsSource = source;
    if (source) {
      frame.replaceChildren(element('img', { src: source, alt: alt }));
      figure.removeAttribute('data-nnfs-waiting');
    } else {
      frame.replaceChildren(
        element('p', { class: 'nnfs-glue-waiting' }, [
          'This figure appears here once the cell that draws it has run ',
          '(Run \u25b8 Run All Cells).'
        ])
      );
      figure.setAttribute('data-nnfs-waiting', name);
    }
  }

  // Hide a glued figure's own output when its caption's cell comes right after it.
  function hideAdjacentGlueOutputs(panel, markdownIndex, node) {
    const found = gluedOutput(panel, String(node.args || '').trim());
    if (!found || found.cell !== markdownIndex - 1) {
      return;
    }
    const area = panel.content.widgets[found.cell].outputArea;
    const child = area && area.widgets[found.output];
    if (child && !child.hasClass('nnfs-glued-below')) {
      child.addClass('nnfs-glued-below');
    }
  }

  function drawVideo(panel, node, figure) {
    const name = String(node.args || '').trim();
    figure.className = 'nnfs-directive nnfs-video';
    return fetchJSON(staticUrl('videos.json')).then(videos => {
      const scene = videos[name];
      if (!scene) {
        throw new Error('no video named ' + JSON.stringify(name) + ' in videos.json');
      }
      const described = 'nnfs-video-description-' + name;
      const source = filesUrl(scene.video);
      const video = element(
        'video',
        {
          controls: '',
          preload: 'none',
          playsinline: '',
          width: '1280',
          height: '720',
          poster: filesUrl(scene.poster),
          'aria-label': scene.title,
          'aria-describedby': described
        },
        [
          element('source', { src: source, type: 'video/mp4' }),
          element('p', {}, [
            'Your browser cannot play this video: ',
            element('a', { href: source, download: '' }, ['download it']),
            '; the description below says what it shows.'
          ])
        ]
      );
      const caption = element('figcaption', {}, [scene.caption]);
      numberCaption(figure, caption);
      figure.replaceChildren(
        video,
        caption,
        element('p', { id: described, class: 'nnfs-video-description' }, [
          element('strong', {}, ['What the animation shows: ']),
          scene.description
        ])
      );
    });
  }

  function drawInteractive(panel, node, figure) {
    const name = String(node.args || '').trim();
    const { content } = parseBody(node.value);
    figure.className = 'nnfs-directive nnfs-ix';
    const live = element('div', { class: 'nnfs-ix-live', hidden: '', 'data-figure': name });
    const data = element('script', { type: 'application/json', class: 'nnfs-ix-data' });
    const caption = element('figcaption');
    return Promise.all([
      fetchJSON(staticUrl('interactive/' + encodeURIComponent(name) + '.json')),
      load(staticUrl('nnfs-interactive.css'), 'link'),
      load(staticUrl('nnfs-interactive.js'), 'script')
    ]).then(([spec]) => {
      data.textContent = JSON.stringify(spec);
      figure.replaceChildren(live, data, caption);
      window.nnfsInteractive.mount(figure);
      // The keys a focused slider or menu answers (arrows, Home/End,
      // PageUp/PageDown) are the control's, not JupyterLab's: Lumino matches a
      // shortcut's selector from the focused element up, and stops at an
      // element with this attribute. It must be on the control itself, which
      // the notebook's selectors (".jp-mod-commandMode ... :focus") match
      // first; so no shortcut folds a heading's cells or moves to another cell.
      figure.querySelectorAll('.nnfs-ix-controls input, .nnfs-ix-controls select').forEach(control =>
        control.setAttribute('data-lm-suppress-shortcuts', 'true')
      );
      return renderMarkdown(panel, content, caption).then(() => numberCaption(figure, caption));
    });
  }

  // --- Links out of the notebook: citations, labels and pages of other chapters.
  let references = null;
  let listings = null; // listings.json: each page's literalinclude listings, as the site shows them
  let settleReferences;
  // Resolves once references.json has arrived (or failed to: captions are then
  // drawn without links, and the failure is in the browser's console).
  const referencesReady = new Promise(resolve => {
    settleReferences = resolve;
  });
  const paths = new WeakMap(); // notebook widget -> the chapter's path
  let titles = new Map(); // a citation's label -> its formatted reference
  let targets = new Map(); // a label, lower-cased as jupyterlab-myst's identifiers are -> its link

  function targetOf(identifier) {
    return identifier ? targets.get(String(identifier).toLowerCase()) : undefined;
  }

  // Plain words with $math$ and `code` of a title, as Markdown-tree nodes.
  function words(text) {
    return text
      .split(/(\$[^$]+\$|`[^`]+`)/)
      .filter(part => part)
      .map(part =>
        part.startsWith('$')
          ? { type: 'inlineMath', value: part.slice(1, -1) }
          : part.startsWith('`')
            ? { type: 'inlineCode', value: part.slice(1, -1) }
            : { type: 'text', value: part }
      );
  }

  function link(url, children, title) {
    const node = { type: 'link', url: url, children: children };
    if (title) {
      node.title = title;
    }
    return node;
  }

  function citation(label) {
    const entry = references.citations[label];
    return entry && link(entry.url, [{ type: 'text', value: entry.label }], entry.text);
  }

  // "book/part2/matrix_form.md" -> "book/part2/matrix_form", as references.json names pages.
  function chapterOf(path) {
    return String(path || '').replace(/\.(md|ipynb)$/, '');
  }

  // "../appendix/performance" from "book/part2/matrix_form.md" -> "book/appendix/performance".
  function pageOf(url, notebookPath) {
    const parts = notebookPath.split('/').slice(0, -1);
    for (const part of url.split('#')[0].split('/')) {
      if (part === '..') {
        parts.pop();
      } else if (part && part !== '.') {
        parts.push(part);
      }
    }
    return parts.join('/').replace(/\.(md|ipynb)$/, '');
  }

  // The nodes to put in place of `node`, or null to leave it.
  function resolved(node, notebookPath) {
    if (node.type === 'cite' && node.error) {
      const one = citation(node.label);
      return one && [{ type: 'text', value: '[' }, one, { type: 'text', value: ']' }];
    }
    if (node.type === 'citeGroup') {
      const labels = (node.children || []).map(child => child.label);
      if (!labels.length || !labels.every(label => references.citations[label])) {
        return null;
      }
      const parts = [{ type: 'text', value: '[' }];
      labels.forEach((label, i) => {
        if (i) {
          parts.push({ type: 'text', value: ', ' });
        }
        parts.push(citation(label));
      });
      parts.push({ type: 'text', value: ']' });
      return parts;
    }
    if (node.type === 'crossReference' && !node.resolved) {
      const target = targetOf(node.identifier);
      if (!target) {
        return null;
      }
      // A figure of this chapter that the extension draws carries the label as its id.
      return target.page === chapterOf(notebookPath)
        ? [link('#' + target.label, words(target.text))]
        : [link(target.url, words(target.text), "On the book's site")];
    }
    if (node.type === 'link' && node.internal && notebookPath && !/\.\w+(#|$)/.test(node.url)) {
      const page = references.pages[pageOf(node.url, notebookPath)];
      return page && [link(page.url, words(page.text), "On the book's site")];
    }
    return null;
  }

  // The site's number for a labelled thing of this chapter (jupyterlab-myst counts
  // from 1 in each notebook: "Proposition 1", "(3)"; the site says "Proposition
  // 9.1", "(9.3)"), on the thing itself and on references to it. True if changed.
  function renumber(node, chapter) {
    const target = targetOf(node.identifier);
    if (!target || target.page !== chapter || !target.number) {
      return false;
    }
    if (node.enumerator === undefined || node.enumerator === target.number) {
      return false;
    }
    // A reference keeps its own words when the page gave some ({ref}`words <label>`).
    if (node.type === 'crossReference' && node.template) {
      const text = (node.children || []).map(child => child.value || '').join('');
      if (text === node.template.replace('%s', node.enumerator)) {
        node.children = [{ type: 'text', value: node.template.replace('%s', target.number) }];
      }
    }
    node.enumerator = target.number;
    return true;
  }

  // How many headings a Markdown cell's source holds, outside fences and math
  // blocks (nnfs_build.numbering.headings: the headings the site numbers).
  function headingCount(source) {
    const lines = String(source).split('\n');
    let count = 0;
    for (let i = 0; i < lines.length; i++) {
      const fence = /^(`{3,}|:{3,})/.exec(lines[i]);
      if (fence) {
        const close = fence[1];
        i++;
        while (i < lines.length && lines[i].trim() !== close) {
          i++;
        }
      } else if (/^\$\$/.test(lines[i]) && !/\$\$\s*(\([^)\s]+\))?\s*$/.test(lines[i].slice(2))) {
        i++;
        while (i < lines.length && !/\$\$\s*(\([^)\s]+\))?\s*$/.test(lines[i])) {
          i++;
        }
      } else if (/^#{1,6}\s/.test(lines[i])) {
        count++;
      }
    }
    return count;
  }

  // The site's numbers before this cell's headings ("2.", "2.1.", "2.6.1."), from
  // references.json's sections of the chapter, counted through the cells above.
  // Only a heading of the cell itself (not one inside a directive) is a section.
  // jupyterlab-myst lifts the page's first heading out of the tree into the
  // frontmatter's title (drawn above the cell): it is numbered there.
  function numberSections(tree, panel, cell, frontmatter) {
    const numbers = references.sections && references.sections[chapterOf(panel.context.path)];
    if (!numbers) {
      return false;
    }
    let k = 0;
    for (const other of panel.content.widgets) {
      if (other === cell) {
        break;
      }
      if (other.model.type === 'markdown') {
        k += headingCount(other.model.sharedModel.getSource());
      }
    }
    let inTree = 0;
    (function count(node) {
      (node.children || []).forEach(child => {
        if (child.type === 'heading') {
          inTree++;
        } else if (child.type === 'block' || child.type === 'root') {
          count(child);
        }
      });
    })(tree);
    const lifted = headingCount(cell.model.sharedModel.getSource()) - inTree;
    let changed = false;
    if (lifted > 0 && frontmatter && frontmatter.title && numbers[k]) {
      const title = frontmatter.nnfsTitle || String(frontmatter.title);
      if (frontmatter.title !== numbers[k] + ' ' + title) {
        frontmatter.nnfsTitle = title;
        frontmatter.title = numbers[k] + ' ' + title;
        changed = true;
      }
    }
    k += Math.max(lifted, 0);
    (function walk(node) {
      (node.children || []).forEach(child => {
        if (child.type === 'heading') {
          const number = numbers[k++];
          if (number && child.nnfsSection !== number) {
            const children = (child.children || []).slice(child.nnfsSection ? 1 : 0);
            child.children = [{ type: 'text', value: number + ' ' }, ...children];
            child.nnfsSection = number;
            changed = true;
          }
        } else if (child.type === 'block' || child.type === 'root') {
          walk(child);
        }
      });
    })(tree);
    return changed;
  }

  // Numbers the site does not show: a proof's ("Proof 1": sphinx-proof's proofs
  // are unnumbered) and an unlabelled equation's (jupyterlab-myst numbers every
  // display equation; the site only labelled ones). True if changed.
  function unnumber(node) {
    const proof = node.type === 'proof' && node.kind === 'proof';
    const unlabelled = node.type === 'math' && !node.label;
    if ((proof || unlabelled) && (node.enumerated || node.enumerator !== undefined)) {
      node.enumerated = false;
      delete node.enumerator;
      return true;
    }
    return false;
  }

  // The notebook panel a cell belongs to. A cell JupyterLab has not attached yet
  // (it attaches off-screen cells in idle time) has no parent, so look it up among
  // the notebooks' cells too: its numbers must not wait for it to be attached.
  function panelOf(cell) {
    for (const panel of watched) {
      if (panel.content === cell.parent || panel.content.widgets.includes(cell)) {
        return panel;
      }
    }
    return undefined;
  }

  // Rewrite a cell's Markdown tree in place; true if anything changed. Glued
  // numbers and listings: page-text.js.
  function resolveTree(tree, cell, frontmatter) {
    const panel = cell && panelOf(cell);
    if (!tree || !panel) {
      return false;
    }
    const notebookPath = panel.context.path;
    const pageText = root.nnfsPageText;
    let changed = pageText.glueText(tree, panel);
    if (listings) {
      const shown = listings[chapterOf(notebookPath)] || [];
      changed = pageText.drawListings(tree, panel, cell, shown) || changed;
    }
    if (!references) {
      return changed;
    }
    const chapter = chapterOf(notebookPath);
    changed = numberSections(tree, panel, cell, frontmatter) || changed;
    (function walk(node) {
      changed = unnumber(node) || changed;
      changed = renumber(node, chapter) || changed;
      const children = node.children || [];
      for (let i = 0; i < children.length; i++) {
        const replacement = resolved(children[i], notebookPath);
        if (replacement) {
          children.splice(i, 1, ...replacement);
          i += replacement.length - 1;
          changed = true;
        } else {
          walk(children[i]);
        }
      }
    })(tree);
    return changed;
  }

  // jupyterlab-myst gives each Markdown cell a new model (its tree) whenever the
  // notebook re-renders; rewrite the tree on its way in, before it is drawn.
  function patchCellClass(cell) {
    let owner = Object.getPrototypeOf(cell);
    let descriptor;
    while (owner && !(descriptor = Object.getOwnPropertyDescriptor(owner, 'mystModel'))) {
      owner = Object.getPrototypeOf(owner);
    }
    if (!owner || owner.nnfsPatched || !descriptor || !descriptor.set) {
      return;
    }
    Object.defineProperty(owner, 'mystModel', {
      configurable: true,
      enumerable: descriptor.enumerable,
      get: descriptor.get,
      set: function (model) {
        try {
          resolveTree(model && model.mdast, this, model && model.frontmatter);
        } catch (error) {
          console.error(NAME + ': ' + error);
        }
        descriptor.set.call(this, model);
      }
    });
    owner.nnfsPatched = true;
  }

  // A cell drawn before references.json arrived: rewrite its tree and redraw it.
  function resolveDrawnCell(cell) {
    const model = cell.mystModel;
    if (model && model.mdast && resolveTree(model.mdast, cell, model.frontmatter)) {
      model.mdast = model.mdast;
    }
  }

  // The site's number for the k-th figure of `source` ("glue:figure", "nnfs-video",
  // "nnfs-interactive", "code-cell") of this chapter, e.g. "Fig. 6.3".
  function figureNumber(panel, source, k) {
    const figures = references && references.figures[chapterOf(panel.context.path)];
    const same = (figures || []).filter(figure => figure.source === source);
    return same[k] ? same[k].text : null;
  }

  function numberCaption(figure, caption) {
    if (!figure.nnfsNumber || caption.querySelector('.nnfs-caption-number')) {
      return;
    }
    const number = element('span', { class: 'nnfs-caption-number' }, [figure.nnfsNumber + ' ']);
    const first = caption.querySelector('p') || caption;
    first.prepend(number);
  }

  // A code cell whose figure has a caption in its metadata (mystnb.figure, as the
  // site shows it): the caption, numbered, under the cell's image.
  function captionCell(panel, cell, k) {
    const meta = cell.model.getMetadata ? cell.model.getMetadata('mystnb') : cell.model.metadata.mystnb;
    const figure = meta && meta.figure;
    const area = cell.outputArea;
    if (!figure || !figure.caption || !area || !references) {
      return;
    }
    const image = area.node.querySelector('.jp-OutputArea-output img');
    let caption = cell.nnfsCaption;
    if (!image) {
      if (caption) {
        caption.hidden = true;
      }
      return;
    }
    const alt = meta.image && meta.image.alt;
    if (alt && !image.alt) {
      image.alt = alt;
    }
    if (!caption) {
      caption = element('div', { class: 'nnfs-directive nnfs-cell-caption', role: 'note' });
      if (figure.name) {
        caption.id = figure.name;
      }
      caption.nnfsNumber = figureNumber(panel, 'code-cell', k);
      caption.setAttribute('data-nnfs-drawing', 'code-cell');
      cell.nnfsCaption = caption;
      renderMarkdown(panel, String(figure.caption).trim(), caption)
        .then(() => numberCaption(caption, caption))
        .catch(error => showError(caption, String(error.message || error)))
        .then(() => caption.removeAttribute('data-nnfs-drawing'));
    }
    caption.hidden = false;
    if (caption.parentNode !== area.node || caption.nextSibling) {
      area.node.appendChild(caption); // stays under the outputs when they are redrawn
    }
  }

  // Solutions collapsed as on the site (sphinx-exercise's dropdown): a gated
  // solution ({solution-start} ... {solution-end}) spans several cells; the
  // cells between are hidden (a class on the cell's widget: the notebook's
  // model, and so the .md, is untouched) until the reader presses the button
  // in the solution's title. The cells still run with Run All, as on the site.
  function collapseSolutions(panel) {
    let start = null;
    panel.content.widgets.forEach(cell => {
      const source = cell.model.sharedModel.getSource();
      if (cell.model.type === 'markdown' && /^(`{3,}|:{3,})\{solution-start\}/m.test(source)) {
        start = cell;
        let button = cell.node.querySelector('button.nnfs-solution-toggle');
        if (!button) {
          button = element('button', { class: 'nnfs-solution-toggle', type: 'button' });
          button.addEventListener('click', () => {
            cell.nnfsSolutionOpen = !cell.nnfsSolutionOpen;
            collapseSolutions(panel);
          });
          const title = cell.node.querySelector('.jp-RenderedMarkdown') || cell.node;
          title.appendChild(button);
        }
        button.textContent = cell.nnfsSolutionOpen ? 'Hide solution' : 'Show solution';
        button.setAttribute('aria-expanded', String(!!cell.nnfsSolutionOpen));
        return;
      }
      if (start === null) {
        return;
      }
      const end = cell.model.type === 'markdown' && /\{solution-end\}/.test(source);
      cell.toggleClass('nnfs-solution-hidden', !start.nnfsSolutionOpen && !end);
      if (end) {
        cell.toggleClass('nnfs-solution-hidden', false);
        start = null;
      }
    });
  }

  const DRAW = {
    'glue:figure': drawGlueFigure,
    'nnfs-video': drawVideo,
    'nnfs-interactive': drawInteractive
  };

  // Put each unknown-directive box of ours out of sight and draw the directive after it.
  function scan(panel) {
    // jupyterlab-myst re-renders a cell's Markdown whenever the notebook changes
    // (a cell runs), with new boxes; a drawing whose box is gone is moved to the
    // new box of the same directive, so it is not drawn again (an interactive
    // figure keeps its settings).
    const orphans = Array.from(panel.content.node.querySelectorAll('figure.nnfs-directive')).filter(
      figure => !figure.nnfsBox || !figure.nnfsBox.isConnected
    );
    const cells = panel.content.widgets;
    const before = {}; // directives of each name in the cells above this one
    let cellFigures = 0;
    cells.forEach((cell, index) => {
      if (cell.model.type === 'code') {
        const meta = cell.model.getMetadata ? cell.model.getMetadata('mystnb') : cell.model.metadata.mystnb;
        if (meta && meta.figure) {
          captionCell(panel, cell, cellFigures++);
        }
        return;
      }
      if (cell.model.type !== 'markdown' || !cell.mystModel || !cell.mystModel.mdast) {
        return;
      }
      const counted = directivesIn(cell.mystModel.mdast);
      const offset = Object.assign({}, before);
      counted.forEach(n => {
        before[n.name] = (before[n.name] || 0) + 1;
      });
      patchCellClass(cell);
      resolveDrawnCell(cell);
      const boxes = Array.from(cell.node.querySelectorAll('details')).filter(box => {
        const summary = box.querySelector('summary');
        const match = summary && UNKNOWN.exec(summary.textContent);
        return match && DIRECTIVES.includes(match[1]);
      });
      if (!boxes.length) {
        return;
      }
      const nodes = directivesIn(cell.mystModel.mdast);
      const seen = {};
      boxes.forEach(box => {
        const name = UNKNOWN.exec(box.querySelector('summary').textContent)[1];
        const k = (seen[name] = (seen[name] || 0) + 1) - 1;
        const node = nodes.filter(n => n.name === name)[k];
        if (!node) {
          return;
        }
        // (Drawn again once references.json has arrived: the caption's links and number.)
        // (And again when a number glued into its caption changes.)
        const glued = (node.value || '').replace(/[\s\S]*?\{glue(?::text)?\}`([^`]*)`|[\s\S]+$/g, (w, b) =>
          b ? root.nnfsPageText.glueRole(b, panel) + '\u0000' : ''
        );
        const key = [cell.model.id, name, node.args, node.value, !!references, glued].join('\u0000');
        let figure = box.nnfsFigure;
        if (!figure || figure.nnfsKey !== key || !figure.isConnected) {
          if (figure) {
            figure.remove();
          }
          const reused = orphans.findIndex(orphan => orphan.nnfsKey === key);
          if (reused >= 0) {
            figure = orphans.splice(reused, 1)[0];
          } else {
            figure = element('figure', {});
            const id = parseBody(node.value).options.name;
            if (id) {
              figure.id = id;
            }
            figure.nnfsKey = key;
            figure.nnfsNumber = figureNumber(panel, name, (offset[name] || 0) + k);
            figure.setAttribute('data-nnfs-drawing', name);
            DRAW[name](panel, node, figure)
              .catch(error => showError(figure, String(error.message || error)))
              .then(() => figure.removeAttribute('data-nnfs-drawing'));
          }
          figure.nnfsBox = box;
          box.nnfsFigure = figure;
          box.setAttribute('data-nnfs-replaced', name);
          box.after(figure);
        }
        if (figure.nnfsUpdate) {
          figure.nnfsUpdate();
        }
        if (name === 'glue:figure') {
          hideAdjacentGlueOutputs(panel, index, node);
        }
      });
    });
    collapseSolutions(panel);
    // Drawings whose directive is gone (the reader edited it away) go too.
    orphans.forEach(figure => figure.remove());
    // A citation's full reference, on hover, as on the site.
    panel.content.node.querySelectorAll('a[href*="bibliography.html#"]:not([title])').forEach(a => {
      const text = titles.get(a.textContent.trim());
      if (text) {
        a.title = text;
      }
    });
  }

  const watched = new Set();

  function watch(panel) {
    paths.set(panel.content, panel.context.path);
    panel.context.pathChanged.connect((_, path) => paths.set(panel.content, path));
    watched.add(panel);
    panel.disposed.connect(() => watched.delete(panel));
    let pending = null;
    const schedule = () => {
      if (pending === null) {
        pending = setTimeout(() => {
          pending = null;
          try {
            scan(panel);
          } catch (error) {
            console.error(NAME + ': ' + error);
          }
        }, 150);
      }
    };
    panel.nnfsSchedule = schedule;
    const observer = new MutationObserver(schedule);
    observer.observe(panel.content.node, { childList: true, subtree: true });
    panel.disposed.connect(() => observer.disconnect());
    schedule();
  }

  const plugin = {
    id: NAME + ':book-directives',
    description:
      "Draw the book's glue:figure, nnfs-video and nnfs-interactive directives; link citations and other chapters to the site.",
    autoStart: true,
    activate: function (app) {
      serverBase = app.serviceManager.serverSettings.baseUrl;
      // figure-theme.css: the figures in JupyterLab's dark theme, with the site's filter.
      for (const sheet of [staticUrl('book-directives.css'), staticUrl('figure-theme.css')]) {
        load(sheet, 'link').catch(error => console.error(NAME + ': ' + error));
      }
      fetchJSON(staticUrl('listings.json'))
        .then(data => {
          listings = data;
          watched.forEach(panel => panel.nnfsSchedule());
        })
        .catch(error => console.error(NAME + ': ' + error));
      fetchJSON(staticUrl('references.json'))
        .then(data => {
          references = data;
          titles = new Map(Object.values(data.citations).map(entry => [entry.label, entry.text]));
          targets = new Map(
            Object.entries(data.targets).map(([label, entry]) => [
              label.toLowerCase(),
              Object.assign({ label: label }, entry)
            ])
          );
          watched.forEach(panel => panel.nnfsSchedule());
        })
        .catch(error => console.error(NAME + ': ' + error))
        .then(() => settleReferences());
      const registry = app.docRegistry;
      const connected = new Set();
      function connect() {
        FACTORIES.forEach(name => {
          const factory = registry.getWidgetFactory(name);
          if (factory && !connected.has(name)) {
            connected.add(name);
            factory.widgetCreated.connect((_, panel) => watch(panel));
          }
        });
      }
      connect();
      registry.changed.connect(connect);
    }
  };

  const root = typeof window !== 'undefined' ? window : self;
  root.nnfsBinderPlugins = root.nnfsBinderPlugins || {};
  root.nnfsBinderPlugins['book-directives'] = plugin;
})();
