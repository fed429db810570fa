/* Jobspor letters: the caret starts on the empty line between the greeting and the closing of a new letter, so a
   standard text picked (or "//words" typed) lands in the letter's body, not above the greeting. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.querySelector("textarea[data-letter-body]");
    if (!body) { return; }
    var gap = body.value.indexOf("\n\n\n");
    if (gap >= 0) { body.setSelectionRange(gap + 2, gap + 2); }
  });
})();
