// Sortable leaderboard tables: the tables are complete, ranked HTML without this script; it only lets a reader
// re-sort by a column. Cells with data-value sort as numbers, others by Vietnamese text order.
(function () {
  "use strict";

  function key(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-value");
    return value === null ? cell.textContent.trim() : parseFloat(value);
  }

  function sort(table, index, button) {
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index), y = key(b, index);
      var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "vi");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sk-sort";
      button.textContent = header.textContent;
      button.addEventListener("click", function () { sort(table, index, button); });
      header.textContent = "";
      header.appendChild(button);
    });
  }

  document.querySelectorAll("table.sk-sortable").forEach(enhance);
})();
