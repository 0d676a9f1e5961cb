/* hugomat: starts the asciinema player, which the site serves itself, on each recording.
 *
 * Each recording is a <div class="hugomat-asciinema" data-cast="..." data-options="{...}">
 * holding a link to its cast file, which stays when scripts are off.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var player = script && script.getAttribute("data-player");
  var style = script && script.getAttribute("data-style");

  function addStyle() {
    if (!style || document.querySelector('link[data-hugomat="asciinema"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = style;
    link.setAttribute("data-hugomat", "asciinema");
    document.head.appendChild(link);
  }

  // Not just `window.AsciinemaPlayer`: an element with that id would be one too.
  function load(done) {
    if (window.AsciinemaPlayer && typeof window.AsciinemaPlayer.create === "function") {
      done();
      return;
    }
    var tag = document.createElement("script");
    tag.src = player;
    tag.onload = done;
    document.head.appendChild(tag);
  }

  function start() {
    document.querySelectorAll("div.hugomat-asciinema[data-cast]").forEach(function (node) {
      if (node.getAttribute("data-started")) return;
      var options = {};
      try {
        options = JSON.parse(node.getAttribute("data-options") || "{}");
      } catch (error) {
        console.error("asciinema options not read:", error);
      }
      node.setAttribute("data-started", "true");
      var fallback = node.innerHTML;
      node.innerHTML = "";
      try {
        window.AsciinemaPlayer.create(node.getAttribute("data-cast"), node, options);
      } catch (error) {
        node.innerHTML = fallback;
        console.error("asciinema player not started:", error);
      }
    });
  }

  addStyle();
  load(start);
})();
