// Helpers of the nnfs-binder extension (see remoteEntry.js): the page's own text
// that jupyterlab-myst cannot draw in a notebook, put into each Markdown cell's
// tree by book-directives.js before the cell is drawn.
//
// - Glued numbers ({glue:text}`key:spec`, {glue}`key`): jupyterlab-myst shows the
//   role's body ("act_fd_worst:.1e"). Here the role becomes the value myst-nb's
//   glue() put in the notebook's own outputs (text/plain, under the output's
//   scrapbook name), formatted with the spec as myst-nb does
//   (myst_nb.core.variables.format_plain_text: literal_eval, then Python's
//   format()). Until the cell that glues it has run, it reads "(run the cells)".
// - Listings ({literalinclude}): jupyterlab-myst cannot read the file and draws
//   nothing. Here the k-th include of the notebook becomes a code block with the
//   text of the page's k-th listing, which nnfs_build.binder read from the
//   repository's file with Sphinx's own reader (listings.json), so :pyobject:
//   and :lines: select what the site shows.
(function () {
  'use strict';
  const root = typeof window !== 'undefined' ? window : self;
  const NOT_YET = '(run the cells)';

  // Python's format(value, spec) for what the book uses: [sign][,][.precision][type]
  // with types e E f F g G d n % s, and a width with fill and alignment.
  // Returns null for a spec it does not know (the caller shows the failure).
  const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([eEfFgGdn%s])?$/;

  function group(digits, separator) {
    return separator ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator) : digits;
  }

  // toFixed rounds an exact tie up; Python's format() rounds it to even.
  function fixed(x, p) {
    const scaled = x * 10 ** p;
    const n = Math.floor(scaled);
    if (scaled - n === 0.5 && scaled < 2 ** 52 && (n + 0.5) / 10 ** p === x && n % 2 === 0) {
      return (n / 10 ** p).toFixed(p);
    }
    return x.toFixed(p);
  }

  function exponential(x, p) {
    return x.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
  }

  function general(x, p, alternate) {
    p = p === 0 ? 1 : p;
    const exp = Number(x.toExponential(p - 1).split('e')[1]);
    let text = exp >= -4 && exp < p ? fixed(x, p - 1 - exp) : exponential(x, p - 1);
    if (!alternate) {
      text = text.replace(/(\.\d*?)0+(?=e|$)/, '$1').replace(/\.(?=e|$)/, '');
    }
    return text;
  }

  function pythonFormat(value, spec) {
    const m = SPEC.exec(spec);
    if (!m) {
      return null;
    }
    const [, fill, align, sign, alternate, zero, width, separator, precision, type] = m;
    let body;
    let negative = false;
    if (type === 's' || (type === undefined && typeof value === 'string')) {
      body = String(value);
    } else {
      const x = Number(value);
      if (Number.isNaN(x) && typeof value === 'string') {
        return null;
      }
      negative = x < 0 || Object.is(x, -0);
      const a = Math.abs(x);
      const p = precision === undefined ? 6 : Number(precision);
      if (!Number.isFinite(a)) {
        body = Number.isNaN(a) ? 'nan' : 'inf';
      } else if (type === 'd' || type === 'n') {
        body = String(BigInt(Math.trunc(a)));
      } else if (type === 'f' || type === 'F') {
        body = fixed(a, p);
      } else if (type === 'e' || type === 'E') {
        body = exponential(a, p);
      } else if (type === 'g' || type === 'G') {
        body = general(a, p, !!alternate);
      } else if (type === '%') {
        body = fixed(a * 100, p) + '%';
      } else if (precision !== undefined) {
        body = general(a, p, !!alternate); // no type: like g, with at least one digit after the point
      } else {
        body = String(a);
      }
      if (type === 'E' || type === 'G') {
        body = body.toUpperCase();
      }
      if (separator && /^\d/.test(body)) {
        const whole = body.split(/(?=[.eE%])/)[0];
        body = group(whole, separator) + body.slice(whole.length);
      }
    }
    const prefix = negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
    let text = prefix + body;
    const size = width === undefined ? 0 : Number(width);
    if (text.length < size) {
      const pad = (zero && !align ? '0' : fill || ' ').repeat(size - text.length);
      const where = align || (zero ? '=' : typeof value === 'string' ? '<' : '>');
      text =
        where === '<'
          ? text + pad
          : where === '^'
            ? pad.slice(0, pad.length >> 1) + text + pad.slice(pad.length >> 1)
            : where === '='
              ? prefix + pad + body
              : pad + text;
    }
    return text;
  }

  // Python's literal_eval of a text/plain repr, for what glue() stores: a
  // number, a quoted string, True/False/None; anything else stays text.
  function literal(text) {
    const t = String(text).trim();
    if (/^[+-]?(\d[\d_]*\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf|nan)$/i.test(t)) {
      return { value: Number(t.replace(/_/g, '')), text: t };
    }
    const quoted = /^(['"])([\s\S]*)\1$/.exec(t);
    if (quoted) {
      return { value: quoted[2], text: quoted[2] };
    }
    return { value: t, text: t };
  }

  // myst-nb's format_plain_text(text, spec).
  function formatGlued(text, spec) {
    const parsed = literal(text);
    if (spec === '' || spec === undefined) {
      return parsed.text;
    }
    const type = spec[spec.length - 1];
    let value = parsed.value;
    if (type === 's') {
      value = parsed.text;
    } else if ('bcdoxX'.includes(type) || 'eEfFgGn%'.includes(type)) {
      if (typeof value !== 'number') {
        return null; // int()/float() of a non-number fails in myst-nb too
      }
    }
    return pythonFormat(value, spec);
  }

  // Every text/plain that glue() stored in the notebook's outputs, by name.
  function gluedValues(panel) {
    const values = new Map();
    panel.content.widgets.forEach(cell => {
      if (cell.model.type !== 'code') {
        return;
      }
      for (let j = 0; j < cell.model.outputs.length; j++) {
        const output = cell.model.outputs.get(j);
        const scrap = (output.metadata || {}).scrapbook;
        if (scrap && scrap.name) {
          const plain = output.data[(scrap.mime_prefix || '') + 'text/plain'];
          if (plain !== undefined) {
            values.set(scrap.name, String(Array.isArray(plain) ? plain.join('') : plain));
          }
        }
      }
    });
    return values;
  }

  // The role's body "key:spec" (myst-nb splits at the last colon), "key" alone is spec "".
  function splitRole(body) {
    const at = body.lastIndexOf(':');
    return at < 0 ? { key: body.trim(), spec: '' } : { key: body.slice(0, at).trim(), spec: body.slice(at + 1) };
  }

  // Put glued values in place of {glue:text} and {glue} roles (and refresh those
  // already put there); true if the tree changed.
  function glueText(tree, panel) {
    let values = null;
    let changed = false;
    (function walk(node) {
      const children = node.children || [];
      for (let i = 0; i < children.length; i++) {
        let child = children[i];
        if (child.type === 'mystRole' && (child.name === 'glue:text' || child.name === 'glue')) {
          child = children[i] = { type: 'text', value: '', nnfsGlue: String(child.value || '') };
          changed = true;
        }
        if (child.nnfsGlue !== undefined) {
          values = values || gluedValues(panel);
          const { key, spec } = splitRole(child.nnfsGlue);
          const raw = values.get(key);
          const shown = raw === undefined ? null : formatGlued(raw, child.nnfsGlue.includes(':') ? spec : '');
          const text = raw === undefined ? NOT_YET : shown === null ? '(cannot format ' + key + ')' : shown;
          const state = raw === undefined ? 'waiting' : shown === null ? 'error' : 'drawn';
          if (child.value !== text || child.nnfsState !== state) {
            child.value = text;
            child.nnfsState = state;
            changed = true;
          }
        } else {
          walk(child);
        }
      }
    })(tree);
    return changed;
  }

  // A {glue:text} role of a caption (Markdown the extension renders itself): its value.
  function glueRole(body, panel) {
    const { key, spec } = splitRole(body);
    const raw = gluedValues(panel).get(key);
    const shown = raw === undefined ? null : formatGlued(raw, body.includes(':') ? spec : '');
    return raw === undefined ? NOT_YET : shown === null ? '(cannot format ' + key + ')' : shown;
  }

  // How many includes (drawn or not) the cells before `cell` hold.
  function includesBefore(panel, cell) {
    let count = 0;
    for (const other of panel.content.widgets) {
      if (other === cell) {
        break;
      }
      const tree = other.model.type === 'markdown' && other.mystModel && other.mystModel.mdast;
      (function walk(node) {
        if (!node) {
          return;
        }
        if (node.type === 'include' || node.nnfsListing !== undefined) {
          count++;
          return;
        }
        (node.children || []).forEach(walk);
      })(tree);
    }
    return count;
  }

  // Put the page's listings in place of the notebook's includes; true if changed.
  function drawListings(tree, panel, cell, listings) {
    if (!listings) {
      return false;
    }
    let k = null;
    let changed = false;
    (function walk(node) {
      const children = node.children || [];
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (child.type !== 'include') {
          walk(child);
          continue;
        }
        k = k === null ? includesBefore(panel, cell) : k;
        const listing = listings[k];
        const same = listing && listing.argument.trim() === String(child.file).trim();
        children[i] = same
          ? {
              type: 'code',
              lang: listing.language,
              value: listing.text.replace(/\n$/, ''),
              nnfsListing: k,
              ...(listing.caption ? { filename: listing.caption } : {})
            }
          : {
              type: 'paragraph',
              nnfsListing: k,
              children: [{ type: 'text', value: 'This listing could not be drawn: ' + child.file }]
            };
        k++;
        changed = true;
      }
    })(tree);
    return changed;
  }

  root.nnfsPageText = { pythonFormat, formatGlued, glueText, glueRole, drawListings, NOT_YET };
})();
