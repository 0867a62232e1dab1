// netjournal: a wide table or code block that scrolls sideways (on a phone) can be reached
// and scrolled from the keyboard (WCAG 2.1.1); Material makes neither focusable.
(function () {
  "use strict";
  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset pre > code";

  function label(scroller) {
    var table = scroller.querySelector("table");
    var heading = table && table.getAttribute("aria-labelledby");
    var named = heading && document.getElementById(heading);
    return named ? named.textContent.replace(/\u00b6\s*$/, "").trim() : "Scrolls sideways";
  }

  function reachable() {
    document.querySelectorAll(SCROLLERS).forEach(function (scroller) {
      var scrolls = scroller.scrollWidth > scroller.clientWidth;
      if (scrolls && !scroller.hasAttribute("tabindex")) {
        scroller.setAttribute("tabindex", "0");
        scroller.setAttribute("data-nj-scroller", "");
        if (scroller.tagName !== "CODE") {
          scroller.setAttribute("role", "region");
          scroller.setAttribute("aria-label", label(scroller));
        }
      } else if (!scrolls && scroller.hasAttribute("data-nj-scroller")) {
        ["tabindex", "data-nj-scroller", "role", "aria-label"].forEach(function (name) {
          scroller.removeAttribute(name);
        });
      }
    });
    document.body.setAttribute("data-nj-scrollers", "ready");
  }

  function soon() {
    // After Material has wrapped the page's tables (its own subscriber runs first).
    window.setTimeout(reachable, 0);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(soon);
  } else {
    document.addEventListener("DOMContentLoaded", soon);
  }
  window.addEventListener("resize", soon);
  // Search results arrive after the page: their code blocks may scroll too. Marked at once
  // (an observer runs before the next task), so no one meets a result not yet reachable.
  // A result's code block may start to scroll only once the search panel has its width (it
  // slides open on a phone), with no change to the list: watch each block's size too.
  var results = document.querySelector(".md-search-result__list");
  var resized =
    typeof window.ResizeObserver !== "undefined" ? new window.ResizeObserver(reachable) : null;
  function arrived() {
    reachable();
    if (resized) {
      resized.disconnect(); // results replaced by the next keystroke's are let go
      results.querySelectorAll("pre > code").forEach(function (code) { resized.observe(code); });
    }
  }
  if (results && typeof window.MutationObserver !== "undefined") {
    new window.MutationObserver(arrived).observe(results, { childList: true });
  }
})();
