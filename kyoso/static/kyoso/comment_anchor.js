// A link to a comment made before comments came in pages (…/issues/5/#comment-7, e.g. in an
// older notification) lands on the first page; if the comment is not on it, ask for the page
// that shows it (?comment=7), which the server starts at that comment's thread.
(function () {
  "use strict";
  var match = /^#comment-(\d+)$/.exec(window.location.hash);
  if (!match || document.getElementById("comment-" + match[1])) {
    return;
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("comment") === match[1]) {
    return;
  }
  params.set("comment", match[1]);
  params.delete("comments_after");
  window.location.replace(window.location.pathname + "?" + params.toString() + window.location.hash);
})();
