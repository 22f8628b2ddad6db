// One plugin of the nnfs-binder JupyterLab extension (see remoteEntry.js):
// open the book's .md chapters as notebooks.
//
// Why: the Binder link opens lab/tree/book/<part>/<page>.md. JupyterLab opens
// that file as soon as it has started, with the default viewer of the moment,
// but it applies the user's "defaultViewers" setting (which binder/postBuild
// sets to "Jupytext Notebook") only once the workspace is restored, which is
// later. So the chapter opened as plain text. This plugin makes "Jupytext
// Notebook" the default viewer for Markdown the moment jupytext registers it,
// before JupyterLab opens the chapter.
//
// It also keeps a chapter that the reader has not changed from showing as
// modified: when the kernel connects, JupyterLab writes the kernel's name and
// language_info into the notebook's metadata, which marked every chapter
// modified as soon as it opened. A change of that metadata alone, on an
// unmodified chapter, now leaves it unmodified; so does running its cells
// (outputs and execution counts are not written into a .md), so reading a
// chapter never makes autosave rewrite its .md. binder/postBuild installs
// the extension.
(function () {
  'use strict';
  var FACTORY = 'Jupytext Notebook';
  var FILE_TYPES = ['markdown', 'myst'];
  var KERNEL_METADATA = ['kernelspec', 'language_info'];

  // Cell metadata that jupytext never writes into a text notebook
  // (jupytext/cell_metadata.py, _IGNORE_CELL_METADATA); JupyterLab sets
  // "trusted" on every cell it runs.
  var UNWRITTEN_CELL_METADATA = ['autoscroll', 'collapsed', 'scrolled', 'trusted', 'execution', 'ExecuteTime'];

  // What jupytext writes into the chapter's .md: each cell's type, source and
  // metadata, and the notebook's metadata but the kernel's (outputs and
  // execution counts are not in a .md).
  function written(model) {
    var metadata = Object.assign({}, model.sharedModel.getMetadata());
    KERNEL_METADATA.forEach(function (key) {
      delete metadata[key];
    });
    var cells = model.sharedModel.cells.map(function (cell) {
      var kept = Object.assign({}, cell.getMetadata());
      UNWRITTEN_CELL_METADATA.forEach(function (key) {
        delete kept[key];
      });
      return [cell.cell_type, cell.getSource(), kept];
    });
    return JSON.stringify([metadata, cells]);
  }

  function keepCleanOnKernelMetadata(panel) {
    var model = panel.context.model;
    model.metadataChanged.connect(function (_, change) {
      if (KERNEL_METADATA.indexOf(change.key) >= 0 && !model.dirty) {
        // The model marks itself dirty right after this signal; undo that.
        Promise.resolve().then(function () {
          model.dirty = false;
        });
      }
    });
  }

  // Running cells changes only outputs and execution counts, which the .md does
  // not hold: the chapter stays unmodified, so autosave never rewrites the .md
  // of a chapter the reader only read and ran. An edit (a cell's source or
  // metadata) marks it modified as usual.
  function keepCleanWhileUnedited(panel) {
    var context = panel.context;
    var saved = null;
    context.ready.then(function () {
      var model = context.model;
      saved = written(model);
      context.fileChanged.connect(function () {
        saved = written(model);
      });
      model.stateChanged.connect(function (_, change) {
        if (change.name === 'dirty' && change.newValue && written(model) === saved) {
          Promise.resolve().then(function () {
            if (written(model) === saved) {
              model.dirty = false;
            }
          });
        }
      });
    });
  }

  var plugin = {
    id: 'nnfs-binder:open-as-notebook',
    description: 'Open .md chapters as Jupytext notebooks.',
    autoStart: true,
    activate: function (app) {
      var registry = app.docRegistry;
      function apply() {
        var factory = registry.getWidgetFactory(FACTORY);
        if (!factory) {
          return false;
        }
        factory.widgetCreated.connect(function (_, panel) {
          keepCleanOnKernelMetadata(panel);
          keepCleanWhileUnedited(panel);
        });
        FILE_TYPES.forEach(function (name) {
          if (registry.getFileType(name)) {
            try {
              registry.setDefaultWidgetFactory(name, FACTORY);
            } catch (error) {
              console.warn('nnfs-binder: ' + name + ': ' + error);
            }
          }
        });
        return true;
      }
      if (!apply()) {
        var onChange = function () {
          if (apply()) {
            registry.changed.disconnect(onChange);
          }
        };
        registry.changed.connect(onChange);
      }
    }
  };

  var root = typeof window !== 'undefined' ? window : self;
  root.nnfsBinderPlugins = root.nnfsBinderPlugins || {};
  root.nnfsBinderPlugins['open-as-notebook'] = plugin;
})();
