// The site's own search reader (theme/assets/javascripts/search_index.js) run under Node over an index written to a
// folder, for bench_search.py: what each search finds and which of the index's files it downloads.
//
//   node search_reads.mjs READER INDEX_FOLDER SCREEN < searches.json     ([{text, sort}, ...])
//
// Prints, for each search, as JSON: {count, first, index, results}: how many pages it finds, the page numbers of
// its first screen (SCREEN results), the files read before that screen is known (the table of contents left out)
// and the result files its entries are shown from. Each search opens the index anew, as a new visitor would.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [reader, folder, screen] = process.argv.slice(2);
let read = [];
globalThis.fetch = async (url) => {
  const path = fileURLToPath(url);
  read.push(relative(folder, path));
  try {
    const data = await readFile(path, "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(data) };
  } catch {
    return { ok: false, status: 404 };
  }
};

const { openIndex } = await import(pathToFileURL(reader).href);
const searches = JSON.parse(readFileSync(0, "utf8"));
const answers = [];
for (const { text, sort } of searches) {
  const index = await openIndex(pathToFileURL(`${folder}/`), new URL("https://site.invalid/"));
  read = [];
  const search = await index.search(text, { sort: sort || undefined });
  const first = await search.results(Number(screen));
  const before = read;
  read = [];
  await Promise.all(first.map((result) => result.data()));
  answers.push({ count: search.count, first: first.map((result) => result.page), index: before, results: read });
  read = []; // the next search's table of contents is not this one's
}
console.log(JSON.stringify(answers));
