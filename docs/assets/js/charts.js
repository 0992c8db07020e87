// Charts: read a value off a figure's chart by pointing at it, tapping it or moving to it with
// the Tab key. Each value in the SVG is a focusable part (scripts/tracker/charts.py) named with
// its date, value and source number; this shows that name in a box beside it. Without
// JavaScript the table below the chart holds the same values. Text only (textContent), so
// nothing from the data is ever read as markup.
(function () {
  "use strict";

  function setup(figure) {
    var svg = figure.querySelector("svg.chart");
    if (!svg) { return; }
    var tip = document.createElement("div");
    tip.className = "chart-tip";
    tip.setAttribute("role", "status");
    tip.hidden = true;
    figure.appendChild(tip);
    var current = null;

    function show(point) {
      current = point;
      tip.textContent = point.getAttribute("aria-label");
      tip.hidden = false;
      var box = point.getBoundingClientRect();
      var frame = figure.getBoundingClientRect();
      var left = box.left + box.width / 2 - frame.left - tip.offsetWidth / 2;
      left = Math.max(0, Math.min(left, frame.width - tip.offsetWidth));
      var top = box.top - frame.top - tip.offsetHeight - 6;
      if (top < 0) { top = box.bottom - frame.top + 6; }
      tip.style.left = left + "px";
      tip.style.top = top + "px";
      Array.prototype.forEach.call(svg.querySelectorAll(".chart-point.is-active"), function (p) { p.classList.remove("is-active"); });
      point.classList.add("is-active");
    }
    function hide() {
      current = null;
      tip.hidden = true;
      Array.prototype.forEach.call(svg.querySelectorAll(".chart-point.is-active"), function (p) { p.classList.remove("is-active"); });
    }
    function pointOf(event) {
      return event.target.closest ? event.target.closest(".chart-point") : null;
    }
    svg.addEventListener("focusin", function (event) { var p = pointOf(event); if (p) { show(p); } });
    svg.addEventListener("focusout", hide);
    svg.addEventListener("pointerover", function (event) { var p = pointOf(event); if (p) { show(p); } });
    svg.addEventListener("pointerleave", function () { if (current && document.activeElement !== current) { hide(); } });
    // a tap (touch) shows the value and keeps it until another tap
    svg.addEventListener("click", function (event) { var p = pointOf(event); if (p) { show(p); } else { hide(); } });
    figure.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".chart-figure"), function (figure) {
      if (!figure.querySelector(".chart-tip")) { setup(figure); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
