/* hugomat: turns a video's link into its player when the reader clicks it.
 *
 * Each video is a <div class="hugomat-video" data-embed="PLAYER URL" data-title="..."> holding
 * a link to the video on its site: nothing is loaded from that site before the click, and
 * without scripts the link leads there. One listener on the document serves every page
 * (Material's instant navigation runs this script again on each page: it adds nothing then).
 */
(function () {
  "use strict";
  if (window.hugomatVideo) return;
  window.hugomatVideo = true;

  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var link = event.target.closest && event.target.closest(".hugomat-video__link");
    var box = link && link.closest(".hugomat-video");
    var src = box && box.getAttribute("data-embed");
    if (!src) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = box.getAttribute("data-title") || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "hugomat-video__player";
    box.replaceChildren(frame);
    box.classList.add("hugomat-video--playing");
    frame.focus();
  });
})();
