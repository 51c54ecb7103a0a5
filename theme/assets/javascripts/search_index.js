// Reads the site's search index (generator/search_index.py says what its files hold; the two must agree).
// Imported by search.js on the first use of a search box. A query downloads the table of contents once, then for
// each query word a few word files (at most the table's ``widest``) and a code file, and the metadata files of the
// results it shows.
//
// A query is the words of folded text (search.js: foldQuery). A page is found when it has, for every query word,
// a word that begins with it, or a registration code that is the query word. A query word must be the whole word
// when it is one character long, or when more than the table's ``widest`` word files hold words it begins (two
// letters at 100,000 initiatives): it would download them all. Its score is the sum, over the query words, of the
// best word found: a title word or a code weighs more than one elsewhere, a whole word twice a word it only begins.
// Results come best first, equal scores newest first; or in the order of a sort key, read a part at a time: a
// search counts its results at once, and takes them from the key's order as far as the screens shown need.

const FORMAT = 3; // generator/search_index.py: FORMAT
const TABLE = "muc-luc.json"; // generator/search_index.py: TABLE
// generator/search.py: _WORD, letters and digits joined by - / . , inside
const WORD = /[\p{L}\p{N}_]+(?:[-/.,][\p{L}\p{N}_]+)*/gu;
const PART = 0.5; // a word the query word only begins counts half

/** A word file's name from its words' beginning (generator/search_index.py: file_name): "2," -> "2_2c_". */
export function fileName(prefix) {
  return Array.from(prefix, (char) => (/^[a-z0-9]$/.test(char) ? char : `_${char.codePointAt(0).toString(16)}_`))
    .join("");
}

function pagesFrom(gaps) {
  let page = 0;
  return gaps.map((gap) => (page += gap));
}

/** The index in ``folder`` (a URL ending in "/"); pages' addresses are relative to ``siteRoot``. */
export async function openIndex(folder, siteRoot) {
  const files = new Map(); // path -> promise of its JSON; a failed download is tried again on the next query

  function read(path) {
    if (!files.has(path)) {
      const loading = fetch(new URL(path, folder)).then((response) => {
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      });
      loading.catch(() => files.delete(path));
      files.set(path, loading);
    }
    return files.get(path);
  }

  const table = await read(TABLE);
  if (table.format !== FORMAT) throw new Error(`search index format ${table.format}`);
  const weights = table.weights;

  /** The beginnings, in ``files`` (a table of word or code files), of the files that may hold ``term``, or with
   * ``whole`` false the words it begins: for a one-character term only the file of that word; otherwise the files
   * whose beginning begins the term, and those whose beginning the term begins. */
  function beginnings(term, files, whole) {
    if (Array.from(term).length < 2) return Object.hasOwn(files, term) ? [term] : [];
    return Object.keys(files).filter((prefix) => Array.from(prefix).length >= 2
      && (term.startsWith(prefix) || (!whole && prefix.startsWith(term))));
  }

  /** Whether ``term`` is found only as a whole word: one character, or more word files than the table's
   * ``widest`` begin with it. */
  function wholeOnly(term) {
    if (Array.from(term).length < 2) return true;
    return Object.keys(table.words).filter((prefix) => prefix.startsWith(term)).length > table.widest;
  }

  function entries(kind, files, prefixes) {
    return Promise.all(prefixes.map((prefix) => read(`${kind}/${fileName(prefix)}.${files[prefix]}.json`)));
  }

  /** Page number -> score of one query word. */
  async function scoresOf(term) {
    const scores = new Map();
    const whole = wholeOnly(term);
    const [words, codes] = await Promise.all([
      entries("tu", table.words, beginnings(term, table.words, whole)),
      entries("ma", table.codes, beginnings(term, table.codes, true))]);
    const found = [...words.flat(), ...codes.flat().filter(([code]) => code === term)];
    for (const [word, title, other] of found) {
      if (whole ? word !== term : !word.startsWith(term)) continue;
      const share = word === term ? 1 : PART;
      for (const [gaps, weight] of [[title, weights.title], [other, weights.other]]) {
        for (const page of pagesFrom(gaps)) {
          if ((scores.get(page) || 0) < weight * share) scores.set(page, weight * share);
        }
      }
    }
    return scores;
  }

  /** The pages of ``scores`` in the order of ``sort`` (a sort key, the newest, or none: by score), as
   * {count, take(end)}: ``take`` gives the first ``end`` of them, reading a key's parts as far as it needs. */
  async function ordered(scores, sort) {
    if (!sort || sort === table.newest) {
      const list = [...scores.keys()].sort(sort ? (a, b) => a - b : (a, b) => scores.get(b) - scores.get(a) || a - b);
      return { count: list.length, take: async (end) => list.slice(0, end) };
    }
    if (!Object.hasOwn(table.sorts, sort)) return { count: 0, take: async () => [] };
    return byKey(scores, sort);
  }

  /** ``ordered`` by a sort key: the pages without the key read to count, its parts as far as asked. */
  async function byKey(scores, sort) {
    const { parts, least, missing } = table.sorts[sort];
    const partFile = (number) => `xep/${sort}/${number}.${parts[number]}.json`;
    // asked for beside the pages without the key: one round trip for a broad search
    if (parts.length && scores.size) read(partFile(0)).catch(() => {});
    const without = new Set(pagesFrom(await read(`xep/${sort}/thieu.${missing}.json`)));
    let count = 0;
    for (const page of scores.keys()) if (!without.has(page)) count += 1;
    const found = [];
    let next = 0; // parts read; then the pages of the least value, in page order
    let reading = Promise.resolve();
    // parts in batches of 1, 2, 4, ...: a broad search fills a screen from the first part, a narrow one reads
    // on in a few round trips
    async function readOn(end) {
      const wanted = Math.min(end, count);
      for (let batch = 1; found.length < wanted && next < parts.length; batch *= 2) {
        const numbers = parts.slice(next, next + batch).map((_, offset) => next + offset);
        const ranked = await Promise.all(numbers.map((number) => read(partFile(number))));
        for (const part of ranked) for (const page of part) if (scores.has(page)) found.push(page);
        next += numbers.length;
      }
      if (found.length < wanted && next === parts.length) {
        for (const page of pagesFrom(await read(`xep/${sort}/cuoi.${least}.json`))) {
          if (scores.has(page)) found.push(page);
        }
        next += 1;
      }
    }
    return {
      count,
      take(end) { // one reading at a time: "Xem thêm" pressed twice waits for the first
        reading = reading.catch(() => {}).then(() => readOn(end)); // a part that failed is read again
        return reading.then(() => found.slice(0, end));
      },
    };
  }

  async function pageData(page) {
    const number = Math.floor(page / table.pages_per_file);
    const shown = await read(`trang/${number}.${table.page_files[Math.floor(number / table.files_per_hash)]}.json`);
    const [url, meta] = shown[page - number * table.pages_per_file];
    return { url: new URL(url, siteRoot).href, meta };
  }

  /** The pages that have every word of ``text``, in the order of ``sort`` (a sort key; by score without one):
   * {count, results(end), typeMore}. ``results(end)`` gives the first ``end`` as [{page, data()}], ``data()``
   * giving {url, meta}; ``typeMore``: the query words found only whole because too many word files begin with
   * them. */
  async function search(text, { sort } = {}) {
    const terms = [...new Set(text.match(WORD) || [])];
    if (!terms.length) return { count: 0, results: async () => [], typeMore: [] };
    const typeMore = terms.filter((term) => Array.from(term).length >= 2 && wholeOnly(term));
    const each = (await Promise.all(terms.map(scoresOf))).sort((a, b) => a.size - b.size);
    const total = new Map(each[0]);
    for (const scores of each.slice(1)) {
      for (const [page, score] of total) {
        if (scores.has(page)) total.set(page, score + scores.get(page));
        else total.delete(page);
      }
    }
    const { count, take } = await ordered(total, sort);
    const results = async (end) => (await take(end)).map((page) => ({ page, data: () => pageData(page) }));
    return { count, results, typeMore };
  }

  return { search };
}
