/* hugomat: draws the page's Mermaid diagrams with the copy of Mermaid the site serves itself.
 *
 * Each diagram is a <div class="hugomat-mermaid"> holding its source, readable as it is when
 * scripts are off. Mermaid is loaded once (the first page that needs it); pages reached by
 * Material's instant navigation run this script again and reuse it. Diagrams are drawn again
 * when the reader switches between the light and dark palettes.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var library = script && script.getAttribute("data-mermaid");
  var sources = new WeakMap();
  var drawn = 0;

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  // Not just `window.mermaid`: an element with id="mermaid" (a heading "Mermaid") is one too.
  function loaded() {
    return window.mermaid && typeof window.mermaid.render === "function";
  }

  function load(done) {
    if (loaded()) {
      done();
      return;
    }
    var tag = document.createElement("script");
    tag.src = library;
    tag.onload = done;
    document.head.appendChild(tag);
  }

  function draw() {
    var nodes = document.querySelectorAll("div.hugomat-mermaid");
    if (!nodes.length) return;
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark() ? "dark" : "default",
    });
    nodes.forEach(function (node) {
      if (!sources.has(node)) sources.set(node, node.textContent);
      drawn += 1;
      window.mermaid
        .render("hugomat-mermaid-" + drawn, sources.get(node))
        .then(function (result) {
          node.innerHTML = result.svg;
          node.classList.add("hugomat-mermaid--drawn");
        })
        .catch(function (error) {
          // The source stays readable; the reason goes where a writer looks.
          node.textContent = sources.get(node);
          console.error("Mermaid diagram not drawn:", error);
        });
    });
  }

  load(draw);
  new MutationObserver(function () {
    load(draw);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
