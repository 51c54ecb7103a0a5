// Site search: the box in every page's header (theme/partials/sk_search.html) and the helpers the search page
// (browse.js) shares. The index (site/chi-muc/, generator/search_index.py) and its reader (search_index.js) are
// loaded on the first focus of a search box, so a page view downloads none of them.
// The index holds every word folded: lower case, no tone marks, đ written d (generator/search.py says why);
// queries are folded the same way here, so "Điện lực Thủ Đức" and "dien luc thu duc" are the same query.
// Everything shown from the index goes through textContent: index data never becomes markup.

const HEADER_RESULTS = 6; // a phone screen of results; the search page shows the rest
const TYPING_PAUSE_MS = 200; // search once the reader pauses, not on every key

const form = document.querySelector("form.sk-search");

/** The index's folder, from the header form (the site may live below a path, /repo/chi-muc/). */
function indexUrl() {
  return new URL(form ? form.dataset.index : "chi-muc/", document.baseURI);
}

let loading = null;

/** The search index, opened once; a failed download (offline phone) is retried on the next use. */
export function loadIndex() {
  if (!loading) {
    const folder = indexUrl();
    // result addresses are relative to the site's root, which is the folder above the index
    loading = import("./search_index.js").then((reader) => reader.openIndex(folder, new URL("../", folder)));
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** The query as typed, spaces tidied; "" when there is nothing to search for. */
export function cleanQuery(text) {
  return text.replace(/\s+/g, " ").trim();
}

/** The query spelled as the index spells words (generator/search.py: folded_words): "Đức" -> "duc". */
export function foldQuery(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** Only links into this site: a result URL that is anything else becomes inert. */
function safeHref(url) {
  try {
    const target = new URL(url, document.baseURI);
    return target.origin === location.origin ? target.href : "#";
  } catch (error) {
    return "#";
  }
}

function paragraph(className, text) {
  const element = document.createElement("p");
  element.className = className;
  element.textContent = text;
  return element;
}

/** One result: its title as a link, then kind (news only), unit and date, authors, summary and benefit. */
export function resultItem(result) {
  const meta = result.meta || {};
  const item = document.createElement("li");
  item.className = "sk-result";
  const title = document.createElement("a");
  title.className = "sk-result__title";
  title.href = safeHref(result.url);
  title.textContent = meta.title || result.url;
  item.append(title);
  item.append(paragraph("sk-result__meta", [meta.kind, meta.unit, meta.date].filter(Boolean).join(" · ")));
  if (meta.authors) item.append(paragraph("sk-result__authors", `Tác giả: ${meta.authors}`));
  if (meta.summary) item.append(paragraph("sk-result__summary", meta.summary));
  if (meta.benefit) item.append(paragraph("sk-result__benefit", meta.benefit));
  return item;
}

/** What the status line says: the number of results for the query, or that there are none; with none, that more
 * must be typed after a word too many words begin with (search_index.js: typeMore, folded as the query is). */
export function countText(count, query, noun = "kết quả", typeMore = []) {
  if (count === 0 && typeMore.length) return `Hãy gõ thêm: có quá nhiều từ bắt đầu bằng “${typeMore[0]}”.`;
  if (count === 0) return query ? `Không tìm thấy kết quả cho “${query}”.` : "Không có kết quả nào khớp bộ lọc.";
  const number = count.toLocaleString("vi-VN");
  return query ? `${number} ${noun} cho “${query}”` : `${number} ${noun}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The header box.

function enhanceHeader(form) {
  const input = form.querySelector(".sk-search__input");
  const panel = form.querySelector(".sk-search__panel");
  const status = form.querySelector(".sk-search__status");
  const list = form.querySelector(".sk-search__results");
  const all = form.querySelector(".sk-search__all a");
  const open = form.querySelector(".sk-search__open");
  const close = form.querySelector(".sk-search__close");
  let pause = null;
  let latest = 0; // answers to earlier queries that arrive late are dropped

  function showPanel(shown) {
    panel.hidden = !shown;
    input.setAttribute("aria-expanded", String(shown));
  }

  // On a phone the box is closed behind the magnifier; opening it puts it over the header.
  function setOpen(opened) {
    form.classList.toggle("sk-search--open", opened);
    close.hidden = !opened;
    if (opened) input.focus();
    else { showPanel(false); open.focus(); }
  }

  async function run() {
    const query = cleanQuery(input.value);
    const asked = ++latest;
    // the search page on both kinds, as here: its count is the one this box shows (generator/search.py: ANY_KIND)
    all.href = `${form.action}?q=${encodeURIComponent(query)}&loai=tat-ca`;
    if (!query) { showPanel(false); return; }
    showPanel(true);
    status.textContent = "Đang tìm…";
    try {
      const index = await loadIndex();
      const search = await index.search(foldQuery(query));
      const found = await Promise.all((await search.results(HEADER_RESULTS)).map((result) => result.data()));
      if (asked !== latest) return;
      list.replaceChildren(...found.map(resultItem));
      status.textContent = countText(search.count, query, undefined, search.typeMore);
    } catch (error) {
      if (asked !== latest) return;
      list.replaceChildren();
      status.textContent = "Không tải được bộ tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại.";
    }
  }

  // Arrow keys walk from the box through the result links and back; Escape closes.
  function links() {
    return [...panel.querySelectorAll("a")];
  }

  function onKey(event) {
    const targets = links();
    const at = targets.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      if (form.classList.contains("sk-search--open") && panel.hidden) setOpen(false);
      else { showPanel(false); input.focus(); }
    } else if (event.key === "ArrowDown" && !panel.hidden && targets.length) {
      event.preventDefault();
      targets[Math.min(at + 1, targets.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : targets[at - 1]).focus();
    }
  }

  input.addEventListener("focus", () => { loadIndex().catch(() => {}); });
  input.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(run, TYPING_PAUSE_MS);
  });
  form.addEventListener("keydown", onKey);
  form.addEventListener("submit", (event) => {
    if (!cleanQuery(input.value)) event.preventDefault(); // an empty search opens nothing
  });
  // the results close when focus or a click leaves the search
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) showPanel(false);
  });
  input.addEventListener("click", () => { if (cleanQuery(input.value) && panel.hidden) run(); });
  open.addEventListener("click", (event) => {
    event.preventDefault();
    setOpen(true);
  });
  close.addEventListener("click", () => setOpen(false));
}

if (form) enhanceHeader(form);
