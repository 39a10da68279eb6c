// Search page: runs the query in ?q= against the Pagefind index of the
// page's language (Pagefind picks it from <html lang>), with the filters in
// the URL, and lists clauses first, then notes. Pagefind is only fetched
// when there is something to search. Everything else on the site works
// without JavaScript; this page says so in <noscript>.

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const out = document.getElementById("search-results");
const filterBox = document.getElementById("search-filters");
const t = form.dataset;

let pagefind = null;
async function load() {
  if (!pagefind) {
    pagefind = await import(t.pagefind);
    await pagefind.options({ bundlePath: t.bundle });
    await pagefind.init();
  }
  return pagefind;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

// Pagefind's excerpt is escaped page text with <mark> around matches; it
// is parsed, and only text and <mark> are kept.
function excerpt(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  const p = el("p", { class: "search-excerpt" });
  for (const n of tpl.content.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) p.append(n.textContent);
    else if (n.nodeName === "MARK") p.append(el("mark", {}, n.textContent));
    else p.append(n.textContent);
  }
  return p;
}

async function renderFilters(pf, params) {
  const available = await pf.filters();
  filterBox.replaceChildren();
  for (const [name, values] of Object.entries(available)) {
    const id = "filter-" + name.replace(/\W+/g, "-");
    const select = el("select", { id, name: "f:" + name });
    select.append(el("option", { value: "" }, t.any));
    for (const v of Object.keys(values).sort()) {
      const o = el("option", { value: v }, v);
      if (params.get("f:" + name) === v) o.selected = true;
      select.append(o);
    }
    select.addEventListener("change", () => form.requestSubmit());
    filterBox.append(el("p", { class: "search-filter" }, el("label", { for: id }, name), select));
  }
}

function resultItem(d) {
  const meta = d.meta || {};
  const head = el("p", { class: "search-result-meta" });
  if (meta.kind === "note") head.append(el("span", { class: "search-kind" }, t.noteLabel), " · ");
  if (meta.instrument) head.append(meta.instrument);
  if (meta.label) head.append(" · ", meta.label);
  return el("li", { class: "search-result" },
    el("h3", {}, el("a", { href: d.url }, meta.title || d.url)),
    head,
    excerpt(d.excerpt || ""));
}

async function run() {
  const params = new URLSearchParams(location.search);
  const q = (params.get("q") || "").trim();
  input.value = q;
  if (!q) return;
  status.textContent = t.loading;
  const pf = await load();
  await renderFilters(pf, params);
  const filters = {};
  for (const [k, v] of params) if (k.startsWith("f:") && v) filters[k.slice(2)] = v;
  const search = await pf.search(q, { filters });
  const data = await Promise.all(search.results.slice(0, 40).map((r) => r.data()));
  // Readers want the clause: parts first, then notes; within each, results
  // holding the query as a phrase (Pagefind matches words separately) come
  // first, otherwise in Pagefind's order.
  const norm = (s) => (s || "").toLowerCase().replace(/\s+/g, "");
  const phrase = norm(q);
  const byPhrase = (list) => [
    ...list.filter((d) => norm(d.content + d.excerpt).includes(phrase)),
    ...list.filter((d) => !norm(d.content + d.excerpt).includes(phrase)),
  ];
  const parts = byPhrase(data.filter((d) => (d.meta || {}).kind !== "note"));
  const notes = byPhrase(data.filter((d) => (d.meta || {}).kind === "note"));
  out.replaceChildren();
  status.textContent = data.length ? t.results.replace("{n}", String(search.results.length)) : t.noResults;
  for (const [title, list, cls] of [[t.clauses, parts, "clauses"], [t.notes, notes, "notes"]]) {
    if (!list.length) continue;
    out.append(el("h2", {}, title), el("ol", { class: "search-list search-" + cls }, ...list.map(resultItem)));
  }
}

run().catch((e) => {
  status.textContent = String(e);
  console.error(e);
});
