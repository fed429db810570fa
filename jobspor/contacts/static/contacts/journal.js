/* Jobspor journal: insert a standard text found by the short search into the journal note.
   Type words in the search box next to the note, or "//" and words in the note itself. */
(function () {
  "use strict";
  var SLASHES = /\/\/([^\n\/]*)$/;

  function parts(note) {
    var at = note.selectionStart == null ? note.value.length : note.selectionStart;
    return {before: note.value.slice(0, at), after: note.value.slice(note.selectionEnd == null ? at : note.selectionEnd)};
  }

  function search(box, words) {
    box.value = words;
    if (window.htmx) { window.htmx.trigger(box, "search-now"); }
  }

  document.addEventListener("input", function (event) {
    var note = event.target;
    if (!note.matches || !note.matches("textarea[data-std-search]")) { return; }
    var found = SLASHES.exec(parts(note).before);
    var box = document.getElementById(note.getAttribute("data-std-search"));
    if (found && box && found[1].trim().length >= 2) { search(box, found[1].trim()); }
  });

  function firstPick(note) {
    return document.querySelector('[data-std-text][data-note="' + note.id + '"]');
  }

  // "//words" then Enter in the note inserts the first standard text found (the trigger is never saved);
  // if the search has not answered yet, the text is inserted when it does. Arrow down moves to the list.
  document.addEventListener("keydown", function (event) {
    var note = event.target;
    if (!note.matches || !note.matches("textarea[data-std-search]")) { return; }
    if ((event.key !== "Enter" || event.shiftKey) && event.key !== "ArrowDown") { return; }
    var found = SLASHES.exec(parts(note).before);
    if (!found || found[1].trim().length < 2) { return; }
    event.preventDefault();
    var pick = firstPick(note);
    if (event.key === "ArrowDown") { if (pick) { pick.focus(); } return; }
    if (pick) { pick.click(); return; }
    var box = document.getElementById(note.getAttribute("data-std-search"));
    if (!box) { return; }
    document.addEventListener("htmx:afterSettle", function once() {
      document.removeEventListener("htmx:afterSettle", once);
      var late = firstPick(note);
      if (late) { late.click(); }
    });
    search(box, found[1].trim());
  });

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key === "Enter" && box.matches && box.matches("input[data-std-box]")) {
      event.preventDefault();  // Enter searches; it must not save the contact
      if (window.htmx) { window.htmx.trigger(box, "search-now"); }
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-std-text]") : null;
    if (!button) { return; }
    event.preventDefault();
    var note = document.getElementById(button.getAttribute("data-note"));
    if (!note) { return; }
    var p = parts(note);
    var before = p.before.replace(SLASHES, "");  // "//words" typed in the note gives way to the text
    var text = button.getAttribute("data-std-text");
    var gap = before && !/\s$/.test(before) ? "\n" : "";
    note.value = before + gap + text + p.after;
    var caret = (before + gap + text).length;
    note.focus();
    note.setSelectionRange(caret, caret);
    var results = document.getElementById(button.getAttribute("data-results"));
    if (results) { results.innerHTML = ""; }
  });
})();
