// nnfs-binder: the book's JupyterLab extension for Binder, prebuilt and
// written by hand (no bundler, nothing shared with JupyterLab's own modules).
//
// This file is the module federation container JupyterLab loads (named after
// package.json). Its one module, "./extension", is the extension's plugins,
// each in a file of its own beside this one:
//
//   open-as-notebook.js  open the .md chapters as notebooks, unmodified;
//   book-directives.js   draw the site's own directives (glued figures,
//                        videos, interactive figures), number figures,
//                        equations and blocks as the site does, and link
//                        citations and other chapters to the site;
//
// with page-text.js, loaded first: glued numbers and listings, put into the
// cells' Markdown by book-directives.js.
//
// Each plugin file adds its plugin to window.nnfsBinderPlugins; the module is
// ready once all are loaded. binder/postBuild installs the folder.
(function () {
  'use strict';
  var NAME = 'nnfs-binder';
  var PLUGINS = ['open-as-notebook', 'book-directives'];
  var HELPERS = ['page-text'];
  var root = typeof window !== 'undefined' ? window : self;
  // The folder this file was loaded from (JupyterLab may add a query string).
  var here = document.currentScript.src.replace(/remoteEntry\.js(\?.*)?$/, '');

  function load(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = here + name + '.js';
      script.onload = function () {
        resolve();
      };
      script.onerror = function () {
        reject(new Error(NAME + ': could not load ' + script.src));
      };
      document.head.appendChild(script);
    });
  }

  var modules = {
    './extension': function () {
      return Promise.all(HELPERS.map(load))
        .then(function () {
          return Promise.all(PLUGINS.map(load));
        })
        .then(function () {
          return {
            __esModule: true,
            default: PLUGINS.map(function (name) {
              return root.nnfsBinderPlugins[name];
            })
          };
        });
    }
  };
  root._JUPYTERLAB = root._JUPYTERLAB || {};
  root._JUPYTERLAB[NAME] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (name) {
      if (!Object.prototype.hasOwnProperty.call(modules, name)) {
        return Promise.reject(new Error('Module ' + name + ' does not exist in container.'));
      }
      return modules[name]().then(function (module) {
        return function () {
          return module;
        };
      });
    }
  };
})();
