// hugomat: pictures in sets, after the page has loaded. Pages are normally filled while they
// are parsed (hugomat-sets-picker.js, inline in <head>); this fills what that left: pages that
// Material's instant navigation swapped in, and pages whose <head> has no picker (an ejected
// book). The plugin serves this file with the picker prepended.
(function () {
  function show() {
    var holders = document.querySelectorAll("[data-hugomat-sets]:not([data-hugomat-shown])");
    Array.prototype.forEach.call(holders, window.hugomatSets);
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
