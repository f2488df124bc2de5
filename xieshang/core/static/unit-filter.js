// Type-to-filter for long unit selects: <select data-unit-filter> gets a search box above it.
// A unit matches when the typed characters occur in its name in order (住建 → 市住房城乡建设局,
// 发改 → 市发展改革委, the way 简称 are formed) or in its short name (data-short on the option);
// data-name, when the option's text says more than the name (改交 …), is what is matched.
// Chosen options always stay visible, so filtering never hides a choice already made.
(function () {
  'use strict';

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
    if (!query || !option.value) { return true; }
    var name = (option.getAttribute('data-name') || option.textContent).toLowerCase();
    var short = (option.getAttribute('data-short') || '').toLowerCase();
    return inOrder(query, name) || (short !== '' && inOrder(query, short));
  }

  function attach(select) {
    var box = document.createElement('input');
    box.type = 'search';
    box.className = 'form-control form-control-sm mb-1 unit-filter';
    box.placeholder = '输入名称或简称筛选，如“住建”';
    var label = select.labels && select.labels[0] ? select.labels[0].textContent :
      (select.getAttribute('aria-label') || '单位');
    box.setAttribute('aria-label', '筛选' + label);
    if (select.id) { box.setAttribute('aria-controls', select.id); }
    var count = document.createElement('div');
    count.className = 'form-text mt-0 mb-1 unit-filter-count';
    count.setAttribute('aria-live', 'polite');

    // A multiple select keeps every chosen unit in view and its choice is left alone. A single
    // select is a combo box: typing chooses the first unit that matches, unless the one already
    // chosen matches; with no match the choice stays as it was.
    function apply() {
      var query = box.value.replace(/\s+/g, '').toLowerCase();
      var found = [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value && matches(option, query)) { found.push(option); }
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
      count.textContent = query ? '筛选出 ' + found.length + ' 个单位' : '';
    }

    box.addEventListener('input', apply);
    // Enter in the box must not submit the form before the unit is looked at.
    box.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); }
    });
    select.addEventListener('change', apply);
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(count, select);
  }

  document.querySelectorAll('select[data-unit-filter]').forEach(attach);
})();
