/* Jobspor: draw a signature with a finger or pen on the signing screen (progressive enhancement: without script
   the pad stays hidden and the typed name alone signs). Pointer events cover touch, pen and mouse. The drawing is
   sent as a PNG data URL in the form's hidden "drawing" field; the server keeps it with the version's hash. */
(function () {
  "use strict";

  function setUp(pad) {
    var canvas = pad.querySelector("canvas");
    var field = document.getElementById(pad.getAttribute("data-drawpad"));
    var clear = pad.querySelector("[data-drawpad-clear]");
    if (!canvas || !field || !canvas.getContext) { return; }
    var ctx = canvas.getContext("2d");
    var drawing = false, drawn = false, last = null;

    // Sharp lines on high-density screens: the bitmap follows the displayed size times the pixel ratio.
    function resize() {
      var ratio = Math.min(window.devicePixelRatio || 1, 3);
      var box = canvas.getBoundingClientRect();
      if (!box.width) { return; }
      canvas.width = Math.round(box.width * ratio);
      canvas.height = Math.round(box.height * ratio);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 2.5;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.strokeStyle = "#1a1a1a";
      reset();
    }

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return {x: event.clientX - box.left, y: event.clientY - box.top};
    }

    function reset() {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      field.value = "";
      if (clear) { clear.disabled = true; }
    }

    canvas.addEventListener("pointerdown", function (event) {
      if (event.button !== undefined && event.button !== 0) { return; }
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      drawing = true;
      last = point(event);
      ctx.beginPath();
      ctx.arc(last.x, last.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fill();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      event.preventDefault();
      var events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      for (var i = 0; i < events.length; i++) {
        last = point(events[i]);
        ctx.lineTo(last.x, last.y);
      }
      ctx.stroke();
    });
    function end() {
      if (!drawing) { return; }
      drawing = false;
      drawn = true;
      field.value = canvas.toDataURL("image/png");
      if (clear) { clear.disabled = false; }
    }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    if (clear) { clear.addEventListener("click", reset); }

    pad.hidden = false;
    resize();
    window.addEventListener("resize", function () { if (!drawn) { resize(); } });
  }

  function init() {
    var pads = document.querySelectorAll("[data-drawpad]");
    for (var i = 0; i < pads.length; i++) { setUp(pads[i]); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
