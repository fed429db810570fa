/* Warn before an idle session expires and let the user extend it (WCAG 2.2.1 Timing Adjustable).
 *
 * The server ends a session after data-session-seconds without a request. Every page load and htmx request
 * renews it; other tabs of the same login share the time of the last request through localStorage. Shortly
 * before the end a DKFDS modal asks whether to stay logged in; "Forbliv logget ind" calls the extend endpoint.
 * After the end the modal says so: a form sent now is kept and can be saved after logging in again.
 */
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-session-seconds"), 10);
  var modalEl = document.getElementById("session-timeout");
  if (!idle || !modalEl) return;
  var extendUrl = body.getAttribute("data-session-extend-url");
  var warnBefore = Math.min(120, Math.floor(idle / 2)) * 1000;  // at least 20 s to react, at most 2 minutes
  var KEY = "jobspor-session-last-request";
  var modal = window.DKFDS && DKFDS.Modal ? new DKFDS.Modal(modalEl) : null;
  var shown = false;
  var countdown = document.getElementById("session-timeout-countdown");
  var warning = document.getElementById("session-timeout-warning");
  var expired = document.getElementById("session-timeout-expired");
  var extendButton = document.getElementById("session-timeout-extend");
  var closeButton = document.getElementById("session-timeout-close");
  var dismissed = false;  // the expiry notice was closed: stay on the page (what is typed is kept on saving)

  function now() { return Date.now(); }
  function lastRequest() {
    var stored = parseInt(localStorage.getItem(KEY) || "0", 10);
    return Math.max(stored, local);
  }
  var local = now();
  function touched() {
    local = now();
    try { localStorage.setItem(KEY, String(local)); } catch (e) { /* private mode: this tab alone */ }
  }
  function show() {
    if (shown) return;
    shown = true;
    if (modal) { modal.show(); } else { modalEl.setAttribute("aria-hidden", "false"); }
    extendButton.focus();
  }
  function hide() {
    if (!shown) return;
    shown = false;
    if (modal) { modal.hide(); } else { modalEl.setAttribute("aria-hidden", "true"); }
  }
  function format(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function setExpired(isExpired) {
    warning.hidden = isExpired;
    expired.hidden = !isExpired;
    extendButton.hidden = isExpired;
    closeButton.hidden = !isExpired;
  }
  function tick() {
    var left = lastRequest() + idle * 1000 - now();
    if (left > warnBefore) { hide(); setExpired(false); dismissed = false; return; }
    if (dismissed) return;
    countdown.textContent = format(left);
    show();
    if (left <= 0 && extendButton.hidden === false) {
      setExpired(true);
      document.getElementById("session-timeout-login").focus();
    }
  }
  extendButton.addEventListener("click", function () {
    var csrf = (JSON.parse(body.getAttribute("hx-headers") || "{}"))["X-CSRFToken"];
    fetch(extendUrl, {method: "POST", headers: {"X-CSRFToken": csrf}, credentials: "same-origin"})
      .then(function (response) {
        if (response.ok) { touched(); hide(); } else { setExpired(true); document.getElementById("session-timeout-login").focus(); }
      })
      .catch(function () { /* offline: the warning stays, the user can try again */ });
  });
  closeButton.addEventListener("click", function () { dismissed = true; hide(); });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;  // an answer that ended on the login page did not renew anything
    if (event.detail.successful && !(xhr && /\/konto\/login\//.test(xhr.responseURL || ""))) touched();
  });
  window.addEventListener("storage", function (event) { if (event.key === KEY) tick(); });
  touched();
  setInterval(tick, 1000);
})();
