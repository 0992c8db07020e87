// Timeline filters: narrow the events on a timeline page by theme, place and status, in the
// page, without reloading. No dependencies; the page works fully without it (the theme and
// place timelines give the same reach). The filter state is kept in the URL's query string,
// so a filtered view can be shared.
(function () {
  "use strict";

  function setup(container) {
    var labels = JSON.parse(container.getAttribute("data-labels") || "{}");
    var items = Array.prototype.slice.call(document.querySelectorAll("ol.timeline > li"));
    var params = new URLSearchParams(window.location.search);
    var names = { category: "Theme", place: "Place", status: "Status" };
    var attrs = { category: "data-categories", place: "data-places", status: "data-status" };
    var selects = {};
    var form = document.createElement("form");
    form.className = "timeline-filter__form";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter events");

    Object.keys(names).forEach(function (key) {
      var label = document.createElement("label");
      label.textContent = names[key] + " ";
      var select = document.createElement("select");
      select.name = key;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "All";
      select.appendChild(any);
      Object.keys(labels[key] || {}).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = labels[key][value];
        select.appendChild(option);
      });
      select.value = params.get(key) || "";
      select.addEventListener("change", apply);
      label.appendChild(select);
      form.appendChild(label);
      selects[key] = select;
    });
    var count = document.createElement("output");
    count.className = "timeline-filter__count";
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    container.appendChild(form);

    function apply() {
      var shown = 0;
      var query = new URLSearchParams();
      items.forEach(function (item) {
        var visible = Object.keys(selects).every(function (key) {
          var wanted = selects[key].value;
          if (!wanted) { return true; }
          return (item.getAttribute(attrs[key]) || "").split(" ").indexOf(wanted) !== -1;
        });
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      Object.keys(selects).forEach(function (key) {
        if (selects[key].value) { query.set(key, selects[key].value); }
      });
      // hide year headings and lists left empty
      document.querySelectorAll("ol.timeline").forEach(function (list) {
        var empty = !list.querySelector("li:not([hidden])");
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && /^H[23]$/.test(heading.tagName)) { heading.hidden = empty; }
      });
      count.textContent = shown + " of " + items.length + " events";
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
    apply();
  }

  function init() {
    document.querySelectorAll(".timeline-filter").forEach(function (container) {
      if (!container.querySelector("form")) { setup(container); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
