// Search with Pagefind, in Material's look (generator/theme/partials/search.html).
//
// Nothing of Pagefind is loaded with a page: its code and the index chunks a query needs are
// fetched on the first focus of the header search box, or on the search page. The header box
// shows the first results as one types; Enter (or "All results") opens the search page, where
// Pagefind's UI adds the filters. Material swaps pages without reloading them (instant
// navigation), so the page-level set-up runs on every emission of its document$ observable.
// Result titles and excerpts come from the indexed pages; they are put into the page as text
// (only Pagefind's <mark> around the matched words becomes an element), never as HTML.
(() => {
  "use strict";

  const script = document.currentScript;
  const bundle = new URL("../pagefind/", script.src);
  const site = new URL("../", script.src);
  const FIRST_RESULTS = 8;
  const UNAVAILABLE = "Search is unavailable here: the site must be served over HTTP and " +
    "built by `briefing build` (the live preview and file:// pages have no index).";

  let engine = null;
  function pagefind() {
    if (engine === null) {
      engine = import(new URL("pagefind.js", bundle).href).then(async (module) => {
        await module.options({ baseUrl: site.pathname });
        module.init();
        return module;
      });
      engine.catch(() => { engine = null; });
    }
    return engine;
  }

  function searchPage(query) {
    const url = new URL("search/", site);
    if (query) url.searchParams.set("q", query);
    return url.href;
  }

  // Pagefind's excerpt is escaped text with <mark>…</mark> around the matches: parsed inert
  // (DOMParser runs nothing), then rebuilt as text nodes and fresh <mark> elements only.
  function excerptNodes(excerpt) {
    const parsed = new DOMParser().parseFromString(`<body>${excerpt || ""}`, "text/html");
    return [...parsed.body.childNodes].map((node) => {
      const text = document.createTextNode(node.textContent);
      if (node.nodeName !== "MARK") return text;
      const mark = document.createElement("mark");
      mark.append(text);
      return mark;
    });
  }

  function resultItem(data) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    const facts = [data.meta && data.meta.date, data.meta && data.meta.outlet].filter(Boolean);
    article.append(title);
    if (facts.length) {
      const line = document.createElement("nav");
      line.className = "md-tags";
      line.textContent = facts.join(" · ");
      article.append(line);
    }
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(data.excerpt));
    article.append(excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  function allResultsItem(query) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link briefing-search-all";
    link.href = searchPage(query);
    link.textContent = "All results, with filters by speaker, topic, year and outlet →";
    item.append(link);
    return item;
  }

  function setUpHeaderBox() {
    const box = document.querySelector("[data-briefing-search]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "yes";
    const toggle = document.getElementById("__search");
    const input = box.querySelector("[data-briefing-search-query]");
    const meta = box.querySelector("[data-briefing-search-meta]");
    const list = box.querySelector("[data-briefing-search-results]");
    let latest = 0;

    const open = () => {
      if (toggle && !toggle.checked) toggle.checked = true;
      pagefind().catch(() => { meta.textContent = UNAVAILABLE; });
    };
    const close = () => {
      if (toggle) toggle.checked = false;
      input.blur();
    };

    input.addEventListener("focus", open);
    if (toggle) {
      toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
    }
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close();
    });
    list.addEventListener("click", (event) => {
      if (event.target.closest("a")) close();
    });
    input.addEventListener("input", async () => {
      const query = input.value.trim();
      const ticket = ++latest;
      if (!query) {
        list.replaceChildren();
        meta.textContent = "Type to start searching";
        return;
      }
      let found;
      try {
        const engine = await pagefind();
        const search = await engine.debouncedSearch(query, {}, 150);
        if (search === null || ticket !== latest) return;  // a newer keystroke took over
        found = search;
      } catch (error) {
        meta.textContent = UNAVAILABLE;
        return;
      }
      const first = await Promise.all(found.results.slice(0, FIRST_RESULTS)
        .map((result) => result.data()));
      if (ticket !== latest) return;
      const count = found.results.length;
      meta.textContent = count === 0 ? "No matching documents"
        : count === 1 ? "1 matching document" : `${count} matching documents`;
      list.replaceChildren(...first.map(resultItem), allResultsItem(query));
      list.dataset.query = query;  // which query the list shows
    });
  }

  let uiScript = null;
  function loadUi() {
    if (uiScript === null) {
      // Styles from here, not from the page's head: instant navigation keeps the head of
      // the page it started on.
      uiScript = new Promise((resolve, reject) => {
        for (const href of [new URL("pagefind-ui.css", bundle),
                            new URL("../stylesheets/pagefind-search.css", script.src)]) {
          const style = document.createElement("link");
          style.rel = "stylesheet";
          style.href = href.href;
          document.head.append(style);
        }
        const code = document.createElement("script");
        code.src = new URL("pagefind-ui.js", bundle).href;
        code.onload = resolve;
        code.onerror = reject;
        document.head.append(code);
      });
      uiScript.catch(() => { uiScript = null; });
    }
    return uiScript;
  }

  async function setUpSearchPage() {
    const holder = document.querySelector("[data-briefing-search-page]");
    if (!holder || holder.dataset.ready) return;
    holder.dataset.ready = "yes";
    try {
      await loadUi();
    } catch (error) {
      holder.textContent = UNAVAILABLE;
      return;
    }
    const ui = new window.PagefindUI({
      element: holder,
      bundlePath: bundle.pathname,
      baseUrl: site.pathname,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      autofocus: true,
      openFilters: ["speaker", "topic", "year", "outlet"],
    });
    const query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  function setUp() {
    setUpHeaderBox();
    setUpSearchPage();
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setUp);
  } else {
    setUp();
  }
})();
