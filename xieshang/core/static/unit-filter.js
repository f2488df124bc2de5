// Type-to-filter for long unit selects: <select data-unit-filter> gets a search box above it.
// A unit matches when the typed characters occur in its name in order (住建 → 市住房城乡建设局,
// 发改 → 市发展改革委, the way 简称 are formed) or in its short name (data-short on the option).
// Selected options always stay visible, so filtering never hides a choice already made.
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
    var name = option.textContent.toLowerCase();
    var short = (option.getAttribute('data-short') || '').toLowerCase();
    return inOrder(query, name) || (short !== '' && inOrder(query, short));
  }

  function attach(select) {
    var box = document.createElement('input');
    box.type = 'search';
    box.className = 'form-control form-control-sm mb-1 unit-filter';
    box.placeholder = '输入名称或简称筛选，如“住建”';
    box.setAttribute('aria-label', '筛选' + (select.labels && select.labels[0] ?
      select.labels[0].textContent : '单位'));
    box.setAttribute('aria-controls', select.id);
    var count = document.createElement('div');
    count.className = 'form-text mt-0 mb-1 unit-filter-count';
    count.setAttribute('aria-live', 'polite');

    function apply() {
      var query = box.value.replace(/\s+/g, '').toLowerCase();
      var found = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        var match = matches(option, query);
        option.hidden = !(match || option.selected);
        if (match && option.value) { found += 1; }
      });
      count.textContent = query ? '筛选出 ' + found + ' 个单位' : '';
    }

    box.addEventListener('input', apply);
    // Enter in the box picks the single remaining unit of a one-choice select instead of
    // submitting the form.
    box.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter') { return; }
      event.preventDefault();
      if (select.multiple) { return; }
      var visible = Array.prototype.filter.call(select.options, function (option) {
        return option.value && !option.hidden;
      });
      if (visible.length === 1) {
        select.value = visible[0].value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    select.addEventListener('change', apply);
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(count, select);
  }

  document.querySelectorAll('select[data-unit-filter]').forEach(attach);
})();
