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
    // No web worker: the index is small, and the worker's script would
    // add to the first search's bytes.
    await pagefind.options({ bundlePath: t.bundle, noWorker: true });
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

const ZWSP = /\u200B/g;

// What a part indexes but never shows comes last in its content: its
// search terms (its themes' names and keywords). Pagefind's excerpt may
// fall there; meta.terms gives their length in characters (each with the
// space that follows it in Pagefind's content). The excerpt keeps the
// characters before them, and an excerpt of terms alone becomes the
// opening of the page's text: what is shown is the official text.
function official(d, text) {
  const terms = Number((d.meta || {}).terms || 0);
  if (!terms) return text;
  const c = [...(d.content || "").replace(ZWSP, "")];
  const x = [...text];
  const t0 = c.length - terms;
  const s = c.join("");
  const found = s.lastIndexOf(text);
  if (t0 < 0 || found < 0) return text;
  const at = [...s.slice(0, found)].length;
  if (at + x.length <= t0) return text; // all in the shown text
  if (at < t0) return x.slice(0, t0 - at).join("");
  return c.slice(0, Math.min(x.length, t0)).join("");
}

// The index holds the official (Simplified) text only: a query in
// Traditional characters is converted, character by character, with the
// map ingest computes from the corpus (data-hans), fetched only for a
// query in Han characters.
async function simplified(q) {
  if (!t.hans || !/\p{Script=Han}/u.test(q)) return q;
  const res = await fetch(t.hans, { integrity: t.hansIntegrity });
  const hans = await res.json();
  return [...q].map((ch) => hans[ch] || ch).join("");
}

// Pagefind's excerpt is escaped page text with <mark> around matches; it
// is parsed, and only text and <mark> are kept.
function excerpt(d) {
  const tpl = document.createElement("template");
  tpl.innerHTML = (d.excerpt || "").replace(ZWSP, "");
  // The excerpt as text, without Pagefind's ellipses, and the marked spans
  // as code-point offsets into it.
  let text = "";
  const marks = [];
  for (const n of tpl.content.childNodes) {
    const s = n.textContent;
    if (n.nodeName === "MARK") marks.push([[...text].length, [...text].length + [...s].length]);
    text += s;
  }
  const lead = text.startsWith("…") ? 1 : 0;
  const tail = text.endsWith("…") && text.length > 1 ? 1 : 0;
  const inner = [...text].slice(lead, [...text].length - tail).join("");
  const shown = official(d, inner);
  if ([...shown].length !== [...inner].length) marks.length = 0;
  const chars = [...(lead ? "…" : "") + shown + (tail ? "…" : "")];
  const p = el("p", { class: "search-excerpt" });
  let i = 0;
  for (const [a, b] of marks) {
    if (a < i) continue;
    p.append(chars.slice(i, a).join(""), el("mark", {}, chars.slice(a, b).join("")));
    i = b;
  }
  p.append(chars.slice(i).join(""));
  return p;
}

async function renderFilters(pf, params) {
  const available = await pf.filters();
  filterBox.replaceChildren();
  // Ids by position: a filter's name may be in any script (\W would make
  // every Chinese name "filter--", one id for several selects).
  for (const [i, [name, values]] of Object.entries(available).entries()) {
    const id = "filter-" + i;
    const select = el("select", { id, name: "f:" + name, form: form.id });
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
    excerpt(d));
}

// Results are shown, and their fragments fetched, a page at a time: a
// broad query fetches what the reader sees, not every match. Notes, longer
// and listed after the clauses, come fewer at a time.
const PAGE = { clauses: 10, notes: 5 };

// Within a page, results holding the query as a phrase (Pagefind matches
// words separately) come first, otherwise in Pagefind's order.
function byPhrase(q, list) {
  const norm = (s) => (s || "").toLowerCase().replace(/[\s\u200B]+/g, "");
  const phrase = norm(q);
  const has = (d) => norm(d.content).includes(phrase);
  return [...list.filter(has), ...list.filter((d) => !has(d))];
}

// A list of results (clauses or notes) with a button for the next page.
async function renderList(q, title, cls, results) {
  if (!results.length) return;
  const list = el("ol", { class: "search-list search-" + cls });
  const more = el("button", { type: "button", class: "search-more" }, t.more);
  let shown = 0;
  const next = async () => {
    const page = results.slice(shown, shown + PAGE[cls]);
    shown += page.length;
    const items = byPhrase(q, await Promise.all(page.map((r) => r.data()))).map(resultItem);
    list.append(...items);
    more.hidden = shown >= results.length;
    return items;
  };
  more.addEventListener("click", async () => {
    const items = await next();
    if (items.length) items[0].querySelector("a").focus();
  });
  out.append(el("h2", {}, title), list, more);
  await next();
}

function countText(n) {
  const form = new Intl.PluralRules(document.documentElement.lang).select(n);
  return (form === "one" ? t.resultsOne : t.resultsOther).replace("{n}", String(n));
}

// Nothing found: offer the same query in the other editions.
function showElsewhere(q) {
  const box = document.getElementById("search-elsewhere");
  for (const a of box.querySelectorAll("a")) {
    const u = new URL(a.getAttribute("href"), location.href);
    u.search = new URLSearchParams({ q }).toString();
    a.href = u.pathname + u.search;
    a.textContent = a.textContent.replace("{q}", q);
  }
  box.hidden = false;
}

async function run() {
  const params = new URLSearchParams(location.search);
  const typed = (params.get("q") || "").trim();
  input.value = typed;
  if (!typed) return;
  status.textContent = t.loading;
  const [pf, q] = await Promise.all([load(), simplified(typed)]);
  await renderFilters(pf, params);
  const filters = {};
  for (const [k, v] of params) if (k.startsWith("f:") && v) filters[k.slice(2)] = v;
  // Clauses and notes are two searches filtered by kind, so that each list
  // is complete without fetching a fragment to tell them apart.
  const chosen = filters[t.kindFilter];
  const ofKind = (kind) => pf.search(q, { filters: { ...filters, [t.kindFilter]: chosen ? [chosen, kind] : kind } });
  const [parts, notes] = await Promise.all([ofKind(t.kindPart), ofKind(t.kindNote)]);
  const n = parts.results.length + notes.results.length;
  out.replaceChildren();
  await renderList(q, t.clauses, "clauses", parts.results);
  await renderList(q, t.notes, "notes", notes.results);
  if (!n) showElsewhere(typed);
  status.textContent = n ? countText(n) : t.noResults;
}

run().catch((e) => {
  status.textContent = String(e);
  console.error(e);
});
