// Staff appeal page: "Insert the template" puts the chosen template into
// the answer at the cursor (or after the text, if the answer was not
// touched yet) and keeps everything typed. Without this script the same
// button posts the draft and the page comes back with the template after it.
(function () {
  'use strict';
  var touched = new WeakSet();
  document.addEventListener('focusin', function (e) {
    if (e.target.matches && e.target.matches('textarea[name="text"]')) touched.add(e.target);
  });
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('button[name="insert"]');
    if (!button || !button.form) return;
    var form = button.form;
    var select = form.querySelector('select[name="template"]');
    var area = form.querySelector('textarea[name="text"]');
    var option = select && select.options[select.selectedIndex];
    if (!area || !option || option.dataset.body === undefined) return;
    e.preventDefault();
    var text = option.dataset.body;
    var at = touched.has(area) ? area.selectionEnd : area.value.length;
    var before = area.value.slice(0, at);
    var after = area.value.slice(at);
    // Keep the template apart from the words around it.
    var lead = before && !/\n\s*$/.test(before) ? (at === area.value.length ? '\n\n' : '\n') : '';
    var tail = after && !/^\s*\n/.test(after) ? '\n' : '';
    area.value = before + lead + text + tail + after;
    var caret = (before + lead + text).length;
    area.focus();
    area.setSelectionRange(caret, caret);
    var status = document.getElementById('template-status');
    if (status) status.textContent = status.dataset.done || '';
  });
})();
