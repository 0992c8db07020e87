// Timeline filters: narrow the events on a timeline page by theme, place and status, and show
// them oldest or newest first, in the page, without reloading. No dependencies; the page works
// fully without it (oldest first; the theme and place timelines give the same reach). The
// state is kept in the URL's query string (?category=…&order=newest), so a view can be shared.
(function () {
  "use strict";

  function setup(container) {
    var labels = JSON.parse(container.getAttribute("data-labels") || "{}");
    var items = Array.prototype.slice.call(document.querySelectorAll("ol.timeline > li"));
    // each year's heading and list, and each list's items, in the page's own (oldest-first) order
    var groups = Array.prototype.slice.call(document.querySelectorAll("ol.timeline")).map(function (list) {
      var heading = list.previousElementSibling;
      return {
        heading: heading && /^H[23]$/.test(heading.tagName) ? heading : null,
        list: list,
        items: Array.prototype.slice.call(list.children)
      };
    });
    var marker = groups.length ? document.createComment("timeline") : null;
    if (marker) {
      var first = groups[0].heading || groups[0].list;
      first.parentNode.insertBefore(marker, first);
    }
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
    var orderLabel = document.createElement("label");
    orderLabel.textContent = "Order ";
    var order = document.createElement("select");
    order.name = "order";
    [["oldest", "Oldest first"], ["newest", "Newest first"]].forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      order.appendChild(option);
    });
    order.value = params.get("order") === "newest" ? "newest" : "oldest";
    order.addEventListener("change", apply);
    orderLabel.appendChild(order);
    form.appendChild(orderLabel);
    var count = document.createElement("output");
    count.className = "timeline-filter__count";
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    container.appendChild(form);
    var details = container.closest("details");
    if (details && Object.keys(names).concat(["order"]).some(function (key) { return params.get(key); })) {
      details.open = true;
    }

    function arrange() {
      if (!marker) { return; }
      var newest = order.value === "newest";
      var parent = marker.parentNode;
      var after = marker;
      (newest ? groups.slice().reverse() : groups).forEach(function (group) {
        (newest ? group.items.slice().reverse() : group.items).forEach(function (item) { group.list.appendChild(item); });
        [group.heading, group.list].forEach(function (node) {
          if (node && node.parentNode === parent) {
            parent.insertBefore(node, after.nextSibling);
            after = node;
          }
        });
      });
    }

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
      if (order.value === "newest") { query.set("order", "newest"); }
      arrange();
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
