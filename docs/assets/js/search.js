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
  var query = new URLSearchParams(window.location.search).get("q") || "";
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
  if (query) {
    ui.triggerSearch(query);
  }

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
      var params = new URLSearchParams(window.location.search);
      if (input.value) {
        params.set("q", input.value);
      } else {
        params.delete("q");
      }
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }, 400);
  });
})();
