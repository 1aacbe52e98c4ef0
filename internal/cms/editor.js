// Our additions to Sveltia CMS. admin/index.html runs this file before the
// CMS's script, and this file starts the CMS once the page is ready.
// SITE_DIRECTIONS, above, maps each language code of data/site.yaml to its
// direction, rtl or ltr; SITE_CDN is the CDN the CMS loads its files from,
// and SITE_PINS the files it loads once running, each with its hash
// (internal/cms: Lazy).
(function () {
  'use strict';
  var pins = {};
  SITE_PINS.forEach(function (p) {
    pins[p.URL] = p;
  });

  // The CMS fetches some of its files (the strings of its Arabic interface,
  // its check for a newer release) from the CDN. A pinned file is fetched
  // with its hash, so that the browser refuses a file that is not the one
  // the site was built with; any other file of the CDN is not fetched at
  // all: the CMS reads the answer as "not found", and goes without (the
  // check for a newer release; an interface language other than Arabic and
  // English falls back to English). Other requests (the repository's API,
  // the sign-in service) go as they are.
  var fetchAsIs = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), location.href).href;
    if (url.indexOf(SITE_CDN) !== 0) {
      return fetchAsIs(input, init);
    }
    var pin = pins[url];
    if (!pin) {
      return Promise.resolve(new Response(null, { status: 404, statusText: 'Not pinned by the site' }));
    }
    return fetchAsIs(input, Object.assign({}, init, { integrity: pin.Integrity }));
  };

  // The CMS's style sheet takes its fonts from another CDN, which a style
  // sheet cannot pin: the same fonts come from the pinned package instead,
  // checked against their hashes, under names of our own, and a rule of
  // style puts each where the CMS's style sheet puts its own, which then is
  // never used and never asked for. A font that fails its check is left
  // out (the interface shows the text of its icons), never taken from the
  // other CDN.
  var fonts = Promise.all(SITE_PINS.filter(function (p) {
    return p.Load === 'font';
  }).map(function (p) {
    var f = p.Font;
    return fetchAsIs(p.URL, { integrity: p.Integrity, credentials: 'omit' }).then(function (r) {
      if (!r.ok) {
        throw new Error(r.status + ' ' + r.statusText);
      }
      return r.blob();
    }).then(function (bytes) {
      return '@font-face{font-family:' + JSON.stringify(f.family) + ';font-style:normal;font-weight:' + f.weight +
        ';font-display:' + f.display + (f.unicodeRange ? ';unicode-range:' + f.unicodeRange : '') +
        (f.sizeAdjust ? ';size-adjust:' + f.sizeAdjust : '') +
        ';src:url(' + URL.createObjectURL(bytes) + ') format("woff2")}\n' + f.use;
    }, function (err) {
      console.error('The web editor\'s font ' + p.URL + ' could not be loaded:', err);
      return f.use;
    });
  }));

  window.CMS_MANUAL_INIT = true;
  var loaded = new Promise(function (resolve) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', resolve, { once: true });
    } else {
      resolve();
    }
  });
  // The CMS writes its one-line fields in their language's direction, but
  // not its rich text, which takes the interface's: English text written
  // right to left in the Arabic interface. Each language's pane gets its
  // direction, and so does a field named after a language (the {ar: ...,
  // en: ...} of the data files).
  var directions = Object.keys(SITE_DIRECTIONS).map(function (code) {
    var dir = '{direction:' + SITE_DIRECTIONS[code] + ';text-align:start}';
    return '.pane[data-locale="' + code + '"] :is([contenteditable="true"], textarea)' + dir +
      '[data-key-path$=".' + code + '"] :is(input, textarea)' + dir;
  });

  Promise.all([fonts, loaded]).then(function (done) {
    var style = document.createElement('style');
    style.textContent = done[0].concat(directions).join('\n');
    document.body.appendChild(style);
    // Without window.CMS the browser refused the CMS's script (its hash),
    // and said so in the console.
    if (window.CMS) {
      extend(window.CMS);
      window.CMS.init();
    }
  });

  // extend adds our field type to the CMS.
  function extend(CMS) {
    var h = window.h, createClass = window.createClass;

    // A date that may not be before another field's (not_before), so that
    // a deadline before the announcement's date is refused with a message.
    // (It is a date input of its own: the CMS's date field cannot be
    // reused in a field type, as its renderer and its script carry two
    // copies of React.)
    function day(v) {
      var s = v instanceof Date ? v.toISOString() : String(v || '');
      return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : '';
    }
    function start(props) {
      var other = props.field.get('not_before');
      return other && props.entry ? day(props.entry.getIn(['data', other])) : '';
    }
    CMS.registerFieldType('later-date', createClass({
      // The CMS passes the value to check: the props may not have it yet.
      isValid: function (value) {
        var from = start(this.props), to = day(arguments.length ? value : this.props.value);
        if (from && to && to < from) {
          return { error: { message: this.props.field.get('not_before_message') } };
        }
        return true;
      },
      render: function () {
        var props = this.props;
        return h('input', {
          type: 'date',
          id: props.forID,
          className: props.classNameWrapper,
          value: day(props.value),
          min: start(props) || undefined,
          onChange: function (ev) {
            props.onChange(ev.target.value);
          },
        });
      },
    }));
  }
})();
