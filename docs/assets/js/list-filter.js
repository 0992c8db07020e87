// Listing filters: on a listing page (the sources list), narrow the table's rows by text and by
// the values of the columns named in data-columns (publisher kind, language), and sort them by
// date, in the page. Without JavaScript the page is the plain table (split into pages as
// before). Cell text is read and compared as text only; nothing is written as markup.
(function () {
  "use strict";

  function setup(container) {
    var table = container.parentNode.querySelector("article table") || document.querySelector("article table");
    if (!table) { return; }
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    var tbody = table.querySelector("tbody");
    var rows = Array.prototype.slice.call(tbody.rows);
    var form = document.createElement("form");
    form.className = "timeline-filter__form";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter this list");
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function labelled(text, control) {
      var label = document.createElement("label");
      label.textContent = text + " ";
      label.appendChild(control);
      form.appendChild(label);
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
      return control;
    }
    var text = document.createElement("input");
    text.type = "search";
    text.name = "text";
    labelled("Contains", text);
    var selects = {};
    (container.getAttribute("data-columns") || "").split(" ").filter(Boolean).forEach(function (name) {
      var index = heads.indexOf(name);
      if (index < 0) { return; }
      var select = document.createElement("select");
      select.name = name.toLowerCase();
      var values = {};
      rows.forEach(function (row) { values[row.cells[index].textContent.trim()] = true; });
      [""].concat(Object.keys(values).sort()).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value || "All";
        select.appendChild(option);
      });
      selects[index] = labelled(name, select);
    });
    var sort = document.createElement("select");
    sort.name = "sort";
    [["", "As listed (by id)"], ["newest", "Newest first"], ["oldest", "Oldest first"]].forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      sort.appendChild(option);
    });
    labelled("Sort", sort);
    var count = document.createElement("output");
    count.className = "timeline-filter__count";
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
    container.appendChild(form);

    function dateOf(row) {
      var time = row.querySelector("time");
      return time ? time.getAttribute("datetime") : "";
    }
    function apply() {
      var needle = text.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!needle || row.textContent.toLowerCase().indexOf(needle) !== -1) && Object.keys(selects).every(function (index) {
          var wanted = selects[index].value;
          return !wanted || row.cells[index].textContent.trim() === wanted;
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      var ordered = rows.slice();
      if (sort.value) {
        var sign = sort.value === "newest" ? -1 : 1;
        ordered.sort(function (a, b) {
          var x = dateOf(a), y = dateOf(b);
          if (!x || !y) { return x ? -1 : (y ? 1 : 0); }  // undated last
          return x < y ? -sign : (x > y ? sign : 0);
        });
      }
      ordered.forEach(function (row) { tbody.appendChild(row); });
      count.textContent = shown + " of " + rows.length + " shown";
    }
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".list-filter"), function (container) {
      if (!container.querySelector("form")) { setup(container); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
