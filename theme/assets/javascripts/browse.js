// The search page (theme/browse.html): text, filters and sort over the search index, with or without text.
// Every filter choice carries the word that stands for it in the index (data-word, from generator/search.py):
// a search asks for the words of the kind and the filters chosen, plus the words typed, so it narrows without
// filter files of its own, and lists a kind of page when nothing is typed. The form's state lives in the
// address (?q=…&don-vi=…): a search can be shared.

import { cleanQuery, countText, foldQuery, loadIndex, resultItem } from "./search.js";

const PAGE_SIZE = 20; // results shown at once; "Xem thêm" shows the next ones
const TYPING_PAUSE_MS = 300;
const INITIATIVE = "sang-kien"; // generator/search.py: INITIATIVE, the kind the other filters apply to
const NEWS = "tin-tuc"; // generator/search.py: NEWS
const NEWEST = "ngay"; // generator/search.py: NEWEST, the order of a search without text

function start(root) {
  const form = root.querySelector(".sk-browse__form");
  const input = form.elements.q;
  const kind = form.elements.loai; // generator/search.py: KIND
  const sort = form.elements["sap-xep"];
  const filters = [...form.querySelectorAll("select[data-sk-filter]")];
  const status = root.querySelector(".sk-browse__status");
  const list = root.querySelector(".sk-results");
  const more = root.querySelector(".sk-browse__more");
  let search = null; // the last search's answer (search_index.js: search)
  let shown = 0;
  let latest = 0; // answers to earlier searches that arrive late are dropped
  let pause = null;

  // Unit, field, year, level and benefit belong to initiatives: news cannot be narrowed or sorted by them.
  function fitToKind() {
    const news = kind.value !== INITIATIVE;
    for (const select of filters) select.disabled = news;
    for (const option of sort.options) option.disabled = news && option.value !== "" && option.value !== NEWEST;
    if (sort.selectedOptions[0].disabled) sort.value = "";
  }

  // (both kinds of page have no word of their own: generator/search.py, ANY_KIND)
  function chosenWords() {
    return [kind, ...filters]
      .filter((select) => !select.disabled && select.value && select.selectedOptions[0].dataset.word)
      .map((select) => select.selectedOptions[0].dataset.word);
  }

  function noun() {
    return { [INITIATIVE]: "sáng kiến", [NEWS]: "tin" }[kind.value] || "kết quả";
  }

  // "Phù hợp nhất" needs words typed to rank by; without any, the newest come first.
  function order(query) {
    return sort.value || (query ? undefined : NEWEST);
  }

  // The address mirrors the form: only what differs from the defaults.
  function remember(query) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const select of [kind, ...filters, sort]) {
      const changed = !select.disabled && select.value && select.value !== select.options[0].value;
      if (changed) params.set(select.name, select.value);
    }
    history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  }

  function restore() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const select of [kind, ...filters, sort]) {
      const value = params.get(select.name);
      if (value !== null && [...select.options].some((option) => option.value === value)) select.value = value;
    }
    fitToKind();
  }

  async function showMore(moveFocus) {
    const asked = latest;
    const answer = search;
    const next = (await answer.results(shown + PAGE_SIZE)).slice(shown);
    const found = await Promise.all(next.map((result) => result.data()));
    if (asked !== latest) return;
    const items = found.map(resultItem);
    list.append(...items);
    shown += next.length;
    more.hidden = shown >= answer.count;
    // a keyboard reader lands on the first new result rather than back at the top
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  // a search asked for (the button, Enter): on a phone the filters fill the screen below the box, so the answer
  // is brought into view, and the keyboard closed
  function reveal() {
    if (status.getBoundingClientRect().bottom > window.innerHeight) status.scrollIntoView({ block: "start" });
  }

  async function run(submitted = false) {
    const query = cleanQuery(input.value);
    const asked = ++latest;
    remember(query);
    if (!chosenWords().length && !foldQuery(query).trim()) { // both kinds, nothing typed: no word to list pages by
      search = null;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Hãy gõ từ khoá để tìm trong cả sáng kiến và tin tức.";
      return;
    }
    status.textContent = "Đang tìm…";
    try {
      const index = await loadIndex();
      const words = [...chosenWords(), foldQuery(query)].join(" ").trim();
      const answer = await index.search(words, { sort: order(query) });
      if (asked !== latest) return;
      search = answer;
      shown = 0;
      list.replaceChildren();
      await showMore(false);
      if (asked !== latest) return;
      status.textContent = countText(search.count, query, noun(), search.typeMore);
      if (submitted) reveal();
    } catch (error) {
      if (asked !== latest) return;
      status.textContent = "Không tải được bộ tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại.";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(pause);
    input.blur();
    run(true);
  });
  input.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(run, TYPING_PAUSE_MS);
  });
  form.addEventListener("change", (event) => {
    if (event.target === input) return; // typing has its own pause
    if (event.target === kind) fitToKind();
    run();
  });
  more.addEventListener("click", () => showMore(true));

  root.querySelector(".sk-browse__nojs").hidden = true;
  form.hidden = false;
  restore();
  run();
}

const root = document.querySelector(".sk-browse");
if (root) start(root);
