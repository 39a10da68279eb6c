// The language switch of a page whose parts the other languages' versions
// have too, under the same ids (an instrument's text, its parallel view):
// the link to the other language carries the reader's place, the part named
// by the address's fragment or, when the reader has scrolled, the part at
// the top of the window. Without JavaScript the link goes to the top of
// the other language's page; part pages link part to part and need no
// script. Loaded as an external file (the Content-Security-Policy allows no
// inline script).
const links = document.querySelectorAll('.language-switch a[data-keep-place]');
const parts = document.querySelectorAll('main [data-role][id]');

// The id of the part at the top of the window, or "".
function partInView() {
  let id = '';
  for (const p of parts) {
    if (p.getBoundingClientRect().top > 80) break;
    id = p.id;
  }
  return id;
}

function carry(id) {
  for (const a of links) {
    const u = new URL(a.href);
    u.hash = id ? '#' + id : '';
    a.href = u.href;
  }
}

carry(location.hash.slice(1));
addEventListener('hashchange', () => carry(location.hash.slice(1)));
for (const a of links) {
  // Before the browser follows the link (mouse, touch or keyboard).
  a.addEventListener('click', () => {
    const id = partInView() || location.hash.slice(1);
    carry(id);
  });
}
