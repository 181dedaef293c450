/*
 * Shows each Wat Telt slider's value as a number in the <output> beside it while it moves (mouse,
 * touch or arrow keys). The page works without it: the slider itself still carries its value.
 */
(function () {
  "use strict";

  function bind(root) {
    root.querySelectorAll("input[type=range][data-wattelt-slider]").forEach(function (input) {
      var output = document.getElementById(input.id + "_waarde");
      if (!output) {
        return;
      }
      var show = function () { output.value = input.value; };
      input.addEventListener("input", show);
      show();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
})();
