/* Practice-card filters and the deck's print button.
 *
 * Plain JavaScript, no framework, nothing loaded from the network. The page
 * ships the controls in place but disabled (nothing moves when they come to
 * life: no layout shift); this script enables them. It sets up the page it was
 * loaded on itself, not through Material's `document$`: opened from disk
 * (file://), Material's instant navigation cannot run and `document$` may never
 * emit. With instant navigation (served over http), `document$` emits for every
 * page it swaps in, so the grid is set up again each time it is reached. The
 * filter state lives in the URL query (?situation=…&time=30) so a filtered view
 * can be shared, on a server and from disk alike.
 */
(function () {
  "use strict";

  var FACETS = ["for", "situation", "principle", "tag", "time", "people"];
  // Which data-* attribute of a card each filter reads ("for": a team edition's start-here and recommended cards).
  var ATTRIBUTES = { for: "for", situation: "situations", principle: "principle", tag: "tags", people: "people" };

  function tokens(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function matches(card, state) {
    return FACETS.every(function (name) {
      var wanted = state[name];
      if (!wanted) return true;
      if (name === "time") return Number(card.getAttribute("data-minutes")) <= Number(wanted);
      return tokens(card.getAttribute("data-" + ATTRIBUTES[name])).indexOf(wanted) !== -1;
    });
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  function setUpFilters() {
    var form = document.getElementById("pb-filters");
    if (!form || form.getAttribute("data-pb-ready")) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll(".pb-card"));
    var count = form.querySelector(".pb-count");
    var empty = document.querySelector(".pb-empty");

    function readState() {
      var state = {};
      FACETS.forEach(function (name) {
        var select = form.elements[name];
        if (select && select.value) state[name] = select.value;
      });
      return state;
    }

    function apply(updateUrl) {
      var state = readState();
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, state);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) {
        // the page writes both sentences in its language (data-all, data-some: "%(shown)s" is the number shown)
        count.textContent = shown === cards.length
          ? count.getAttribute("data-all") || "Showing all " + cards.length + " cards."
          : (count.getAttribute("data-some") || "Showing %(shown)s of " + cards.length + " cards.")
            .replace("%(shown)s", String(shown));
      }
      if (empty) empty.hidden = shown !== 0;
      if (updateUrl && window.history && history.replaceState) {
        var params = new URLSearchParams(location.search);
        FACETS.forEach(function (name) {
          if (state[name]) params.set(name, state[name]); else params.delete(name);
        });
        var query = params.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    FACETS.forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name);
      if (select && value !== null && hasOption(select, value)) select.value = value;
    });

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    var resetLink = document.querySelector(".pb-reset-link");
    if (resetLink) {
      resetLink.addEventListener("click", function (event) {
        event.preventDefault();
        form.reset();
        var first = form.querySelector("select");
        if (first) first.focus();
      });
    }
    Array.prototype.forEach.call(form.elements, function (control) { control.disabled = false; });
    form.hidden = false;
    form.setAttribute("data-pb-ready", "1");
    apply(false);
    document.documentElement.classList.remove("pb-filtering");  // added by the grid page's inline script
  }

  function setUpPrint() {
    Array.prototype.forEach.call(document.querySelectorAll(".pb-print"), function (button) {
      if (button.getAttribute("data-pb-ready")) return;
      button.setAttribute("data-pb-ready", "1");
      button.addEventListener("click", function () { window.print(); });
      button.hidden = false;
      button.disabled = false;
    });
  }

  function setUp() {
    setUpFilters();
    setUpPrint();
  }

  // This page: now if it is parsed, else as soon as it is (both guarded by data-pb-ready).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  // Pages Material's instant navigation swaps in later (only when served over http).
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  }
})();
