// hugomat: one picture of several sets (the `pictures.path_map` option with a list of folders).
// Each visitor gets one set, picked at random on the first visit and remembered for every page.
// This runs inline at the top of <head>, before the style sheets (which hold up every script
// after them): hugomatPreload starts the chosen banner's request there, and a one-line script
// right after each holder fills it with hugomatSets. Without JavaScript the <noscript> copy of
// the first set is shown. Only the chosen picture is ever downloaded: the others wait in inert
// <template>s.
window.hugomatSetIndex = window.hugomatSetIndex || function (key, count) {
  var name = "hugomat-set:" + key;
  var index = NaN;
  try { index = parseInt(localStorage.getItem(name), 10); } catch (error) { /* private mode */ }
  if (!(index >= 0 && index < count)) {
    index = Math.floor(Math.random() * count);
    try { localStorage.setItem(name, String(index)); } catch (error) { /* private mode */ }
  }
  return index;
};
window.hugomatPreload = window.hugomatPreload || function (banner) {
  var chosen = banner.sets[window.hugomatSetIndex(banner.key, banner.sets.length)];
  var link = document.createElement("link");
  link.rel = "preload";
  link.as = "image";
  link.type = chosen.type;
  link.setAttribute("imagesrcset", chosen.srcset);
  link.setAttribute("imagesizes", chosen.sizes);
  link.setAttribute("fetchpriority", "high");
  document.head.appendChild(link);
};
window.hugomatSets = window.hugomatSets || function (holder) {
  if (!holder || holder.hasAttribute("data-hugomat-shown")) return;
  var templates = holder.querySelectorAll("template");
  if (!templates.length) return;
  var key = JSON.parse(holder.getAttribute("data-hugomat-sets"));
  var index = window.hugomatSetIndex(key, templates.length);
  holder.appendChild(templates[index].content.cloneNode(true));
  holder.setAttribute("data-hugomat-shown", String(index));
};
