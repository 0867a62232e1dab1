// netjournal: the contacts index sorted and filtered in the browser, from disk too.
// Progressive: the table is complete without this script, which only adds a labelled filter
// box, a button in each column header (its state in aria-sort) and a status line that
// screen readers announce. Runs again on each page Material's instant navigation loads.
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  var APOSTROPHES = /['\u2018\u2019]/g;
  var QUOTES = /[\u201c\u201d]/g;
  // Letters Unicode does not decompose into a base letter and a mark (as search.py folds them).
  var LETTERS = {
    "\u00f8": "o", "\u00d8": "o", "\u0142": "l", "\u0141": "l", "\u0111": "d", "\u0110": "d",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "ae", "\u0153": "oe", "\u0152": "oe",
    "\u0131": "i", "\u00fe": "th", "\u00de": "th", "\u00f0": "d", "\u00d0": "d"
  };
  var UNDECOMPOSED = new RegExp("[" + Object.keys(LETTERS).join("") + "]", "g");

  // A name with accents and the same name typed without them match once lower-cased and
  // decomposed (and Ø read as O); one written with an apostrophe, which smarty curls, and
  // the same name typed with a straight one or none once apostrophes are dropped; “ ” read
  // as ".
  function fold(text) {
    return text
      .replace(UNDECOMPOSED, function (letter) {
        return LETTERS[letter];
      })
      .normalize("NFKD")
      .replace(MARKS, "")
      .replace(APOSTROPHES, "")
      .replace(QUOTES, '"')
      .toLowerCase();
  }

  // The words a cell shows; "" for a cell that shows nothing (a dash read as "none").
  function shown(cell) {
    var hidden = cell.querySelector(".nj-screen-reader-only");
    var text = cell.textContent.trim();
    return hidden && text === "—" + hidden.textContent ? "" : text;
  }

  // What a column sorts by: a cell's <data value> when it has one (a stage's place in the
  // VCP order, not its name), else the words it shows.
  function sortKey(cell) {
    var data = cell.querySelector("data[value]");
    return data ? data.value : shown(cell);
  }

  function compare(a, b, numeric) {
    if (a === b) return 0;
    if (a === "") return 1; // empty cells last, whichever the direction
    if (b === "") return -1;
    if (numeric) return parseFloat(a) - parseFloat(b);
    return a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
  }

  function people(count) {
    return count === 1 ? "1 person" : count + " people";
  }

  function enhance(finder) {
    var table = finder.querySelector("table");
    if (!table || finder.hasAttribute("data-nj-ready")) return;
    finder.setAttribute("data-nj-ready", "");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var total = rows.length;
    var id = "nj-filter-" + Math.random().toString(36).slice(2, 8);

    var tools = document.createElement("div");
    tools.className = "nj-finder__tools";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filter by name, company, source, stage, last touch or tag";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "nj-finder__filter";
    input.autocomplete = "off";
    input.spellcheck = false;
    var status = document.createElement("p");
    status.className = "nj-finder__status";
    status.setAttribute("role", "status");
    status.textContent = people(total) + " shown";
    tools.appendChild(label);
    tools.appendChild(input);
    tools.appendChild(status);
    finder.insertBefore(tools, finder.firstChild);

    // Each row's text, folded once, for the filter.
    var words = new Map();
    rows.forEach(function (row) {
      words.set(row, fold(Array.prototype.map.call(row.cells, shown).join(" ")));
    });

    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim()).split(/\s+/).filter(Boolean);
      var count = 0;
      rows.forEach(function (row) {
        var text = words.get(row);
        var match = wanted.every(function (word) {
          return text.indexOf(word) !== -1;
        });
        row.hidden = !match;
        if (match) count += 1;
      });
      status.textContent =
        count === total ? people(total) + " shown" : count + " of " + total + " people shown";
    });

    headers.forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nj-finder__sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      var numeric =
        header.style.textAlign === "right" ||
        (rows.length > 0 && rows[0].cells[column].querySelector("data[value]") !== null);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row, index) {
          return { row: row, key: sortKey(row.cells[column]), index: index };
        });
        keyed.sort(function (a, b) {
          var order = compare(a.key, b.key, numeric);
          if (order !== 0 && a.key !== "" && b.key !== "") order = ascending ? order : -order;
          return order || a.index - b.index;
        });
        keyed.forEach(function (item) {
          body.appendChild(item.row);
        });
        rows = keyed.map(function (item) {
          return item.row;
        });
      });
    });
  }

  function enhanceAll() {
    document.querySelectorAll(".nj-finder").forEach(enhance);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
