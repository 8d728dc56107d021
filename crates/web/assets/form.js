// Forms: an error summary (marked data-focus) takes the focus when the page
// opens, so a screen reader reads it and a keyboard user starts from it.
// Without JavaScript the summary is at the top of the page all the same.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary[data-focus]");
  if (summary) summary.focus();
})();
