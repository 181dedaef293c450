/* Buttons with data-boks-print open the browser's print dialog (no inline script needed). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("[data-boks-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
