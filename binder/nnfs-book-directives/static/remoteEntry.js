// A prebuilt JupyterLab extension, written by hand (no bundler): a module
// federation container named after package.json, with one module,
// "./extension", holding one plugin that needs nothing shared.
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
//   site embeds.
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
  const NAME = 'nnfs-book-directives';
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

  // Markdown (math, roles) rendered by the notebook's Markdown renderer.
  function renderMarkdown(panel, text, into) {
    if (!text) {
      return Promise.resolve();
    }
    const renderer = panel.content.rendermime.createRenderer('text/markdown');
    const model = {
      trusted: true,
      data: { 'text/markdown': text },
      metadata: {},
      setData: () => undefined
    };
    return renderer.renderModel(model).then(() => {
      into.appendChild(renderer.node);
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
    return renderMarkdown(panel, content, caption).then(() => figure.nnfsUpdate());
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
      figure.replaceChildren(
        video,
        element('figcaption', {}, [scene.caption]),
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
      return renderMarkdown(panel, content, caption);
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
    cells.forEach((cell, index) => {
      if (cell.model.type !== 'markdown' || !cell.mystModel || !cell.mystModel.mdast) {
        return;
      }
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
        const key = [cell.model.id, name, node.args, node.value].join('\u0000');
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
    // Drawings whose directive is gone (the reader edited it away) go too.
    orphans.forEach(figure => figure.remove());
  }

  function watch(panel) {
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
    const observer = new MutationObserver(schedule);
    observer.observe(panel.content.node, { childList: true, subtree: true });
    panel.disposed.connect(() => observer.disconnect());
    schedule();
  }

  const plugin = {
    id: NAME + ':plugin',
    description: "Draw the book's glue:figure, nnfs-video and nnfs-interactive directives.",
    autoStart: true,
    activate: function (app) {
      serverBase = app.serviceManager.serverSettings.baseUrl;
      load(staticUrl('nnfs-book-directives.css'), 'link').catch(error =>
        console.error(NAME + ': ' + error)
      );
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

  const modules = {
    './extension': function () {
      return { __esModule: true, default: plugin };
    }
  };
  const root = typeof window !== 'undefined' ? window : self;
  root._JUPYTERLAB = root._JUPYTERLAB || {};
  root._JUPYTERLAB[NAME] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (name) {
      if (!Object.prototype.hasOwnProperty.call(modules, name)) {
        return Promise.reject(new Error('Module ' + name + ' does not exist in container.'));
      }
      return Promise.resolve(modules[name]);
    }
  };
})();
