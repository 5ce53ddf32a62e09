// Buttons that open or close every explanation at once, shown only where
// this script runs; and every explanation opened for printing, then put
// back as it was.
(function () {
  "use strict";
  var all = function () { return document.querySelectorAll("details"); };
  document.querySelectorAll(".controls").forEach(function (controls) {
    controls.hidden = false;
    controls.querySelectorAll("button[data-open]").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-open") === "true";
        all().forEach(function (d) { d.open = open; });
      });
    });
  });
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = [];
    all().forEach(function (d) {
      if (!d.open) { closed.push(d); d.open = true; }
    });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();
