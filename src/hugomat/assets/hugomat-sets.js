// hugomat: pictures in sets (the `pictures.path_map` option with a list of folders). Each
// visitor gets one set, picked at random on the first visit and remembered for every page;
// without JavaScript the first set is shown. Only the chosen picture is ever downloaded: the
// others wait in inert <template>s.
(function () {
  function pick(key, count) {
    var name = "hugomat-set:" + key;
    var index = NaN;
    try { index = parseInt(localStorage.getItem(name), 10); } catch (error) { /* private mode */ }
    if (!(index >= 0 && index < count)) {
      index = Math.floor(Math.random() * count);
      try { localStorage.setItem(name, String(index)); } catch (error) { /* private mode */ }
    }
    return index;
  }

  function show() {
    var holders = document.querySelectorAll("[data-hugomat-sets]:not([data-hugomat-shown])");
    Array.prototype.forEach.call(holders, function (holder) {
      var templates = holder.querySelectorAll("template");
      if (!templates.length) return;
      var index = pick(JSON.parse(holder.getAttribute("data-hugomat-sets")), templates.length);
      holder.appendChild(templates[index].content.cloneNode(true));
      holder.setAttribute("data-hugomat-shown", String(index));
    });
  }

  // Material's instant navigation swaps pages without reloading: it announces each on document$.
  if (window.document$) {
    window.document$.subscribe(show);
  } else if (document.readyState !== "loading") {
    show();
  } else {
    document.addEventListener("DOMContentLoaded", show);
  }
})();
