// The search page: Pagefind's default UI, run on the query in ?q= (sent by the search field
// in every page's header), with the address kept in step as the reader types so a search can
// be shared or bookmarked. Loaded on this page only (docs/overrides/search-page.html).
// No paths here, so the site can be served from a sub-path: Pagefind takes its folder from
// pagefind-ui.js's own address, and puts that folder's parent in front of result links.
(function () {
  "use strict";

  var element = document.getElementById("search-ui");
  if (!element || typeof window.PagefindUI === "undefined") {
    return;
  }
  // The filters (data-pagefind-filter in each entry's page) are kept in the address too, as
  // ?kind=Event&category=Xinjiang, so a filtered search can be shared.
  var FILTERS = ["kind", "category"];
  var params = new URLSearchParams(window.location.search);
  var query = params.get("q") || "";
  var chosen = {};
  FILTERS.forEach(function (name) {
    var values = params.getAll(name);
    if (values.length) {
      chosen[name] = name === "kind" ? values.slice(-1) : values;
    }
  });
  var wide = window.matchMedia("(min-width: 60em)").matches;
  var ui = new window.PagefindUI({
    element: element,
    showImages: false,
    showSubResults: false,
    // The Default UI waits 300 ms after a key before searching; the search itself takes tens
    // of milliseconds (in a worker, with each key already fetching the index parts it needs),
    // so the pause was most of a reader's wait.
    debounceTimeoutMs: 100,
    // Pagefind's default (pageLength 0.75) lets a long page lose to short ones that mention a
    // word once: "flight" ranked the air-ticket figure, whose title has the word, below three
    // events. Measured on the real data, 0.3 puts the page a reader wants in the top three
    // for "flight", "17.5 million" and "Rongcheng" (tests/test_browser.py).
    ranking: { pageLength: 0.3 },
    autofocus: query === "",
    // on a desk screen the three kinds show at once; on a phone the filters stay folded above
    // the results unless the address chose some
    openFilters: wide ? ["kind"].concat(Object.keys(chosen)) : Object.keys(chosen),
    translations: { placeholder: "For example: Rongcheng points" }
  });
  // Pagefind's input has only a placeholder; give it a visible label (kept outside the part
  // Pagefind draws and redraws).
  var input = element.querySelector(".pagefind-ui__search-input");
  if (input) {
    input.id = "search-ui-q";
    var label = document.createElement("label");
    label.className = "search-page__label";
    label.htmlFor = input.id;
    label.textContent = "Search events, figures and claims";
    element.parentNode.insertBefore(label, element);
  }
  var header = document.getElementById("site-search-q");
  if (header) {
    header.value = query;
  }
  if (Object.keys(chosen).length) {
    ui.triggerFilters(chosen);
  }
  if (query) {
    ui.triggerSearch(query);
  }

  function ticked() {
    var filters = {};
    element.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return filters;
  }

  function keepAddress(filters) {
    var next = new URLSearchParams(window.location.search);
    if (input && input.value) {
      next.set("q", input.value);
    } else {
      next.delete("q");
    }
    FILTERS.forEach(function (name) {
      next.delete(name);
      (filters[name] || []).forEach(function (value) {
        next.append(name, value);
      });
    });
    var search = next.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  // Pagefind keeps a page only if it has every ticked value. Categories narrow that way (an
  // entry can be in several); a page is of one kind only, so ticking a kind unticks the others.
  element.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.classList.contains("pagefind-ui__filter-checkbox")) {
      return;
    }
    var filters = ticked();
    if (box.name === "kind" && box.checked) {
      filters.kind = [box.value];
      ui.triggerFilters(filters);
    }
    keepAddress(filters);
  });

  // the address follows once the reader pauses (Chromium asks for the icon again on each change)
  var pending = null;
  element.addEventListener("input", function (event) {
    if (event.target !== input) {
      return;
    }
    if (header) {
      header.value = input.value;
    }
    clearTimeout(pending);
    pending = setTimeout(function () {
      keepAddress(ticked());
    }, 400);
  });
})();
