/* A table that is wider than the screen scrolls inside its .table-wrap. Keyboard users can only scroll what
 * they can focus (WCAG 2.1.1), so each wrapper becomes a named, focusable region: named after the table's
 * caption, else the nearest heading before it. Runs on load and after every htmx swap. */
(function () {
  "use strict";
  function nameFor(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var label = wrap.querySelector("table[aria-label]");
    if (label) return label.getAttribute("aria-label");
    for (var el = wrap; el && el !== document.body; el = el.parentElement) {
      for (var prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        var heading = /^H[1-6]$/.test(prev.tagName) ? prev : prev.querySelector && prev.querySelector("h1,h2,h3,h4,h5,h6");
        if (heading && heading.textContent.trim()) return heading.textContent.trim();
      }
    }
    return document.title.split(" – ")[0];
  }
  function mark(root) {
    var wraps = (root.querySelectorAll ? root : document).querySelectorAll(".table-wrap:not([role])");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      wrap.setAttribute("role", "region");
      wrap.setAttribute("tabindex", "0");
      if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
        wrap.setAttribute("aria-label", nameFor(wrap));
      }
    }
  }
  mark(document);
  document.addEventListener("htmx:afterSettle", function (event) { mark(event.target.parentElement || document); });
})();
