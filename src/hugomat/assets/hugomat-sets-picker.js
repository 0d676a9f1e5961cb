// hugomat: one picture of several sets (the `pictures.path_map` option with a list of folders).
// Each visitor gets one set, picked at random on the first visit and remembered for every page.
// This runs inline in <head>; a one-line script right after each holder calls it, so the chosen
// picture's request starts while the page is still being parsed. Without JavaScript the
// <noscript> copy of the first set is shown. Only the chosen picture is ever downloaded: the
// others wait in inert <template>s.
window.hugomatSets = window.hugomatSets || function (holder) {
  if (!holder || holder.hasAttribute("data-hugomat-shown")) return;
  var templates = holder.querySelectorAll("template");
  if (!templates.length) return;
  var name = "hugomat-set:" + JSON.parse(holder.getAttribute("data-hugomat-sets"));
  var index = NaN;
  try { index = parseInt(localStorage.getItem(name), 10); } catch (error) { /* private mode */ }
  if (!(index >= 0 && index < templates.length)) {
    index = Math.floor(Math.random() * templates.length);
    try { localStorage.setItem(name, String(index)); } catch (error) { /* private mode */ }
  }
  holder.appendChild(templates[index].content.cloneNode(true));
  holder.setAttribute("data-hugomat-shown", String(index));
};
