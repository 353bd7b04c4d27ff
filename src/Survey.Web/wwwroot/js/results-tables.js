// Results tables (research pages): a table box is a Tab stop, a group named by its heading, only while its table is
// wider than the box and so scrolls sideways (WCAG 2.1.1: a keyboard user can scroll it); a table that fits is not a Tab
// stop. Measured on load and again when the window changes size (a phone turned, zoom). Without this script the
// server's guess stays (tables of four or more columns are Tab stops).
(function () {
  'use strict';
  function update() {
    var boxes = document.querySelectorAll('.table-scroll[data-labelledby]');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'group');
        box.setAttribute('aria-labelledby', box.getAttribute('data-labelledby'));
      } else {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-labelledby');
      }
    }
  }
  var pending = 0;
  window.addEventListener('resize', function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(update);
  });
  update();
}());
