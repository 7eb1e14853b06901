/**
 * The header search box. Pagefind's index and code (built after `astro build`, served from
 * /pagefind/) load only when the box is first used, so pages stay light. Results are built
 * with DOM nodes: excerpts are parsed in an inert document and only text and <mark> are kept.
 */
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] }>;
}

let loading: Promise<Pagefind> | undefined;
function pagefind(): Promise<Pagefind> {
  const url = '/pagefind/pagefind.js';
  loading ??= import(/* @vite-ignore */ url).then(async (m: Pagefind) => {
    await m.init();
    return m;
  });
  return loading;
}

/** Keeps the excerpt's text and highlights; drops any other markup. */
function excerptNodes(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return [...doc.body.childNodes].map((n) => {
    if (n.nodeName === 'MARK') {
      const m = document.createElement('mark');
      m.textContent = n.textContent;
      return m;
    }
    return document.createTextNode(n.textContent ?? '');
  });
}

export function initSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search]');
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const box = form?.querySelector<HTMLElement>('[data-search-results]');
  if (!form || !input || !box) return;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const close = () => {
    box.hidden = true;
  };
  const show = (nodes: Node[]) => {
    box.replaceChildren(...nodes);
    box.hidden = false;
  };
  const status = (text: string) => {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = text;
    return p;
  };
  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) return close();
    let pf: Pagefind;
    try {
      pf = await pagefind();
    } catch {
      return show([status('Search is not available (the index was not built).')]);
    }
    const { results } = await pf.search(q);
    const data = await Promise.all(results.slice(0, 8).map((r) => r.data()));
    if (mine !== seq) return;
    if (!data.length) return show([status(`No lessons match “${q}”.`)]);
    const list = document.createElement('ul');
    for (const d of data) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = d.url;
      a.className = 'search-title';
      a.textContent = d.meta.title ?? d.url;
      const ex = document.createElement('p');
      ex.append(...excerptNodes(d.excerpt));
      li.append(a, ex);
      list.append(li);
    }
    show([list]);
  };
  input.addEventListener('focus', () => void pagefind().catch(() => undefined), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    box.querySelector<HTMLAnchorElement>('a')?.focus();
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      input.focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target as Node)) close();
  });
}
