// Filters for the function list (status chips, module select, name search) and caller/callee link jumps.
(function () {
  "use strict";
  var state = { status: "all", module: "all", name: "" };
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.fn"));
  var chips = Array.prototype.slice.call(document.querySelectorAll(".chip[data-status]"));
  var moduleSelect = document.getElementById("module-filter");
  var nameInput = document.getElementById("name-filter");
  var count = document.getElementById("shown-count");

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (state.status === "all" || row.dataset.status === state.status) &&
               (state.module === "all" || row.dataset.module === state.module) &&
               row.dataset.name.toLowerCase().indexOf(state.name) !== -1;
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    chips.forEach(function (chip) {
      chip.setAttribute("aria-pressed", String(chip.dataset.status === state.status));
    });
    count.textContent = shown + " of " + rows.length + " shown";
  }

  chips.forEach(function (chip) {
    chip.addEventListener("click", function () { state.status = chip.dataset.status; apply(); });
  });
  moduleSelect.addEventListener("change", function () { state.module = moduleSelect.value; apply(); });
  nameInput.addEventListener("input", function () { state.name = nameInput.value.trim().toLowerCase(); apply(); });

  // A link to a caller or callee opens that function, clearing filters that would hide it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.classList.contains("fn")) { return; }
    if (target.hidden) {
      state = { status: "all", module: "all", name: "" };
      moduleSelect.value = "all";
      nameInput.value = "";
      apply();
    }
    target.querySelector("details").open = true;
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
}());
