// Our additions to Decap CMS (loaded after it, by admin/index.html).
// SITE_DIRECTIONS, above, maps each language code of data/site.yaml to
// its direction, rtl or ltr.
(function () {
  'use strict';
  var CMS = window.CMS, h = window.h, createClass = window.createClass;

  // direction returns the direction a field's text is written in: that of
  // the language being edited for a translated field, that of the language
  // a field is named after (the {ar: ..., en: ...} of data files), else
  // none (the page's).
  function direction(props) {
    var field = props.field;
    var name = field && field.get('name');
    if (SITE_DIRECTIONS[name]) {
      return SITE_DIRECTIONS[name];
    }
    var i18n = field && field.get('i18n');
    if ((i18n === true || i18n === 'translate') && SITE_DIRECTIONS[props.locale]) {
      return SITE_DIRECTIONS[props.locale];
    }
    return undefined;
  }

  // withDirection wraps a widget's control in an element with the
  // direction of its language, passing on what Decap asks of the control.
  function withDirection(Inner, validate) {
    return createClass({
      isValid: function () {
        if (validate) {
          var own = validate(this.props);
          if (own !== true) {
            return own;
          }
        }
        var c = this.inner;
        return c && typeof c.isValid === 'function' ? c.isValid() : true;
      },
      getValidateValue: function () {
        var c = this.inner;
        return c && typeof c.getValidateValue === 'function' ? c.getValidateValue() : this.props.value;
      },
      focus: function (path) {
        var c = this.inner;
        if (c && typeof c.focus === 'function') {
          c.focus(path);
        }
      },
      render: function () {
        var self = this;
        var props = Object.assign({}, this.props, {
          ref: function (r) { self.inner = r; },
        });
        var dir = direction(this.props);
        return h('div', {
          dir: dir,
          lang: dir ? this.props.locale : undefined,
          'data-field': this.props.field.get('name'),
          'data-locale': this.props.locale,
        }, h(Inner, props));
      },
    });
  }

  ['string', 'text', 'markdown'].forEach(function (name) {
    var w = CMS.getWidget(name);
    if (w) {
      w.control = withDirection(w.control);
    }
  });

  // A date that may not be before another field's (not_before): a
  // deadline before the announcement's date is refused with a message.
  function dateOf(v) {
    if (!v) {
      return null;
    }
    var d = v instanceof Date ? v : new Date(String(v).slice(0, 10) + 'T00:00:00Z');
    return isNaN(d.getTime()) ? null : d;
  }
  function notBefore(props) {
    var other = props.field.get('not_before');
    if (!other || !props.getEntry) {
      return true;
    }
    var entry = props.getEntry();
    var value = entry.getIn(['i18n', props.locale, 'data', other]);
    if (value === undefined) {
      value = entry.getIn(['data', other]);
    }
    var start = dateOf(value), end = dateOf(props.value);
    if (start && end && end < start) {
      return {
        error: {
          type: 'CUSTOM',
          message: props.field.get('label', props.field.get('name')) + ' is before the ' + other +
            ': it must be on or after it · الموعد النهائي قبل التاريخ: يجب أن يكون في التاريخ نفسه أو بعده',
        },
      };
    }
    return true;
  }
  var datetime = CMS.getWidget('datetime');
  CMS.registerWidget('later-date', withDirection(datetime.control, notBefore), datetime.preview, datetime.schema);
})();
