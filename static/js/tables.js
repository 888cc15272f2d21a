// Progressive enhancement: a table that scrolls sideways (on a phone) can be scrolled with the
// keyboard too. A scrolling wrapper becomes a focusable, named region; a table that scrolls by
// itself only becomes focusable (a role would hide that it is a table).
(function () {
  "use strict";
  var selector = ".table-wrap, .table-scroll, .site-main table";

  function nameOf(element) {
    var table = element.tagName === "TABLE" ? element : element.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var section = element.closest("section, article");
    var heading = section && section.querySelector("h2, h3");
    return heading ? heading.textContent.trim() : "";
  }

  function update() {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (element) {
      var scrolls = element.scrollWidth > element.clientWidth + 1;
      if (scrolls && !element.hasAttribute("tabindex")) {
        element.setAttribute("tabindex", "0");
        element.setAttribute("data-scroll-focus", "");
        if (element.tagName !== "TABLE") {
          element.setAttribute("role", "region");
          var name = nameOf(element);
          if (name) element.setAttribute("aria-label", name);
        }
      } else if (!scrolls && element.hasAttribute("data-scroll-focus")) {
        element.removeAttribute("tabindex");
        element.removeAttribute("data-scroll-focus");
        if (element.tagName !== "TABLE") {
          element.removeAttribute("role");
          element.removeAttribute("aria-label");
        }
      }
    });
  }

  update();
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 150);
  });
})();
