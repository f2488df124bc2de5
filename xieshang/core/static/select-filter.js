// Type-to-filter for long selects of units or members: <select data-filter="单位"> (the noun used
// in the count) gets a search box above it; data-filter-hint replaces the box's placeholder.
// An option matches when the typed characters occur in its name in that order (住建 →
// 市住房城乡建设局, 发改 → 市发展改革委: the way 简称 are formed) or in its data-short (a unit's
// 简称, a member's code). data-name, where the option's text says more than the name (改交 …),
// is what is matched instead of the text. Typed Latin letters also match the name's 拼音首字母
// in order (zjj → 市住房城乡建设局, wf → 王芳): data-py holds one group of possible first letters
// per character, groups separated by spaces (textintel/initials.py).
(function () {
  'use strict';

  // Each letter of the query must be among the possible initials of a later character.
  function initialsInOrder(query, groups) {
    var at = 0;
    for (var i = 0; i < query.length; i++) {
      while (at < groups.length && groups[at].indexOf(query.charAt(i)) < 0) { at += 1; }
      if (at >= groups.length) { return false; }
      at += 1;
    }
    return true;
  }

  function inOrder(needle, haystack) {
    var at = 0;
    for (var i = 0; i < needle.length; i++) {
      at = haystack.indexOf(needle.charAt(i), at);
      if (at < 0) { return false; }
      at += 1;
    }
    return true;
  }

  function matches(option, query) {
    var name = (option.getAttribute('data-name') || option.textContent).toLowerCase();
    var short = (option.getAttribute('data-short') || '').toLowerCase();
    var py = option.getAttribute('data-py');
    return inOrder(query, name) || (short !== '' && inOrder(query, short)) ||
      (py !== null && /^[a-z]+$/.test(query) && initialsInOrder(query, py.split(' ')));
  }

  // The label's own words: a <label> that wraps its select would otherwise bring every option.
  function labelText(select, noun) {
    var label = select.labels && select.labels[0];
    if (!label) { return select.getAttribute('aria-label') || noun; }
    var words = '';
    Array.prototype.forEach.call(label.childNodes, function (node) {
      if (node.nodeType === Node.TEXT_NODE) { words += node.textContent; }
    });
    return words.trim() || select.getAttribute('aria-label') || noun;
  }

  // Two people of one name (重名) are told apart by their data-short (a member's code, a
  // user's login), added to the text of those options only.
  function disambiguate(select) {
    var seen = {};
    Array.prototype.forEach.call(select.options, function (option) {
      var text = option.textContent.trim();
      seen[text] = (seen[text] || 0) + 1;
    });
    Array.prototype.forEach.call(select.options, function (option) {
      var short = option.getAttribute('data-short');
      var text = option.textContent.trim();
      if (option.value && short && seen[text] > 1) {
        option.textContent = text + '（' + short + '）';
      }
    });
  }

  function attach(select) {
    disambiguate(select);
    var noun = select.getAttribute('data-filter') || '项';
    var box = document.createElement('input');
    box.type = 'search';
    box.className = 'form-control form-control-sm mb-1 select-filter';
    box.placeholder = select.getAttribute('data-filter-hint') || '输入名称、简称或拼音首字母筛选，如“住建”“zjj”';
    box.setAttribute('aria-label', '筛选' + labelText(select, noun));
    if (select.id) { box.setAttribute('aria-controls', select.id); }
    var count = document.createElement('div');
    count.className = 'form-text mt-0 mb-1 select-filter-count';
    count.setAttribute('aria-live', 'polite');

    // A multiple select keeps every chosen option in view and its choice is left alone. A
    // single select is a combo box: typing chooses the first match, unless the option already
    // chosen matches; with no match the choice stays as it was.
    function apply() {
      var query = box.value.replace(/\s+/g, '').toLowerCase();
      var found = [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value && (!query || matches(option, query))) { found.push(option); }
      });
      if (!select.multiple && query && found.length) {
        var current = select.options[select.selectedIndex];
        if (!current || found.indexOf(current) < 0) {
          select.value = found[0].value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        }
      }
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = !(option.selected || !option.value || found.indexOf(option) >= 0);
      });
      count.textContent = query ? '筛选出 ' + found.length + ' 个' + noun : '';
    }

    box.addEventListener('input', apply);
    // Enter in the box must not submit the form before the choice is looked at.
    box.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); }
    });
    select.addEventListener('change', apply);
    // A select wrapped in its <label> gets the box before the label, so that the label still
    // names the select and not the box.
    var anchor = select.parentNode.tagName === 'LABEL' ? select.parentNode : select;
    anchor.parentNode.insertBefore(box, anchor);
    anchor.parentNode.insertBefore(count, anchor);
  }

  document.querySelectorAll('select[data-filter]').forEach(attach);
})();
