/* Jobspor dictation: a "Diktér" button under every textarea[data-dictation].

   Diktér records from the microphone in the browser (MediaRecorder); Stop sends the recording to Jobspor
   (data-dictation is the URL), which passes it to the speech server and answers {"text": ...} or {"error": ...}.
   The text is put in where the cursor is, for the user to correct; "//" standard texts work on it as on typed
   text. On any failure the field is left exactly as it was and the Danish message is shown next to the button.
   The recording lives only in this page's memory until it is sent; nothing is stored. Texts come from the
   script tag's data-texts (translated by the server). */
(function () {
  "use strict";
  if (window.jobsporDictation) { return; }  // loaded once per page, however many fields have it
  window.jobsporDictation = true;

  var script = document.currentScript;
  var TEXTS = JSON.parse((script && script.getAttribute("data-texts")) || "{}");
  var TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];

  function supported() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder);
  }

  function csrfToken(field) {
    var input = (field.form && field.form.querySelector("input[name=csrfmiddlewaretoken]"))
      || document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) { return input.value; }
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }

  function say(control, text, isError) {
    control.status.textContent = text || "";
    control.status.classList.toggle("jobspor-dictation-error", !!isError);
  }

  // Put the text where the cursor is (at the end if the field was never focused), a space either side as needed.
  function insert(field, text) {
    var start = field.selectionStart == null ? field.value.length : field.selectionStart;
    var end = field.selectionEnd == null ? start : field.selectionEnd;
    var before = field.value.slice(0, start), after = field.value.slice(end);
    var lead = before && !/\s$/.test(before) ? " " : "";
    var tail = after && !/^\s/.test(after) ? " " : "";
    field.value = before + lead + text + tail + after;
    var caret = (before + lead + text).length;
    field.focus();
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new Event("input", {bubbles: true}));  // other scripts ("//" texts) see the change
  }

  function send(control, blob) {
    var field = control.field;
    control.button.disabled = true;
    say(control, TEXTS.working);
    fetch(field.getAttribute("data-dictation"), {
      method: "POST", body: blob, credentials: "same-origin",
      headers: {"Content-Type": blob.type, "X-CSRFToken": csrfToken(field), "Accept": "application/json"}
    }).then(function (response) {
      return response.json().catch(function () { return {error: TEXTS.failed}; });
    }).then(function (answer) {
      if (answer.error || typeof answer.text !== "string") { say(control, answer.error || TEXTS.failed, true); }
      else if (!answer.text.trim()) { say(control, TEXTS.empty, true); }
      else { insert(field, answer.text.trim()); say(control, TEXTS.done); }
    }, function () {
      say(control, TEXTS.failed, true);
    }).then(function () {
      control.button.disabled = false;
    });
  }

  function stop(control) {
    if (control.recorder && control.recorder.state !== "inactive") { control.recorder.stop(); }
  }

  function start(control) {
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      var type = TYPES.filter(function (t) { return MediaRecorder.isTypeSupported(t); })[0];
      var options = {audioBitsPerSecond: 32000};  // plenty for speech: two minutes are about 0.5 MB
      if (type) { options.mimeType = type; }
      var recorder = new MediaRecorder(stream, options);
      var chunks = [];
      control.recorder = recorder;
      recorder.addEventListener("dataavailable", function (event) {
        if (event.data && event.data.size) { chunks.push(event.data); }
      });
      recorder.addEventListener("stop", function () {
        clearTimeout(control.limit);
        stream.getTracks().forEach(function (track) { track.stop(); });  // the microphone is released
        control.button.textContent = TEXTS.start;
        control.button.classList.remove("jobspor-dictation-recording");
        control.button.setAttribute("aria-pressed", "false");
        control.recorder = null;
        var blob = new Blob(chunks, {type: recorder.mimeType || type || "audio/webm"});
        chunks = [];
        send(control, blob);
      });
      recorder.start();
      control.button.textContent = TEXTS.stop;
      control.button.classList.add("jobspor-dictation-recording");
      control.button.setAttribute("aria-pressed", "true");
      say(control, TEXTS.recording);
      var seconds = parseInt(control.field.getAttribute("data-dictation-max-seconds"), 10) || 120;
      control.limit = setTimeout(function () { stop(control); }, seconds * 1000);
    }, function () {
      say(control, TEXTS.no_mic, true);
    });
  }

  function wire(root) {
    if (!supported()) { return; }  // no microphone API (an old browser, or a page not served over HTTPS)
    var fields = root.querySelectorAll ? root.querySelectorAll("textarea[data-dictation]") : [];
    Array.prototype.forEach.call(fields, function (field) {
      if (field.getAttribute("data-dictation-wired")) { return; }
      field.setAttribute("data-dictation-wired", "1");
      var box = document.createElement("div");
      box.className = "jobspor-dictation";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-secondary jobspor-dictation-button";
      button.textContent = TEXTS.start;
      button.setAttribute("aria-pressed", "false");
      if (field.id) { button.setAttribute("aria-controls", field.id); }
      var status = document.createElement("span");
      status.className = "jobspor-dictation-status";
      status.setAttribute("role", "status");
      box.appendChild(button);
      box.appendChild(status);
      field.insertAdjacentElement("afterend", box);
      var control = {field: field, button: button, status: status, recorder: null, limit: null};
      button.addEventListener("click", function () {
        if (control.recorder) { stop(control); } else { start(control); }
      });
    });
  }

  wire(document);
  document.addEventListener("htmx:load", function (event) { wire(event.detail.elt); });
})();
