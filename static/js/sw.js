/* Guichet's service worker: what a person has seen stays readable offline.
   Served at /sw.js (scope: the whole site). Pages: network first, a copy kept
   with the time it was saved; offline, that copy is shown with a banner.
   Static files are fingerprinted, so they are kept as they are (cache first).
   Nothing else is stored: no admin page, no API answer, no page marked no-store.
   A region can also be saved whole, asked by its page (static/js/guichet.js):
   the pages its manifest lists are fetched without cookies (the public
   pages, never a signed-in person's) and kept like the pages seen. */
'use strict';

const PAGES = 'guichet-pages-v1';
const STATIC = 'guichet-static-v1';
// What was saved as a whole region, and when: one JSON entry per region manifest URL.
const SAVED = 'guichet-saved-v1';
const KEPT = [PAGES, STATIC, SAVED];
const REGION_MANIFEST = /^\/(fr|ar|en)\/regions\/[\w-]+\/offline\.json$/;
// A few fetches at a time: fast on a good network, gentle on a phone's.
const AT_ONCE = 4;
const LANGUAGES = ['fr', 'ar', 'en'];
const SAVED_AT = 'X-Guichet-Saved-At';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(PAGES)
      .then((cache) => cache.addAll(LANGUAGES.map((lang) => `/${lang}/offline/`)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => !KEPT.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

function isPage(url) {
  return LANGUAGES.some((lang) => url.pathname.startsWith(`/${lang}/`)) &&
    !url.pathname.includes('/admin/') && !url.pathname.endsWith('/offline/');
}

async function save(request, response) {
  const type = response.headers.get('Content-Type') || '';
  const control = response.headers.get('Cache-Control') || '';
  if (!response.ok || !type.startsWith('text/html') || /no-store|private/.test(control)) return;
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, new Date().toISOString());
  const body = await response.clone().arrayBuffer();
  const cache = await caches.open(PAGES);
  await cache.put(request.url, new Response(body, {status: response.status, headers}));
}

function languageOf(url) {
  const lang = url.pathname.split('/')[1];
  return LANGUAGES.includes(lang) ? lang : LANGUAGES[0];
}

async function withBanner(cached, url) {
  const savedAt = new Date(cached.headers.get(SAVED_AT));
  const lang = languageOf(url);
  const locale = lang === 'ar' ? 'ar-MA' : lang;
  const when = new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short'}).format(savedAt);
  const html = (await cached.text())
    .replace('id="offline-banner" role="status" hidden>', 'id="offline-banner" role="status">')
    .replace('<time></time>', `<time datetime="${savedAt.toISOString()}">${when}</time>`);
  const headers = new Headers(cached.headers);
  headers.delete('Content-Length');
  return new Response(html, {status: 200, headers});
}

async function page(request) {
  const url = new URL(request.url);
  try {
    // Revalidate (a 304 costs a few hundred bytes): online, a person sees the
    // page as it is now; a failure means offline, and the saved copy says so.
    const response = await fetch(request, {cache: 'no-cache'});
    await save(request, response);
    return response;
  } catch (offline) {
    const cached = await caches.match(request.url, {cacheName: PAGES});
    if (cached) return withBanner(cached, url);
    const fallback = await caches.match(`/${languageOf(url)}/offline/`, {cacheName: PAGES});
    if (fallback) return fallback;
    throw offline;
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) {
    event.respondWith(staticFile(request));
  } else if (request.mode === 'navigate' && isPage(url)) {
    event.respondWith(page(request));
  }
});

/* A region saved whole. */
async function keepOne(path) {
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) {
    const cache = await caches.open(STATIC);
    if (await cache.match(url.href)) return;
    const response = await fetch(url.href, {credentials: 'omit'});
    if (response.ok) await cache.put(url.href, response);
  } else if (isPage(url)) {
    const response = await fetch(url.href, {credentials: 'omit', cache: 'no-cache'});
    await save(new Request(url.href), response);
  }
}

async function savedEntry(manifest) {
  const found = await caches.match(manifest, {cacheName: SAVED});
  return found ? found.json() : null;
}

async function saveRegion(manifest, client) {
  const say = (message) => client && client.postMessage(Object.assign({manifest}, message));
  try {
    const response = await fetch(manifest, {credentials: 'omit', cache: 'no-cache'});
    if (!response.ok) throw new Error(response.status);
    const listed = await response.json();
    const queue = listed.urls.map((entry) => entry.url);
    const total = queue.length;
    let done = 0;
    const worker = async () => {
      while (queue.length) {
        await keepOne(queue.shift());
        done += 1;
        say({type: 'region-progress', done, total});
      }
    };
    await Promise.all(Array.from({length: AT_ONCE}, worker));
    const entry = {
      savedAt: new Date().toISOString(),
      pages: listed.pages,
      bytes: listed.bytes,
      summary: listed.summary,
      urls: listed.urls.map((e) => e.url).filter((u) => !u.startsWith('/static/')),
    };
    const saved = await caches.open(SAVED);
    await saved.put(manifest, new Response(JSON.stringify(entry), {headers: {'Content-Type': 'application/json'}}));
    say({type: 'region-status', entry});
  } catch (failure) {
    say({type: 'region-failed'});
  }
}

/* Removes a region's pages, except those another saved region still needs. */
async function removeRegion(manifest, client) {
  const saved = await caches.open(SAVED);
  const entry = await savedEntry(manifest);
  if (entry) {
    await saved.delete(manifest);
    const others = await Promise.all((await saved.keys()).map((request) => saved.match(request).then((r) => r.json())));
    const needed = new Set(others.flatMap((other) => other.urls));
    const pages = await caches.open(PAGES);
    await Promise.all(entry.urls.filter((url) => !needed.has(url))
      .map((url) => pages.delete(new URL(url, self.location.origin).href)));
  }
  if (client) client.postMessage({manifest, type: 'region-removed'});
}

self.addEventListener('message', (event) => {
  const data = event.data || {};
  /* The page that registered this worker was fetched before it was there: the
     page asks for itself to be kept. */
  if (data.type === 'keep' && typeof data.url === 'string') {
    const url = new URL(data.url);
    if (url.origin !== self.location.origin || !isPage(url)) return;
    event.waitUntil(fetch(url.href, {credentials: 'same-origin'}).then((response) => save(new Request(url.href), response))
      .catch(() => undefined));
    return;
  }
  if (typeof data.manifest !== 'string' || !REGION_MANIFEST.test(data.manifest)) return;
  if (data.type === 'save-region') {
    event.waitUntil(saveRegion(data.manifest, event.source));
  } else if (data.type === 'remove-region') {
    event.waitUntil(removeRegion(data.manifest, event.source));
  } else if (data.type === 'region-status') {
    event.waitUntil(savedEntry(data.manifest).then((entry) => event.source.postMessage(
      {manifest: data.manifest, type: 'region-status', entry})));
  }
});
