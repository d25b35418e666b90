// Directory: after htmx loads another page of results, move the focus to the result count
// (the link that was clicked no longer exists) so keyboard and screen-reader users keep their place.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.detail.target || event.detail.target.id !== "directory-results") {
      return;
    }
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.closest && trigger.closest(".pagination")) {
      var count = document.getElementById("directory-count");
      if (count) {
        count.focus();
        count.scrollIntoView({ block: "start" });
      }
    }
  });
})();
